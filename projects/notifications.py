"""E-mails of the update loop, in French, plain text with an HTML alternative, each with the link
to act: the programme office when an update is submitted; the project's leads (and the update's
author) when it is returned, with the comment, or published; the weekly reminder of updates due.

The services call `after_commit(...)`: a mail leaves only once what it announces is written,
and a relay that fails never undoes it (the error is logged). One message per recipient: no
one sees another's address.
"""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from projects import roles
from projects.people import display_name

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """`path` on the site's own address (settings.SITE_URL)."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def _recipients(users) -> list:
    seen, result = set(), []
    for user in users:
        if user is None or not user.is_active or not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def send(template: str, recipients, context: dict) -> int:
    """Render `emails/<template>.txt|.html` (the subject is the text's first line) for each
    recipient, in French, and send them; returns how many were sent."""
    messages = []
    with translation.override("fr"):
        for user in _recipients(recipients):
            data = {**context, "recipient": user, "recipient_name": display_name(user)}
            text = render_to_string(f"emails/{template}.txt", data)
            subject, _blank, body = text.partition("\n")
            message = EmailMultiAlternatives(
                subject.strip(), body.lstrip("\n"), settings.DEFAULT_FROM_EMAIL, [user.email]
            )
            html = render_to_string(f"emails/{template}.html", data)
            message.attach_alternative(html, "text/html")
            messages.append(message)
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def after_commit(notify, update_id: int) -> None:
    """Call `notify(update_id)` once the current transaction commits (robust: an error is
    logged, the update stays saved)."""
    transaction.on_commit(lambda: notify(update_id), robust=True)


def _update(update_id):
    from projects.models import StatusUpdate

    return (
        StatusUpdate.objects.select_related("project", "author", "reviewed_by")
        .prefetch_related(
            "project__leads", "author__groups", "reviewed_by__groups", "new_milestones"
        )
        .get(pk=update_id)
    )


def _office():
    return get_user_model().objects.filter(groups__name=roles.PROGRAMME_OFFICE, is_active=True)


def update_submitted(update_id: int) -> int:
    """To the programme office: an update waits for validation."""
    update = _update(update_id)
    return send(
        "update_submitted",
        _office().order_by("pk"),
        {
            "update": update,
            "project": update.project,
            "link": absolute(reverse("projects:validate", args=[update.pk])),
            "queue": absolute(reverse("projects:review")),
        },
    )


def _leads_and_author(update) -> list:
    people = [update.author, *update.project.leads.all()]
    return [user for user in people if user is not None and user != update.reviewed_by]


def update_returned(update_id: int) -> int:
    """To the update's author and the project's leads: the office's comment, and the form."""
    update = _update(update_id)
    return send(
        "update_returned",
        _leads_and_author(update),
        {
            "update": update,
            "project": update.project,
            "link": absolute(reverse("projects:update", args=[update.project.slug])),
            "my_projects": absolute(reverse("my_projects")),
        },
    )


def update_published(update_id: int) -> int:
    """To the update's author and the project's leads: it is public now."""
    update = _update(update_id)
    return send(
        "update_published",
        _leads_and_author(update),
        {
            "update": update,
            "project": update.project,
            "link": absolute(update.project.get_absolute_url()),
        },
    )


def reminder(user, follow_ups) -> int:
    """The weekly reminder to `user`: the projects with an update due, and why."""
    with translation.override("fr"):
        items = [
            {
                "project": item.project,
                "reasons": item.reasons(),
                "link": absolute(reverse("projects:update", args=[item.project.slug])),
            }
            for item in follow_ups
        ]
    return send(
        "reminder",
        [user],
        {
            "items": items,
            "my_projects": absolute(reverse("my_projects")),
            "account": absolute(reverse("account")),
        },
    )
