"""What the project page shows besides the project itself (milestones and their baseline
chains, history, indicators, and for the people who steer the project the suggested météo,
the update in progress and the journal), in a fixed number of queries whatever the number of
milestones or updates."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from projects import meteo_rules, perms
from projects.baseline_chain import chains
from projects.enums import UpdateState
from projects.models import AuditEvent, Measurement, MilestoneChange

JOURNAL_LENGTH = 30


@dataclass
class ProjectPage:
    user: object
    project: object
    day: date
    past: bool
    milestones: list
    indicators: list
    updates: list
    announcements: list

    def context(self) -> dict:
        user, project = self.user, self.project
        can_read_internal = perms.can_read_internal(user, project)
        context = {
            "milestones": self.milestones,
            "updates": self.updates,
            "announcements": self.announcements,
            "current_update": self.updates[0] if self.updates else None,
            "chains": chains(self.milestones, self._published_moves()),
            "can_post_update": perms.can_post_update(user, project),
            "can_read_internal": can_read_internal,
            "can_read_journal": perms.can_read_journal(user),
            "can_validate": perms.can_validate(user),
            "pending_update": None,
            "explanation": None,
            "journal": [],
        }
        if can_read_internal:
            latest = (
                project.updates.order_by("-pk")
                .select_related("author", "reviewed_by")
                .prefetch_related(
                    "milestone_changes__milestone", "new_milestones", "author__groups"
                )
                .first()
            )
            if latest is not None and latest.state != UpdateState.VALIDATED:
                context["pending_update"] = latest
            context["explanation"] = meteo_rules.explain_project(
                project, milestones=self.milestones, indicators=self.indicators, today=self.day
            )
        if perms.can_read_journal(user):
            journal = (
                AuditEvent.objects.filter(project=project)
                .select_related("actor")
                .prefetch_related("actor__groups")
            )
            context["journal"] = list(journal[:JOURNAL_LENGTH])
        return context

    def _published_moves(self):
        moves = MilestoneChange.objects.filter(
            milestone__project=self.project,
            forecast_on__isnull=False,
            published_on__isnull=False,
            published_on__lte=self.day,
        ).select_related("author")
        if perms.can_read_internal(self.user, self.project):  # the authors are shown
            moves = moves.prefetch_related("author__groups")
        return moves


def project_page(user, project, as_of: date | None = None) -> ProjectPage:
    """The project page of `project` (annotated by `with_status(as_of)`) on `as_of`."""
    day = as_of or timezone.localdate()
    milestones = list(
        project.milestones.with_dates(as_of)
        .visible_on(as_of)
        .select_related("project")
        .prefetch_related("sources")
        .order_by("position", "pk")
    )
    measurements = Measurement.objects.known_on(as_of).order_by("is_target", "on", "pk")
    indicators = list(
        project.indicators.prefetch_related(Prefetch("measurements", queryset=measurements))
    )
    updates = list(
        project.updates.published(day).prefetch_related("sources").order_by("-as_of", "-pk")
    )
    announcements = list(project.announcements.filter(on__lte=day).prefetch_related("sources"))
    return ProjectPage(
        user, project, day, as_of is not None, milestones, indicators, updates, announcements
    )
