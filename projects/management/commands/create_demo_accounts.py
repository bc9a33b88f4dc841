"""Demo accounts for local use, one per role; refuses to run unless DEBUG is on.

Each account gets its role as production gives it (`roles.grant_role`), with the permissions
migration `role_permissions` gave its group: nothing more.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects import roles
from projects.models import Project

PASSWORD = "demo-techgouv-2021"

# username → (group, project slugs led, first name, last name): the pages and e-mails name
# people « Prénom Nom (rôle) »; the addresses are example.org's (the console shows the mails).
ACCOUNTS = {
    "bureau": (roles.PROGRAMME_OFFICE, [], "Hélène", "Duval"),
    "cheffe-franceconnect": (
        roles.PROJECT_LEAD,
        ["franceconnect-generalisation", "franceconnect-agent"],
        "Aurélie",
        "Moreau",
    ),
    "chef-snap": (roles.PROJECT_LEAD, ["snap-sac-a-dos-numerique-agent"], "Julien", "Bernard"),
    "presse": (roles.PRESS, [], "Sophie", "Laurent"),
}


class Command(BaseCommand):
    help = "Crée (ou remet à jour) les comptes de démonstration, un par rôle (DEBUG seulement)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Les comptes de démonstration ne sont créés qu'en local (DEBUG=true)."
            )
        User = get_user_model()
        for username, (group_name, slugs, first_name, last_name) in ACCOUNTS.items():
            user, created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first_name, last_name
            user.email = f"{username}@example.org"
            user.is_active = True
            user.set_password(PASSWORD)
            user.save()
            projects = list(Project.objects.filter(slug__in=slugs))
            roles.grant_role(user, group_name, projects)
            missing = sorted(set(slugs) - {project.slug for project in projects})
            if missing:
                missing_list = ", ".join(missing)
                self.stderr.write(f"{username} : projets introuvables : {missing_list}")
            done = "Créé" if created else "Mis à jour"
            self.stdout.write(f"{done} : {username}, {first_name} {last_name} ({group_name})")
        self.stdout.write(f"Mot de passe de chaque compte : {PASSWORD}")
