"""Where each of a lead's projects stands in the update loop: its latest update (draft to
finish, submitted, returned with the office's comment, published), and whether an update is due.

An update is due when the project has published nothing for `rules.STALE_DAYS` days
(`rules.is_stale`, through `with_status`) or when a milestone passed without news (state
« en retard » or « échéance passée, réalisation non renseignée », through `with_dates`), unless
an update already waits for the programme office. « Mes projets » and the weekly reminder
(`send_reminders`) read it here; nothing re-decides a state. Three queries for any number of
projects.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from projects.enums import MilestoneState, UpdateState
from projects.formats import fuzzydate
from projects.models import Milestone, Project, StatusUpdate
from projects.models.withdrawal import active_q
from projects.rules import STALE_DAYS

OVERDUE = (MilestoneState.LATE, MilestoneState.UNREPORTED)


@dataclass
class FollowUp:
    project: Project  # annotated by `with_status()`
    latest: StatusUpdate | None  # the latest update of any state
    overdue: list = field(default_factory=list)  # milestones passed without news

    @property
    def draft(self):
        return self.latest if self._state == UpdateState.DRAFT else None

    @property
    def submitted(self):
        return self.latest if self._state == UpdateState.SUBMITTED else None

    @property
    def returned(self):
        """The update sent back, while it is being corrected (itself, or what a draft fixes)."""
        update = self.latest
        if update is not None and update.state == UpdateState.DRAFT:
            update = update.based_on
        return update if update is not None and update.state == UpdateState.RETURNED else None

    @property
    def _state(self):
        return self.latest.state if self.latest is not None else None

    @property
    def stale(self) -> bool:
        return bool(self.project.is_stale)

    @property
    def due(self) -> bool:
        return (self.stale or bool(self.overdue)) and self.submitted is None

    def reasons(self) -> list[str]:
        """Why an update is due, one French sentence each."""
        found = []
        if self.stale:
            if self.project.status_on is None:
                found.append(_("Aucun point d'avancement publié."))
            else:
                found.append(
                    _("Aucun point publié depuis plus de %(days)s jours (dernier : %(date)s).")
                    % {
                        "days": STALE_DAYS,
                        "date": fuzzydate(self.project.status_on, self.project.status_precision),
                    }
                )
        for milestone in self.overdue:
            found.append(
                _("Jalon « %(title)s » : échéance %(date)s passée sans nouvelle de sa réalisation.")
                % {"title": milestone.display_title, "date": milestone.forecast.label()}
            )
        return found


def follow_ups(projects) -> list[FollowUp]:
    """One FollowUp per project of the `projects` queryset (not withdrawn), by name."""
    newest = StatusUpdate.objects.filter(project=OuterRef("pk")).order_by("-pk").values("pk")
    projects = list(
        projects.filter(active_q())
        .select_related("mission")
        .with_status()
        .annotate(newest_update_id=Subquery(newest[:1]))
        .order_by("name", "pk")
    )
    ids = [project.pk for project in projects]
    updates = {
        update.pk: update
        for update in StatusUpdate.objects.filter(
            pk__in=[p.newest_update_id for p in projects if p.newest_update_id]
        )
        .select_related("reviewed_by", "based_on__reviewed_by")
        .prefetch_related("reviewed_by__groups", "based_on__reviewed_by__groups")
    }
    overdue = defaultdict(list)
    for milestone in (
        Milestone.objects.filter(project__in=ids)
        .with_dates()
        .visible_on()
        .filter(state__in=OVERDUE)
        .order_by("forecast_on", "position", "pk")
    ):
        overdue[milestone.project_id].append(milestone)
    return [
        FollowUp(project, updates.get(project.newest_update_id), overdue[project.pk])
        for project in projects
    ]


def led_by(user) -> list[FollowUp]:
    """The projects `user` leads, each with where it stands."""
    return follow_ups(Project.objects.filter(leads=user))


def due_by_lead(leads) -> dict:
    """For each lead of `leads` (a queryset of users), the projects of theirs with an update
    due, in a fixed number of queries."""
    leads = {lead.pk: lead for lead in leads}
    rows = Project.objects.filter(leads__in=list(leads)).values_list("pk", "leads")
    led = defaultdict(set)
    for project_id, lead_id in rows:
        led[project_id].add(lead_id)
    due = defaultdict(list)
    for follow_up in follow_ups(Project.objects.filter(pk__in=list(led))):
        if follow_up.due:
            for lead_id in sorted(led[follow_up.project.pk]):
                due[leads[lead_id]].append(follow_up)
    return dict(due)
