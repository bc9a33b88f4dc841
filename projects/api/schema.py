"""The OpenAPI 3.1 description of the open-data API, written by hand (served at /api/schema/)."""

from projects.enums import Meteo, MilestoneState, Phase, SnapshotKind
from projects.fuzzydates import PRECISION_CODES

SLUG = {"type": "string", "pattern": "^[a-z0-9-]+$"}


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


DATE = {"type": "string", "format": "date"}
PRECISION = {
    "type": ["string", "null"],
    "enum": [*PRECISION_CODES.values(), None],
    "description": "Précision de la date (la date est le dernier jour de sa période)",
}
LABEL = {"type": "string", "description": "Libellé du code qui précède, pour la lecture"}
PHASE = {"type": ["string", "null"], "enum": [*Phase.values, None]}
METEO = {"type": "string", "enum": list(Meteo.values)}
PROGRESS = {"type": ["integer", "null"], "minimum": 0, "maximum": 100}


def _object(properties: dict) -> dict:
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


MISSION = _object(
    {
        "mission": {"type": "string", "pattern": "^[A-Z]+$", "description": "Code de la mission"},
        "nom": {"type": "string"},
        "objectif": {"type": "string"},
        "ordre": {"type": "integer", "minimum": 0},
        "couleur": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
    }
)
PROJECT = _object(
    {
        "projet": SLUG | {"description": "Identifiant stable (/projets/<identifiant>/)"},
        "nom": {"type": "string"},
        "mission": {"type": ["string", "null"], "pattern": "^[A-Z]+$"},
        "resume": {"type": "string"},
        "organisation_porteuse": {"type": "string"},
        "entree_programme": _nullable(DATE),
        "phase": PHASE,
        "phase_libelle": LABEL,
        "meteo": METEO,
        "meteo_libelle": LABEL,
        "avancement": PROGRESS,
        "date_dernier_point": _nullable(DATE)
        | {"description": "Dernier jour de la période du dernier point publié"},
        "precision_date_dernier_point": PRECISION,
        "justification_meteo": {"type": "string"},
    }
)
MILESTONE = _object(
    {
        "id": {"type": "integer"},
        "projet": SLUG,
        "intitule": {"type": "string"},
        "etat": {"type": "string", "enum": list(MilestoneState.values)},
        "etat_libelle": LABEL,
        "date_reference": _nullable(DATE),
        "precision_date_reference": PRECISION,
        "date_prevue": _nullable(DATE),
        "precision_date_prevue": PRECISION,
        "date_realisation": _nullable(DATE),
        "precision_date_realisation": PRECISION,
        "glissement_jours": {
            "type": ["integer", "null"],
            "description": "Réalisation (ou, échéance passée, aujourd'hui ; sinon date prévue) "
            "moins la première date publiée, en jours ; null quand il n'est pas connu",
        },
        "glissement_derniere_reference_jours": {
            "type": ["integer", "null"],
            "description": "Le même écart mesuré depuis la dernière date de référence validée",
        },
    }
)
UPDATE = _object(
    {
        "id": {"type": "integer"},
        "projet": SLUG,
        "date_point": DATE,
        "precision_date_point": {"type": "string", "enum": list(PRECISION_CODES.values())},
        "date_publication": DATE,
        "meteo": METEO,
        "meteo_libelle": LABEL,
        "phase": PHASE,
        "phase_libelle": LABEL,
        "avancement": PROGRESS,
        "resume": {"type": "string"},
        "justification_meteo": {"type": "string"},
        "realisations": {"type": "string"},
        "prochaines_etapes": {"type": "string"},
    }
)
SNAPSHOT = _object(
    {
        "instantane": SLUG,
        "titre": {"type": "string"},
        "date_instantane": DATE,
        "nature": {"type": "string", "enum": [kind.code for kind in SnapshotKind]},
        "publie_le": {"type": "string", "format": "date-time"},
        "projets_annonces": {"type": ["integer", "null"], "minimum": 0},
        "couverture": {"$ref": "#/components/schemas/Couverture"},
        "page": {"type": "string", "format": "uri"},
        "projets": {"type": "string", "format": "uri"},
    }
)
SNAPSHOT_PROJECT = _object(
    {
        "instantane": SLUG,
        "date_instantane": DATE,
        "projet": SLUG,
        "nom": {"type": "string"},
        "mission": {"type": ["string", "null"], "pattern": "^[A-Z]+$"},
        "mission_libelle": _nullable(LABEL),
        "phase": PHASE,
        "phase_libelle": LABEL,
        "meteo": METEO,
        "meteo_libelle": LABEL,
        "avancement": PROGRESS,
        "date_dernier_point": _nullable(DATE),
        "precision_date_dernier_point": PRECISION,
        "jalons": {"type": "integer", "minimum": 0},
        "jalons_realises": {"type": "integer", "minimum": 0},
        "jalons_en_retard": {"type": "integer", "minimum": 0},
        "jalons_non_renseignes": {"type": "integer", "minimum": 0},
        "jalons_a_venir": {"type": "integer", "minimum": 0},
        "resume": {"type": ["string", "null"]},
        "resume_dernier_point": {"type": ["string", "null"]},
    }
)
COVERAGE = _object(
    {
        "date": DATE,
        "edition_de_reference": {"type": ["string", "null"]},
        "projets_annonces": {"type": ["integer", "null"], "minimum": 0},
        "unite_annoncee": {"type": ["string", "null"]},
        "projets_identifies": {"type": "integer", "minimum": 0},
        "dont_date_entree_inconnue": {"type": "integer", "minimum": 0},
        "avertissement": {"type": "string"},
    }
)
ERROR = _object({"erreur": {"type": "string"}})


