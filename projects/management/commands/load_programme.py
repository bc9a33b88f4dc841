"""Load the programme's reference data (`fixtures/programme.json`) and freeze its editions."""

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from missions.models import Mission
from projects.cache import bump_portfolio_version
from projects.enums import SnapshotKind
from projects.models import (
    Announcement,
    Indicator,
    Measurement,
    Milestone,
    MilestoneChange,
    Project,
    Snapshot,
    StatusUpdate,
)
from projects.snapshots.services import freeze_snapshot

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "programme.json"

# Imported rows carry a `ref`; those the fixture no longer holds are removed after loading.
IMPORTED_BY_REF = {
    "projects.announcement": Announcement,
    "projects.milestonechange": MilestoneChange,
    "projects.statusupdate": StatusUpdate,
    "projects.measurement": Measurement,
    "projects.milestone": Milestone,
}


class Command(BaseCommand):
    help = (
        "Charge les données de référence du programme (fixtures/programme.json) et fige les "
        "trois éditions publiées par la DINUM. Idempotent : une seconde exécution ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixture", default=str(FIXTURE), help="fixture à charger (par défaut : %(default)s)"
        )

    def handle(self, *args, fixture, **options):
        path = Path(fixture)
        if not path.exists():
            raise CommandError(f"Fixture introuvable : {path}")
        refs = {model: set() for model in IMPORTED_BY_REF}
        editions = []
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["model"] in refs:
                refs[item["model"]].add(item["fields"]["ref"])
            elif item["model"] == "projects.snapshot" and item["fields"]["kind"] == "EDITION":
                editions.append(item["fields"]["slug"])

        with transaction.atomic():
            call_command("loaddata", str(path), verbosity=0)
            removed = 0
            for label, model in IMPORTED_BY_REF.items():
                stale = model.objects.exclude(ref="").exclude(ref__in=refs[label])
                removed += stale.delete()[1].get(label_of(model), 0)
            Milestone.objects.refresh_current()
            Project.objects.refresh_status()
            frozen = {
                snapshot.slug: freeze_snapshot(snapshot=snapshot)
                for snapshot in Snapshot.objects.filter(
                    kind=SnapshotKind.EDITION, slug__in=editions
                ).order_by("taken_on")
            }
            bump_portfolio_version()

        editions_text = " ; ".join(
            f"{slug} : {count} projets identifiés" for slug, count in frozen.items()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Programme chargé : {Mission.objects.count()} missions, "
                f"{Project.objects.identified().count()} projets identifiés "
                f"({Project.objects.to_confirm().count()} à confirmer), "
                f"{Milestone.objects.exclude(ref='').count()} jalons, "
                f"{Announcement.objects.exclude(ref='').count()} annonces, "
                f"{StatusUpdate.objects.exclude(ref='').count()} points d'avancement, "
                f"{Indicator.objects.count()} indicateurs, "
                f"{Measurement.objects.exclude(ref='').count()} mesures et cibles."
            )
        )
        self.stdout.write(f"Éditions figées — {editions_text}.")
        if removed:
            self.stdout.write(f"{removed} lignes importées absentes de la référence supprimées.")


def label_of(model) -> str:
    return model._meta.label
