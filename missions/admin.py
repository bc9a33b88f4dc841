from django.contrib import admin

from missions.models import Mission, Source
from projects.admin_history import JournaledAdmin


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
