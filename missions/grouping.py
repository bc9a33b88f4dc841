from dataclasses import dataclass, field

from missions.models import Mission


@dataclass
class MissionGroup:
    """A mission and its projects; `mission` is None for projects whose mission is not known."""

    mission: Mission | None
    projects: list = field(default_factory=list)


def group_by_mission(missions, projects) -> list[MissionGroup]:
    """Every mission in order (even one with no identified project), then the unknown ones."""
    groups = {mission.pk: MissionGroup(mission) for mission in missions}
    unknown = MissionGroup(None)
    for project in projects:
        groups.get(project.mission_id, unknown).projects.append(project)
    return [*groups.values(), *([unknown] if unknown.projects else [])]
