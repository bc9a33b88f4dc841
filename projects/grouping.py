from dataclasses import dataclass, field

from django.utils.translation import gettext

from missions.models import Mission


@dataclass
class MissionGroup:
    """A mission and its listed projects; `mission` is None for projects of unknown mission.

    `total` counts all its projects in the portfolio, listed or not.
    """

    mission: Mission | None
    projects: list = field(default_factory=list)
    total: int = 0

    @property
    def anchor(self) -> str:
        return f"mission-{self.mission.code.lower() if self.mission else 'inconnue'}"

    @property
    def label(self) -> str:
        return self.mission.code if self.mission else gettext("mission non connue")

    @property
    def code(self) -> str:
        """The mission's code, "" for projects of unknown mission."""
        return self.mission.code if self.mission else ""

    @property
    def unlisted(self) -> int:
        return max(self.total - len(self.projects), 0)


def group_by_mission(missions, projects, totals=None) -> list[MissionGroup]:
    """Every mission in order (even one with no identified project), then the unknown ones."""
    totals = totals or {}
    groups = {
        mission.pk: MissionGroup(mission, total=totals.get(mission.pk, 0)) for mission in missions
    }
    unknown = MissionGroup(None, total=totals.get(None, 0))
    for project in projects:
        groups.get(project.mission_id, unknown).projects.append(project)
    for group in [*groups.values(), unknown]:
        group.total = max(group.total, len(group.projects))
    return [*groups.values(), *([unknown] if unknown.projects else [])]