def _page_of(item: str) -> dict:
    link = {"type": ["string", "null"], "format": "uri"}
    return _object(
        {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "suivante": link,
            "precedente": link,
            "licence": {"type": "string"},
            "couverture": {"$ref": "#/components/schemas/Couverture"},
            "resultats": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
        }
    )


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json({"$ref": "#/components/schemas/Erreur"}, "Paramètre invalide"),
    "404": _json({"$ref": "#/components/schemas/Erreur"}, "Page ou ressource inexistante"),
}
PAGINATION = [
    {
        "name": "page",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
        "description": "Numéro de page (1 par défaut)",
    },
    {
        "name": "taille",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": 200},
        "description": "Résultats par page (50 par défaut, 200 au plus)",
    },
]
SLUG_PARAMETER = {"name": "slug", "in": "path", "required": True, "schema": SLUG}


def _list(summary: str, item: str, operation_id: str) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": PAGINATION,
            "responses": {"200": _json({"$ref": f"#/components/schemas/Page{item}"}, "Une page")}
            | ERRORS,
        }
    }


def openapi() -> dict:
    items = {
        "Mission": MISSION,
        "Projet": PROJECT,
        "Jalon": MILESTONE,
        "Point": UPDATE,
        "Instantane": SNAPSHOT,
        "ProjetFige": SNAPSHOT_PROJECT,
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API ouverte du tableau de bord TECH.GOUV",
            "version": "1.0.0",
            "description": "Données publiées du programme TECH.GOUV (DINUM), en lecture seule : "
            "les mêmes que le CSV ouvert (codes plutôt que libellés, dates ISO 8601 avec leur "
            "précision ; une date connue au mois est le dernier jour du mois). Seuls les points "
            "d'avancement validés et les instantanés publiés y figurent. Chaque réponse dit "
            "combien de projets la DINUM annonçait et combien les sources en identifient "
            "(`couverture`).",
            "license": {"name": "Licence Ouverte / Etalab 2.0", "identifier": "etalab-2.0"},
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/missions/": _list("Les missions du programme", "Mission", "missions"),
            "/api/projets/": _list("Les projets identifiés, météo et phase", "Projet", "projets"),
            "/api/jalons/": _list("Les jalons connus des projets", "Jalon", "jalons"),
            "/api/points/": _list("Les points d'avancement publiés", "Point", "points"),
            "/api/instantanes/": _list("Les instantanés publiés", "Instantane", "instantanes"),
            "/api/instantanes/{slug}/": {
                "get": {
                    "operationId": "instantane",
                    "summary": "Un instantané publié",
                    "parameters": [SLUG_PARAMETER],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Instantane"}, "L'instantané"),
                        "404": ERRORS["404"],
                    },
                }
            },
            "/api/instantanes/{slug}/projets/": {
                "get": {
                    "operationId": "instantane_projets",
                    "summary": "Les projets figés d'un instantané (les lignes de son CSV ouvert)",
                    "parameters": [SLUG_PARAMETER, *PAGINATION],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/PageProjetFige"}, "Une page")
                    }
                    | ERRORS,
                }
            },
        },
        "components": {
            "schemas": {
                **items,
                **{f"Page{name}": _page_of(name) for name in items},
                "Couverture": COVERAGE,
                "Erreur": ERROR,
            }
        },
    }
