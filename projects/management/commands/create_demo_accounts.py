"""Demo accounts for local use, one per role; refuses to run unless DEBUG is on."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects import roles
from projects.models import Project

PASSWORD = "demo-techgouv-2021"

# username → (group, project slugs led, staff)
ACCOUNTS = {
    "bureau": (roles.PROGRAMME_OFFICE, [], True),
    "cheffe-franceconnect": (
        roles.PROJECT_LEAD,
        ["franceconnect-generalisation", "franceconnect-agent"],
        False,
    ),
    "chef-snap": (roles.PROJECT_LEAD, ["snap-sac-a-dos-numerique-agent"], False),
    "presse": (roles.PRESS, [], False),
}

# What the programme office manages in the admin.
OFFICE_APPS = ["missions", "projects"]
OFFICE_MODELS = [("auth", "user"), ("auth", "group")]


class Command(BaseCommand):
    help = "Crée (ou remet à jour) les comptes de démonstration, un par rôle (DEBUG seulement)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Les comptes de démonstration ne sont créés qu'en local (DEBUG=true)."
            )
        office = Group.objects.get_or_create(name=roles.PROGRAMME_OFFICE)[0]
        perms = Permission.objects.filter(content_type__app_label__in=OFFICE_APPS)
        for app_label, model in OFFICE_MODELS:
            perms |= Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model
            )
        office.permissions.add(*perms)

        User = get_user_model()
        for username, (group_name, slugs, staff) in ACCOUNTS.items():
            user, created = User.objects.get_or_create(username=username)
            user.is_staff = staff
            user.is_active = True
            user.set_password(PASSWORD)
            user.save()
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            projects = list(Project.objects.filter(slug__in=slugs))
            for project in projects:
                project.leads.add(user)
            missing = sorted(set(slugs) - {project.slug for project in projects})
            if missing:
                missing_list = ", ".join(missing)
                self.stderr.write(f"{username} : projets introuvables : {missing_list}")
            self.stdout.write(f"{'Créé' if created else 'Mis à jour'} : {username} ({group_name})")
        self.stdout.write(f"Mot de passe de chaque compte : {PASSWORD}")
