from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from projects.models import (
    AuditEvent,
    Indicator,
    Measurement,
    Milestone,
    MilestoneChange,
    Project,
    Snapshot,
    StatusUpdate,
)

admin.site.site_header = _("Administration du tableau de bord TECH.GOUV")
admin.site.site_title = _("TECH.GOUV")
admin.site.index_title = _("Bureau du programme")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["position", "title", "baseline_on", "baseline_precision", "confidence"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "mission", "listing", "entered_on", "confidence"]
    list_filter = ["mission", "listing", "confidence"]
    search_fields = ["name", "slug", "summary", "lead_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["leads", "sources"]
    inlines = [MilestoneInline]


class MilestoneChangeInline(admin.TabularInline):
    model = MilestoneChange
    extra = 0
    fields = ["forecast_on", "forecast_precision", "actual_on", "actual_precision", "reason"]
    readonly_fields = fields
    can_delete = False  # the baseline chain is append-only, as status updates are

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "baseline_on", "confidence"]
    list_filter = ["project__mission", "confidence"]
    search_fields = ["title", "project__name"]
    inlines = [MilestoneChangeInline]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    """Updates are append-only: the admin shows them, corrections are new updates."""

    list_display = ["project", "as_of", "meteo", "phase", "state", "author"]
    list_filter = ["state", "meteo", "phase", "project__mission"]
    search_fields = ["project__name", "summary"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["is_target", "on", "on_precision", "value", "qualifier", "text", "confidence"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "mission", "project", "unit"]
    inlines = [MeasurementInline]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: press snapshots are made at /instantanes/, editions by `load_programme`, and
    the database refuses any change to a published press snapshot."""

    list_display = ["title", "taken_on", "kind", "announced_total", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "project"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
