"""The open-data CSV of a snapshot and its TableSchema (served at /donnees/schema.json).

UTF-8 without BOM, comma, ISO 8601 dates, codes rather than labels, one row per project: the
conventions of data.gouv.fr and schema.data.gouv.fr (Frictionless Table Schema).
"""

import csv
import io

from projects.enums import Meteo, MilestoneState, Phase
from projects.exports.cells import safe
from projects.exports.data import ExportData
from projects.exports.meta import LICENCE, LICENCE_URL, PRODUCER, Metadata
from projects.fuzzydates import PRECISION_CODES
from projects.models import Project

SCHEMA_VERSION = "2.0.0"
PRECISION_DESCRIPTION = (
    "Précision de la date : JOUR, MOIS, TRIMESTRE, SEMESTRE ou ANNEE ; la date écrite est le "
    "dernier jour de la période (« 09/2021 » s'écrit 2021-09-30, précision MOIS)."
)
LABEL_DESCRIPTION = "Libellé en français du code de la colonne précédente, pour la lecture."

MISSION_FIELDS = [
    {
        "name": "mission",
        "title": "Mission",
        "description": "Code de la mission TECH.GOUV (LABEL, IDNUM, DATA, INFRA, PILOT, "
        "TALENTS, FABRIQUE, TRANSFO) ; vide si la mission n'est pas connue.",
        "type": "string",
        "example": "IDNUM",
        "constraints": {"pattern": "^[A-Z]+$"},
    },
    {
        "name": "mission_libelle",
        "title": "Mission (libellé)",
        "description": "Nom de la mission ; vide si elle n'est pas connue.",
        "type": "string",
    },
]
# Each code with its label beside it.
STATUS_FIELDS = [
    {
        "name": "phase",
        "title": "Phase",
        "description": "Phase de maturité (nomenclature du Panorama des grands projets "
        "numériques de l'État) : CADRAGE, CONCEPTION (conception / réalisation), "
        "EXPERIMENTATION, DEPLOIEMENT, puis ACHEVE ou ARRETE ; vide si elle n'est pas "
        "connue.",
        "type": "string",
        "constraints": {"enum": list(Phase.values)},
    },
    {
        "name": "phase_libelle",
        "title": "Phase (libellé)",
        "description": LABEL_DESCRIPTION + " « Phase non connue » quand le code est vide.",
        "type": "string",
        "constraints": {"required": True},
    },
    {
        "name": "meteo",
        "title": "Météo",
        "description": "Confiance dans l'atteinte des objectifs, codes de l'outil "
        "PILOTE de la DITP : ORAGE objectifs compromis, NUAGE appuis nécessaires, "
        "COUVERT objectifs atteignables, SOLEIL objectifs sécurisés, NON_RENSEIGNEE "
        "non renseignée. COUVERT est meilleur que NUAGE.",
        "type": "string",
        "constraints": {"required": True, "enum": list(Meteo.values)},
    },
    {
        "name": "meteo_libelle",
        "title": "Météo (libellé)",
        "description": LABEL_DESCRIPTION,
        "type": "string",
        "constraints": {"required": True},
    },
]

FIELDS = [
    {
        "name": "instantane",
        "title": "Instantané",
        "description": "Identifiant permanent de l'instantané (/instantanes/<identifiant>/).",
        "type": "string",
        "example": "mise-a-jour-2021",
        "constraints": {"required": True, "pattern": "^[a-z0-9-]+$"},
    },
    {
        "name": "date_instantane",
        "title": "Date de l'état figé",
        "description": "Le portefeuille tel qu'il était publié ce jour-là (AAAA-MM-JJ).",
        "type": "date",
        "format": "default",
        "example": "2021-09-14",
        "constraints": {"required": True},
    },
    {
        "name": "projet",
        "title": "Projet",
        "description": "Identifiant stable du projet (/projets/<identifiant>/).",
        "type": "string",
        "example": "franceconnect-generalisation",
        "constraints": {"required": True, "pattern": "^[a-z0-9-]+$"},
    },
    {
        "name": "nom",
        "title": "Nom du projet",
        "description": "Nom du projet à la date de l'instantané.",
        "type": "string",
        "constraints": {"required": True},
    },
    *MISSION_FIELDS,
    *STATUS_FIELDS,
    {
        "name": "avancement",
        "title": "Avancement (%)",
        "description": "Avancement déclaré au dernier point publié, en pourcentage.",
        "type": "integer",
        "constraints": {"minimum": 0, "maximum": 100},
    },
    {
        "name": "date_dernier_point",
        "title": "Date du dernier point publié",
        "description": "Dernier jour de la période du point (voir la précision).",
        "type": "date",
        "format": "default",
    },
    {
        "name": "precision_date_dernier_point",
        "title": "Précision de la date du dernier point",
        "description": PRECISION_DESCRIPTION,
        "type": "string",
        "constraints": {"enum": list(PRECISION_CODES.values())},
    },
    {
        "name": "jalons",
        "title": "Jalons",
        "description": "Jalons connus à la date de l'instantané.",
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
    },
    {
        "name": "jalons_realises",
        "title": "Jalons réalisés",
        "description": "Jalons dont une date de réalisation est publiée.",
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
    },
    {
        "name": "jalons_en_retard",
        "title": "Jalons en retard",
        "description": "Échéance dépassée à la date de l'instantané sans réalisation publiée, "
        "pour un jalon dont le projet répond (il publie ses points d'avancement dans le "
        "tableau de bord) ou qu'une source dit manqué.",
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
    },
    {
        "name": "jalons_non_renseignes",
        "title": "Échéances passées, réalisation non renseignée",
        "description": "Échéance dépassée à la date de l'instantané, datée seulement par une "
        "annonce publique, sans qu'aucune source ait dit depuis si elle a été tenue : une "
        "information manquante, pas un retard.",
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
    },
    {
        "name": "jalons_a_venir",
        "title": "Jalons à venir",
        "description": "Jalons dont l'échéance est postérieure à la date de l'instantané.",
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
    },
    {
        "name": "resume",
        "title": "Objectif du projet",
        "description": "Ce que le projet doit accomplir, tel que le programme le décrit. Une "
        "valeur commençant par =, +, - ou @ est précédée d'une apostrophe (protection des "
        "tableurs).",
        "type": "string",
    },
    {
        "name": "resume_dernier_point",
        "title": "Résumé du dernier point publié",
        "description": "Résumé du dernier point d'avancement publié à la date de l'instantané "
        "(vide s'il n'y en a aucun). Même protection des tableurs.",
        "type": "string",
    },
]

