"""The JSON export: `meta` (date, source, licence, permanent address, caveat), the snapshot's
description, then each project with its milestones. Keys are codes, never display labels; a
`…_libelle` key beside each code carries its label for people."""

import json

from projects.enums import SnapshotKind
from projects.exports.data import ExportData
from projects.exports.opendata import project_rows


def _fuzzy(value) -> dict | None:
    return {"date": value.end.isoformat(), "precision": value.code} if value else None


def document(data: ExportData) -> dict:
    snapshot = data.snapshot
    projects = []
    rows = project_rows(data.snapshot, data.state, data.update_summaries)
    for project, row in zip(data.state.projects, rows, strict=True):
        projects.append(
            {
                **{key: value for key, value in row.items() if key not in {"instantane"}},
                "avancement": project.progress,
                "jalons_detail": [
                    {
                        "intitule": m.title,
                        "reference_initiale": _fuzzy(m.baseline),
                        "prevu": _fuzzy(m.forecast),
                        "realise": _fuzzy(m.actual),
                        "etat": m.state,
                        "etat_libelle": m.state_label,
                        "glissement_jours": m.drift_days,
                        "glissement_derniere_reference_jours": m.drift_latest_days,
                    }
                    for m in project.milestones
                ],
            }
        )
    return {
        "meta": data.meta.as_data(),
        "instantane": {
            "identifiant": snapshot.slug,
            "titre": snapshot.title,
            "nature": SnapshotKind(snapshot.kind).code,
            "nature_libelle": str(SnapshotKind(snapshot.kind).label),
            "date": snapshot.taken_on.isoformat(),
            "publie_le": snapshot.published_at.isoformat() if snapshot.published_at else None,
            "note": snapshot.note,
            "projets_annonces": snapshot.announced_total,
            "couverture": data.coverage.as_data(),
            "licence": "Licence Ouverte / Etalab 2.0",
            "schema": "/donnees/schema.json",
        },
        "projets": projects,
    }


def to_json(data: ExportData) -> bytes:
    return json.dumps(document(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
