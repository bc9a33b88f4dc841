from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from missions.models import Mission, Source
from projects import history
from projects.admin_history import JournaledAdmin, MilestoneAdminForm, WithdrawableAdmin
from projects.models import (
    Announcement,
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never written from the admin: no add, change or delete."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    """New milestones of the project; a dated one keeps its first published date, and none is
    deleted from here (withdraw it from its own page)."""

    model = Milestone
    form = MilestoneAdminForm
    extra = 0
    fields = ["position", "title", "baseline_on", "baseline_precision", "confidence"]
    can_delete = False
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(WithdrawableAdmin):
    """Projects are never deleted, only withdrawn (`history.withdraw_project`)."""

    list_display = ["name", "mission", "listing", "entered_on", "confidence", "withdrawn_on"]
    list_filter = ["mission", "listing", "confidence"]
    search_fields = ["name", "slug", "summary", "lead_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["leads", "sources"]
    inlines = [MilestoneInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def withdraw(self, obj, *, reason, actor):
        history.withdraw_project(project=obj, reason=reason, actor=actor)


class MilestoneChangeInline(admin.TabularInline):
    model = MilestoneChange
    extra = 0
    fields = ["forecast_on", "forecast_precision", "actual_on", "actual_precision", "reason"]
    readonly_fields = fields
    can_delete = False  # the baseline chain is append-only, as status updates are

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Milestone)
class MilestoneAdmin(WithdrawableAdmin):
    """A milestone nothing was published about may be deleted; any other is withdrawn
    (`history.withdraw_milestone`), and its first published date never changes."""

    form = MilestoneAdminForm
    list_display = ["title", "project", "baseline_on", "confidence", "withdrawn_on"]
    list_filter = ["project__mission", "confidence"]
    search_fields = ["title", "project__name"]
    inlines = [MilestoneChangeInline]

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return Milestone.objects.deletable().filter(pk=obj.pk).exists()

    def delete_queryset(self, request, queryset):
        # Django's bulk action checks each object too; this holds whatever calls it.
        if queryset.exclude(pk__in=Milestone.objects.deletable().values("pk")).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def delete_model(self, request, obj):
        if not Milestone.objects.deletable().filter(pk=obj.pk).exists():
            raise PermissionDenied
        super().delete_model(request, obj)

    def withdraw(self, obj, *, reason, actor):
        history.withdraw_milestone(milestone=obj, reason=reason, actor=actor)


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdmin):
    """Updates are append-only and written by the services only (drafted, submitted and
    validated through the site's forms): the admin shows them, corrections are new updates."""

    list_display = ["project", "as_of", "meteo", "phase", "state", "author"]
    list_filter = ["state", "meteo", "phase", "project__mission"]
    search_fields = ["project__name", "summary"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["is_target", "on", "on_precision", "value", "qualifier", "text", "confidence"]


@admin.register(Indicator)
class IndicatorAdmin(JournaledAdmin):
    list_display = ["name", "mission", "project", "unit"]
    inlines = [MeasurementInline]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    """Read-only: press snapshots are made at /instantanes/, editions by `load_programme`, and
    the database refuses any change to a published press snapshot."""

    list_display = ["title", "taken_on", "kind", "announced_total", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The journal, read-only: nobody edits or deletes it."""

    list_display = ["at", "actor", "action", "project"]
    list_filter = ["action"]
    search_fields = ["action", "project__name"]


# The reference data's own models are administered here, with the same journal as the
# portfolio's (missions/ stays a leaf that imports nothing of projects/).
@admin.register(Mission)
class MissionAdmin(JournaledAdmin):
    list_display = ["code", "name", "order", "renamed_to"]
    ordering = ["order"]
    search_fields = ["code", "name"]
    filter_horizontal = ["sources"]


@admin.register(Source)
class SourceAdmin(JournaledAdmin):
    list_display = ["key", "url"]
    search_fields = ["key", "url", "description"]


@admin.register(Announcement)
class AnnouncementAdmin(JournaledAdmin):
    list_display = ["title", "project", "on", "confidence"]
    search_fields = ["title", "project__name"]