COLUMNS = [f["name"] for f in FIELDS]


def schema() -> dict:
    """The TableSchema, with the metadata schema.data.gouv.fr expects."""
    return {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": "techgouv-instantane-projets",
        "title": "Projets du programme TECH.GOUV figés dans un instantané",
        "description": "Une ligne par projet du programme TECH.GOUV (DINUM) tel qu'il était "
        "publié à la date de l'instantané : mission, phase, météo, avancement et jalons.",
        "countryCode": "FR",
        "homepage": "/instantanes/",
        "path": "/donnees/schema.json",
        "licenses": [{"title": LICENCE, "name": "etalab-2.0", "path": LICENCE_URL}],
        "version": SCHEMA_VERSION,
        "created": "2026-01-01",
        "lastModified": "2026-12-01",
        "contributors": [{"title": PRODUCER, "role": "author"}],
        "fields": FIELDS,
        "missingValues": [""],
        "primaryKey": ["instantane", "projet"],
    }


def project_rows(snapshot, state, update_summaries: dict | None = None) -> list[dict]:
    """One dict per project of `state` (the snapshot's), codes not labels, in the schema's
    column order. `update_summaries` (by project id, `Project.objects.last_summaries`) is
    read when not given."""
    if update_summaries is None:
        ids = [project.id for project in state.projects]
        update_summaries = Project.objects.filter(pk__in=ids).last_summaries(snapshot.taken_on)
    rows = []
    for project in state.projects:
        counts = project.milestone_counts()
        rows.append(
            {
                "instantane": snapshot.slug,
                "date_instantane": snapshot.taken_on.isoformat(),
                "projet": project.slug,
                "nom": project.name,
                "mission": project.mission_code,
                "mission_libelle": project.mission.name if project.mission else "",
                "phase": project.phase,
                "phase_libelle": project.phase_label,
                "meteo": project.meteo,
                "meteo_libelle": project.meteo_label,
                "avancement": "" if project.progress is None else project.progress,
                "date_dernier_point": project.status_date.end.isoformat()
                if project.status_date
                else "",
                "precision_date_dernier_point": project.status_date.code
                if project.status_date
                else "",
                "jalons": len(project.milestones),
                "jalons_realises": counts[MilestoneState.DONE],
                "jalons_en_retard": counts[MilestoneState.LATE],
                "jalons_non_renseignes": counts[MilestoneState.UNREPORTED],
                "jalons_a_venir": counts[MilestoneState.UPCOMING],
                "resume": project.summary,
                "resume_dernier_point": update_summaries.get(project.id, ""),
            }
        )
    return rows


def datapackage(meta: Metadata, csv_path: str, name: str) -> dict:
    """The CSV's companion descriptor (Frictionless Data Package, as data.gouv.fr reads it):
    what the file holds, its date, filters, source, licence, the announced vs identified
    caveat, and the schema its columns follow."""
    return {
        "profile": "tabular-data-package",
        "name": name,
        **meta.as_data(),
        "licenses": [{"name": "etalab-2.0", "title": LICENCE, "path": LICENCE_URL}],
        "sources": [{"title": meta.source, "path": meta.permalink}],
        "resources": [
            {
                "name": name,
                "path": csv_path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(),
            }
        ],
    }


def to_csv(data: ExportData) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in project_rows(data.snapshot, data.state, data.update_summaries):
        writer.writerow({key: safe(value) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8")
