from django.contrib import admin

from missions.models import Mission, Source


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "renamed_to"]
    ordering = ["order"]
    search_fields = ["code", "name"]
    filter_horizontal = ["sources"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["key", "url"]
    search_fields = ["key", "url", "description"]
