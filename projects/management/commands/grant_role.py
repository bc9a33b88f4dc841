"""Give a person one of the three roles (README, « Production »)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects import roles
from projects.models import Project

LABELS = {
    "bureau": "bureau du programme",
    "chef-de-projet": "chef de projet",
    "presse": "équipe presse",
}


class Command(BaseCommand):
    help = (
        "Donne un rôle à un compte existant : bureau (bureau du programme, administre le "
        "portefeuille), chef-de-projet (met à jour ses projets, --projet) ou presse (fige et "
        "exporte les instantanés). Les comptes eux-mêmes se créent dans l'administration, par un "
        "superutilisateur (createsuperuser)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="identifiant du compte")
        parser.add_argument("role", choices=sorted(roles.BY_KEY), help="rôle à donner")
        parser.add_argument(
            "--projet",
            action="append",
            default=[],
            metavar="SLUG",
            help="projet dont le compte devient chef de projet (répétable ; chef-de-projet "
            "seulement)",
        )

    def handle(self, *args, username, role, projet, **options):
        if projet and role != "chef-de-projet":
            raise CommandError("--projet ne s'emploie qu'avec le rôle chef-de-projet.")
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(
                f"Aucun compte « {username} ». Un superutilisateur le crée d'abord dans "
                "l'administration (/admin/)."
            ) from error
        projects = list(Project.objects.filter(slug__in=projet))
        missing = sorted(set(projet) - {project.slug for project in projects})
        if missing:
            raise CommandError(f"Projets introuvables : {', '.join(missing)}. Rien n'a changé.")

        roles.grant_role(user, roles.BY_KEY[role], projects)

        message = f"« {username} » a le rôle {LABELS[role]}"
        if projects:
            message += " de : " + ", ".join(project.name for project in projects)
        self.stdout.write(self.style.SUCCESS(message + "."))
