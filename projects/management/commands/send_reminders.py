"""The weekly reminder: each project lead with an update due gets one e-mail a week at most.

Idempotent per ISO week: what was sent is kept (`ReminderSent`, one row per lead and week, a
unique constraint), so running the command again the same week sends nothing more. `--dry-run`
prints what would be sent, and sends and records nothing. Leads who switched the reminder off
in their account page, inactive accounts and accounts without an address are left out.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from projects import follow_up, notifications, roles
from projects.formats import longdate
from projects.models import ReminderSent
from projects.people import display_name

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Envoie le rappel hebdomadaire à chaque chef de projet dont un projet attend un point "
        "d'avancement (une fois par semaine au plus)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Affiche les rappels qui seraient envoyés, sans rien envoyer ni enregistrer.",
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        week = today - timedelta(days=today.weekday())  # the Monday of the ISO week
        leads = (
            get_user_model()
            .objects.filter(groups__name=roles.PROJECT_LEAD, is_active=True)
            .exclude(email="")
            .exclude(techgouv_preferences__weekly_reminders=False)
            .distinct()
        )
        already = set(ReminderSent.objects.filter(week=week).values_list("user_id", flat=True))
        due = follow_up.due_by_lead(leads)
        sent, failed = 0, []
        for lead in sorted(due, key=lambda user: user.get_username()):
            items = due[lead]
            who = f"{display_name(lead)} <{lead.email}>"
            names = f"{_count(len(items), 'projet')} : " + ", ".join(
                item.project.name for item in items
            )
            if lead.pk in already:
                self.stdout.write(f"Déjà envoyé cette semaine : {who}")
                continue
            if dry_run:
                self.stdout.write(f"Enverrait à {who} : {names}")
                sent += 1
                continue
            try:
                with transaction.atomic():
                    _row, created = ReminderSent.objects.get_or_create(
                        user=lead, week=week, defaults={"projects": len(items)}
                    )
                    if created:
                        notifications.reminder(lead, items)
            except Exception:  # one relay error must not stop the others' reminders
                logger.exception("Rappel non envoyé à %s", lead.get_username())
                failed.append(who)
                continue
            if created:
                sent += 1
                self.stdout.write(f"Envoyé à {who} : {names}")
        monday = longdate(week)
        if dry_run:
            self.stdout.write(
                f"Essai : {_count(sent, 'rappel')} à envoyer (semaine du {monday}) ; "
                "rien n'est envoyé ni enregistré."
            )
        else:
            done = "envoyés" if sent > 1 else "envoyé"
            self.stdout.write(f"{_count(sent, 'rappel')} {done} (semaine du {monday}).")
        if failed:
            raise CommandError(f"Rappels non envoyés (voir le journal) : {', '.join(failed)}")


def _count(n: int, noun: str) -> str:
    """« 1 projet », « 2 projets » (French: 0 and 1 are singular)."""
    return f"{n} {noun}{'s' if n > 1 else ''}"
