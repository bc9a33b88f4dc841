"""What the project page's update panels need (status updates, baseline chain, explained
météo, journal), computed from what `project_detail` already fetched plus a fixed number of
queries, whatever the number of milestones or updates."""

from django.utils import timezone

from projects import meteo_rules, perms
from projects.baseline_chain import chains
from projects.enums import UpdateState
from projects.models import AuditEvent, MilestoneChange

JOURNAL_LENGTH = 30


def update_panels(request, project, *, milestones, updates, indicators, as_of=None) -> dict:
    """Context of the includes under templates/projects/includes/ (update_*.html).

    `milestones` (annotated by `with_dates()`), `updates` (published, newest first) and
    `indicators` (measurements prefetched) are lists already fetched by the view. On a past
    date `as_of` (time travel) the explained météo and the chain are those known that day.
    """
    user = request.user
    today = as_of or timezone.localdate()
    can_read_internal = perms.can_read_internal(user, project)
    latest = None
    if can_read_internal:
        latest = project.updates.order_by("-pk").select_related("author", "reviewed_by").first()
    moves = MilestoneChange.objects.filter(
        milestone__project=project,
        forecast_on__isnull=False,
        published_on__isnull=False,
        published_on__lte=today,
    ).select_related("author")
    journal = []
    if perms.can_read_journal(user):
        journal = list(
            AuditEvent.objects.filter(project=project).select_related("actor")[:JOURNAL_LENGTH]
        )
    return {
        "can_post_update": perms.can_post_update(user, project),
        "can_read_internal": can_read_internal,
        "can_read_journal": perms.can_read_journal(user),
        "can_validate": perms.can_validate(user),
        "pending_update": latest if latest and latest.state != UpdateState.VALIDATED else None,
        "current_update": updates[0] if updates else None,
        "chains": chains(milestones, moves, today),
        "explanation": meteo_rules.explain_project(
            milestones=milestones,
            indicators=indicators,
            last_update_on=project.status_on,
            today=today,
        ),
        "journal": journal,
    }
