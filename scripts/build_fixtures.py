#!/usr/bin/env python
"""Build `fixtures/programme.json` from the reference data (`../shared/reference/techgouv.yaml`).

Usage::

    .venv/bin/python scripts/build_fixtures.py [--reference PATH] [--output PATH] [--check]

`--check` writes nothing: it exits 1 when the committed fixture differs from what the reference
gives (the fixture is stale and this script must be rerun). The script needs PyYAML and the
`FuzzyDate` helper of `projects/fuzzydates.py` (imported without Django settings); it exits 1,
naming the culprit, on any wording, code or source key it does not know.

The fixture is in Django's serialization format *without primary keys*: every row is found
again by its natural key (Mission.code, Source.key, Project.slug, Indicator.slug,
Snapshot.slug, and `ref` for milestones, milestone changes, status updates and measurements),
so `manage.py load_programme` updates existing rows instead of duplicating them. Objects come
dependencies first (sources, missions, projects, milestones, changes, updates, indicators,
measurements, snapshots), each model sorted by its natural key; JSON is written with
`ensure_ascii=False`, an indent of 2 and a trailing newline, so the output is deterministic.

Mapping rules
-------------
Sources
    Every entry of the `sources` block becomes a Source(key, url, description = the full text).
    url = the first `https://…` token of the text; else, for `github:OWNER/REPO@COMMIT:PATH`,
    `https://github.com/OWNER/REPO/blob/COMMIT/PATH` (`HEAD` when no commit is given; the path
    ends at its file extension and is URL-encoded); for a bare `github:OWNER/REPO` the
    repository's page; else empty (e.g. S_ORGA2021, BRIEF_ONLY). All sources are exported, even
    the ones no fact cites; a fact citing an unknown key stops the build.
Missions
    code; order = order_2019; name = nom_long; name_confidence = nom_long_confidence;
    aim = objectif; group; renamed_to / renamed_when from `renamed`; sources = `source` plus the
    sources of `renamed`. Colours come from `MISSION_COLOURS` (DSFR illustrative palette): they
    are presentation, not facts.
Projects
    slug = id; mission = code, or null for `unknown`; mission_confidence = `mission_confidence`
    else the project's confidence; name = name_published; name_confidence (default = project
    confidence); summary = description; lead_organisation = lead ("" for « non précisé »);
    listing yes → OFFICIAL, likely → LIKELY, uncertain → UNCERTAIN; confidence;
    data_notes = notes (plus a sentence for an entry « 2020 ou 2021 »); entered_on from
    `ENTRY_DATES` (the date of the edition the project entered; null when unknown);
    entry_confidence = `entered_confidence` else the project's confidence; sources = union of
    the project's, its milestones' and its status entries' sources.
Milestones (`<slug>/jalon-<n>`, in YAML order, position 1..n)
    The `when` wording becomes a standard fuzzy date through `WHEN_WORDINGS`: the smallest
    standard period (day, month, quarter, half-year, year) containing what the source says,
    never more precise than the source; a range gives its end. `source_wording` keeps the
    wording. kind `target` → baseline_on/baseline_precision = that date. kind `done` → no
    baseline, and one MilestoneChange `<milestone ref>/realisation` with actual_on = published_on
    = that date. title = `what`; confidence and sources from the entry.
    A `target` with `outcome: met` gets the same MilestoneChange `<ref>/realisation`, dated
    `outcome_on` (sources `outcome_source`, confidence `outcome_confidence`): it is réalisé on
    that date. `outcome: missed` sets `reported_missed` (the target is then late, not unknown).
    kind `announcement` (a dated event, neither deliverable nor target) → an Announcement with
    the same ref `<slug>/jalon-<n>` (so numbering stays stable), never a Milestone.
Status entries (`<slug>/point-<n>`)
    StatusUpdate, VALIDATED, as_of = the end of the period (+ its precision), published_on =
    as_of, météo NON_RENSEIGNEE (no source gives one), no progress, summary = `value`;
    phase from `PHASE_WORDINGS` (prefix of the wording), else unknown ("").
Indicators
    slug = id; name; mission; project = the project whose `indicators` list holds this id;
    unit from `INDICATOR_UNITS`; lower_is_better for `LOWER_IS_BETTER`; note; confidence
    (default high). Measurements `<id>/mesure-<n>` from `values` and `<id>/cible-<n>` from
    `targets` (is_target; due date may be null when unreadable; set_on null). `text` keeps the
    value verbatim; `value`/`qualifier` are set only when the text is one figure (see
    `parse_figure`), else left null.
Snapshots
    One EDITION snapshot per dated entry of `programme.project_counts`, slug/title/label from
    `EDITIONS` (keyed by date); totals read from the YAML; published_at = taken_on at 12:00
    Europe/Paris. Their entries are frozen by `load_programme`, not stored in the fixture.

Auto-filled timestamps (`created_at`) are written explicitly (the publication day at noon,
Paris time) because `loaddata` saves raw rows and would otherwise store nulls.
"""

import argparse
import json
import re
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from projects.fuzzydates import FuzzyDate  # noqa: E402  (needs the repository on sys.path)

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "techgouv.yaml"
DEFAULT_OUTPUT = ROOT / "fixtures" / "programme.json"
# English versions of the content fields (missions, editions, indicators), versioned here.
TRANSLATIONS = ROOT / "fixtures" / "translations_en.yaml"
PARIS = ZoneInfo("Europe/Paris")

# Presentation, not facts: one DSFR illustrative colour per mission, 3:1 or more on white.
MISSION_COLOURS = {
    "LABEL": "#A558A0",  # violet glycine
    "IDNUM": "#000091",  # bleu France
    "DATA": "#009081",  # vert menthe
    "INFRA": "#CE614A",  # rose tuile
    "PILOT": "#845D48",  # brun caramel (sun-425)
    "TALENTS": "#66673D",  # vert tilleul verveine (sun-418)
    "FABRIQUE": "#18753C",  # vert succès
    "TRANSFO": "#465F9D",  # bleu écume
}

CONFIDENCE = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
LISTING = {"yes": "OFFICIAL", "likely": "LIKELY", "uncertain": "UNCERTAIN"}

# The date of the edition a project entered, by the reference's `entered` wording.
ENTRY_DATES = {
    "2019": "2019-10-02",
    "2020": "2020-08-28",
    "2021": "2021-09-14",
    "2020 ou 2021": "2021-09-14",
    "unknown": None,
}
ENTRY_NOTES = {
    "2020 ou 2021": "Entrée en 2020 ou en 2021 : comptée à partir de l'édition mi-2021.",
}

# Source wordings that are not standard fuzzy dates → the smallest standard period containing
# what the source says (never more precise than the source); None = no readable date.
WHEN_WORDINGS = {
    "T1 2020 (cible 2019)": "T1 2020",
    "2019-06/07": "2019",  # June–July straddles both half-years
    "2020-04/05": "T2 2020",
    "2020 (avant mai)": "S1 2020",  # January–April 2020
    "début 2020": "S1 2020",
    "début 2021": "S1 2021",
    "été 2021": "2021",  # 21 June – 22 September straddles both half-years
    "automne 2021": "S2 2021",
    "fin 2019": "S2 2019",
    "fin 2022": "S2 2022",
    "2021-06 (fin)": "2021-06",
    "2021-09 à 2022-01": "2022-01",  # a range: its end, at the end's precision
    "à partir de 2022": "2022",
    "2021 (mi-année)": "2021",
    "2022 (feuille de route 2019)": "2022",
    "fin de la feuille de route": None,
    "initiale (2019)": None,  # the target was set in 2019; its due date is not given
}

# Status wordings (prefix, lower case) → phase; anything else stays unknown.
PHASE_WORDINGS = {
    "en production": "DEPLOIEMENT",
    "expérimentation": "EXPERIMENTATION",
}

INDICATOR_UNITS = {
    "ind-fc-users": "utilisateurs",
    "ind-fc-services": "services",
    "ind-fc-connexions": "",
    "ind-produits-incubes": "produits",
    "ind-observatoire": "",
    "ind-snap-usage": "",
    "ind-desi": "rang",
    "ind-teletravail": "%",
    "ind-gouvtech": "solutions",
    "ind-programme-avancement": "projets",
}
LOWER_IS_BETTER = {"ind-desi"}

# Editions, keyed by the date of `programme.project_counts`: slug, title, counted unit.
EDITIONS = {
    "2019-10-02": ("feuille-de-route-2019", "Feuille de route 2019-2021", "actions"),
    "2020-08-28": ("mise-a-jour-2020", "Mise à jour mi-2020", "projets"),
    "2021-09-14": ("mise-a-jour-2021", "Mise à jour mi-2021", "projets"),
}


class ReferenceError(Exception):
    """The reference holds something this script has no rule for."""


# ---------------------------------------------------------------------------------------------
# Small readers


def as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def confidence(value, default: str = "HIGH") -> str:
    if value is None:
        return default
    try:
        return CONFIDENCE[str(value).strip().lower()]
    except KeyError:
        raise ReferenceError(f"confiance inconnue : {value!r}") from None


def listing(value) -> str:
    text = "yes" if value is True else str(value).strip().lower()
    try:
        return LISTING[text]
    except KeyError:
        raise ReferenceError(f"in_official_list inconnu : {value!r}") from None


def fuzzy_date(wording) -> FuzzyDate | None:
    """The standard fuzzy date a source wording stands for (None when it gives no date)."""
    text = str(wording).strip()
    if text in WHEN_WORDINGS:
        standard = WHEN_WORDINGS[text]
        return None if standard is None else FuzzyDate.parse(standard)
    try:
        return FuzzyDate.parse(text)
    except ValueError:
        raise ReferenceError(
            f"formulation de date inconnue : {text!r} (à ajouter à WHEN_WORDINGS)"
        ) from None


def required_date(wording, where: str) -> FuzzyDate:
    found = fuzzy_date(wording)
    if found is None:
        raise ReferenceError(f"{where} : une date lisible est nécessaire, pas {wording!r}")
    return found


def noon_in_paris(day: date) -> str:
    return datetime.combine(day, time(12), tzinfo=PARIS).isoformat()


def phase(wording: str) -> str:
    text = wording.strip().lower()
    for prefix, code in PHASE_WORDINGS.items():
        if text.startswith(prefix):
            return code
    return ""


_QUALIFIERS = {">": "MORE_THAN", "~": "ABOUT", "≈": "ABOUT"}
_MULTIPLIERS = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
_FIGURE = re.compile(
    r"(?P<qualifier>[>~≈])?\s*"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:,\d+)?)"
    r"(?P<ordinal>e)?"
    r"(?:\s+(?P<multiplier>millions?|milliards?))?"
    r"(?:\s*(?P<unit>%|\w+))?"
)


def parse_figure(text: str, unit: str) -> tuple[str | None, str]:
    """(value, qualifier) when `text` is one figure, else (None, "EXACT").

    Accepted: an optional qualifier (`>` more than, `~` about), a number (narrow or no-break
    spaces separate thousands, a comma marks decimals), an optional ordinal `e`, an optional
    « million(s) » / « milliard(s) », an optional unit word equal to the indicator's unit (or
    `%`), and an optional trailing comment in parentheses. Anything else (several figures,
    ranges, rates such as « par an ») is left to the text.
    """
    body = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())
    match = _FIGURE.fullmatch(body)
    if not match:
        return None, "EXACT"
    if match["unit"] and match["unit"] not in {unit, "%"}:
        return None, "EXACT"
    digits = re.sub(r"[ \u00a0\u202f]", "", match["number"]).replace(",", ".")
    value = Decimal(digits) * _MULTIPLIERS.get(match["multiplier"] or "", 1)
    return f"{value.quantize(Decimal('0.01'))}", _QUALIFIERS.get(match["qualifier"] or "", "EXACT")


# ---------------------------------------------------------------------------------------------
# Sources

_GITHUB = re.compile(
    r"github:(?P<repo>[\w.-]+/[\w.-]+)(?:@(?P<commit>[0-9a-f]{7,40}))?"
    r"(?::(?P<path>.+?\.(?:markdown|md|html|pdf|PDF|ya?ml|json|csv|txt)))?(?=$|[\s,;)])"
)


def source_url(text: str) -> str:
    """The address a source's text points to, or "" when it gives none."""
    if match := re.search(r"https://\S+", text):
        return match.group(0).rstrip(",;")
    if match := _GITHUB.search(text):
        repo = match["repo"]
        if match["path"]:
            return f"https://github.com/{repo}/blob/{match['commit'] or 'HEAD'}/" + quote(
                match["path"], safe="/-_.~"
            )
        return f"https://github.com/{repo}"
    return ""


# ---------------------------------------------------------------------------------------------
# Builder


class Builder:
    def __init__(self, data: dict, english: dict | None = None):
        self.data = data
        self.english = english or {}
        self.source_keys = set((data.get("sources") or {}).keys())
        self.objects: dict[str, list[dict]] = {
            name: []
            for name in (
                "missions.source",
                "missions.mission",
                "projects.project",
                "projects.milestone",
                "projects.announcement",
                "projects.milestonechange",
                "projects.statusupdate",
                "projects.indicator",
                "projects.measurement",
                "projects.snapshot",
            )
        }

    def sources(self, value, where: str) -> list[str]:
        keys = [str(key) for key in as_list(value)]
        for key in keys:
            if key not in self.source_keys:
                raise ReferenceError(f"{where} : source inconnue {key!r}")
        return keys

    def translated(self, kind: str, key: str, **fields) -> dict:
        """{field_en: English text} of `translations_en.yaml` for one mission or edition."""
        texts = (self.english.get(kind) or {}).get(key) or {}
        return {f"{field}_en": str(texts.get(name, "")).strip() for field, name in fields.items()}

    def check_translations(self) -> None:
        """Every key of the English file names something of the reference (no silent typo)."""
        known = {
            "missions": self.mission_codes,
            "editions": {slug for slug, _title, _label in EDITIONS.values()},
            "indicators": {o["fields"]["slug"] for o in self.objects["projects.indicator"]},
        }
        for kind, entries in self.english.items():
            if kind not in known:
                raise ReferenceError(f"{TRANSLATIONS.name} : rubrique inconnue {kind!r}")
            if unknown := set(entries or {}) - known[kind]:
                raise ReferenceError(f"{TRANSLATIONS.name} : {kind} inconnus {sorted(unknown)}")

    def add(self, model: str, fields: dict) -> None:
        self.objects[model].append({"model": model, "fields": fields})

    def build(self) -> list[dict]:
        self.build_sources()
        self.build_missions()
        self.build_projects()
        self.build_indicators()
        self.build_snapshots()
        self.check_translations()
        sort_keys = {
            "missions.source": lambda o: o["fields"]["key"],
            "missions.mission": lambda o: o["fields"]["order"],
            "projects.project": lambda o: o["fields"]["slug"],
            "projects.milestone": lambda o: (o["fields"]["project"], o["fields"]["position"]),
            "projects.announcement": lambda o: o["fields"]["ref"],
            "projects.milestonechange": lambda o: o["fields"]["ref"],
            "projects.statusupdate": lambda o: o["fields"]["ref"],
            "projects.indicator": lambda o: o["fields"]["slug"],
            "projects.measurement": lambda o: (
                o["fields"]["indicator"],
                o["fields"]["is_target"],
                int(o["fields"]["ref"].rsplit("-", 1)[1]),
            ),
            "projects.snapshot": lambda o: o["fields"]["taken_on"],
        }
        result = []
        for model, objects in self.objects.items():
            result.extend(sorted(objects, key=sort_keys[model]))
        return result

    def build_sources(self) -> None:
        for key, text in sorted((self.data.get("sources") or {}).items()):
            text = str(text).strip()
            self.add("missions.source", {"key": key, "url": source_url(text), "description": text})

    def build_missions(self) -> None:
        missions = [m for m in self.data["missions"] if "code" in m]
        if len(missions) != len(MISSION_COLOURS):
            raise ReferenceError(f"{len(missions)} missions au lieu de {len(MISSION_COLOURS)}")
        for mission in missions:
            code = mission["code"]
            if code not in MISSION_COLOURS:
                raise ReferenceError(f"mission sans couleur : {code!r} (voir MISSION_COLOURS)")
            renamed = mission.get("renamed") or {}
            keys = self.sources(mission.get("source"), code) + self.sources(
                renamed.get("source"), code
            )
            self.add(
                "missions.mission",
                {
                    "code": code,
                    "name": mission["nom_long"],
                    "name_confidence": confidence(mission.get("nom_long_confidence")),
                    "aim": mission["objectif"],
                    "group": mission.get("group", ""),
                    "order": int(mission["order_2019"]),
                    "colour": MISSION_COLOURS[code],
                    **self.translated("missions", code, name="name", aim="aim"),
                    "renamed_to": renamed.get("to", ""),
                    "renamed_when": renamed.get("when", ""),
                    "sources": [[key] for key in sorted(set(keys))],
                },
            )
        self.mission_codes = {m["code"] for m in missions}

    def mission_key(self, code, where: str):
        if code in (None, "unknown"):
            return None
        if code not in self.mission_codes:
            raise ReferenceError(f"{where} : mission inconnue {code!r}")
        return [code]

    def build_projects(self) -> None:
        self.indicator_projects: dict[str, str] = {}
        for project in self.data["projects"]:
            slug = project["id"]
            level = confidence(project.get("confidence"))
            entered = str(project.get("entered", "unknown"))
            if entered not in ENTRY_DATES:
                raise ReferenceError(f"{slug} : entrée inconnue {entered!r} (voir ENTRY_DATES)")
            notes = [str(project["notes"]).strip()] if project.get("notes") else []
            if entered in ENTRY_NOTES:
                notes.append(ENTRY_NOTES[entered])
            lead = str(project.get("lead") or "").strip()
            keys = set(self.sources(project.get("source"), slug))
            for position, milestone in enumerate(project.get("milestones") or [], start=1):
                keys |= set(self.build_milestone(slug, position, milestone))
            for number, status in enumerate(project.get("status") or [], start=1):
                keys |= set(self.build_status(slug, number, status))
            for indicator in as_list(project.get("indicators")):
                if str(indicator).startswith("ind-"):
                    if indicator in self.indicator_projects:
                        raise ReferenceError(f"indicateur {indicator!r} dans deux projets")
                    self.indicator_projects[indicator] = slug
            self.add(
                "projects.project",
                {
                    "mission": self.mission_key(project.get("mission"), slug),
                    "mission_confidence": confidence(project.get("mission_confidence"), level),
                    "slug": slug,
                    "name": project["name_published"],
                    "name_confidence": confidence(project.get("name_confidence"), level),
                    "summary": project["description"],
                    "lead_organisation": "" if lead == "non précisé" else lead,
                    "entered_on": ENTRY_DATES[entered],
                    "entry_confidence": confidence(project.get("entered_confidence"), level),
                    "listing": listing(project["in_official_list"]),
                    "confidence": level,
                    "data_notes": "\n\n".join(notes),
                    "sources": [[key] for key in sorted(keys)],
                },
            )

    def build_milestone(self, slug: str, position: int, milestone: dict) -> list[str]:
        ref = f"{slug}/jalon-{position}"
        when = required_date(milestone["when"], ref)
        keys = self.sources(milestone.get("source"), ref)
        level = confidence(milestone.get("confidence"))
        kind = milestone.get("kind")
        if kind not in ("target", "done", "announcement"):
            raise ReferenceError(f"{ref} : nature de jalon inconnue {kind!r}")
        common = {
            "project": [slug],
            "ref": ref,
            "title": str(milestone["what"]).strip(),
            "source_wording": str(milestone["when"]).strip(),
            "confidence": level,
            "sources": [[key] for key in sorted(set(keys))],
        }
        if kind == "announcement":
            if "outcome" in milestone:
                raise ReferenceError(f"{ref} : une annonce n'a pas d'issue (outcome)")
            self.add(
                "projects.announcement",
                {**common, "on": when.end.isoformat(), "on_precision": str(when.precision)},
            )
            return keys
        outcome = milestone.get("outcome")
        if outcome not in (None, "met", "missed") or (outcome and kind != "target"):
            raise ReferenceError(f"{ref} : issue inconnue {outcome!r} pour un jalon {kind!r}")
        target = kind == "target"
        self.add(
            "projects.milestone",
            {
                **common,
                "position": position,
                "baseline_on": when.end.isoformat() if target else None,
                "baseline_precision": str(when.precision) if target else "",
                "published_on": None,
                "reported_missed": outcome == "missed",
            },
        )
        if not target:
            self.add_realisation(ref, when, level, keys)
        elif outcome == "met":
            reached = required_date(milestone.get("outcome_on"), f"{ref} (outcome_on)")
            outcome_keys = self.sources(milestone.get("outcome_source"), f"{ref} (outcome)")
            outcome_level = confidence(milestone.get("outcome_confidence"), level)
            self.add_realisation(ref, reached, outcome_level, outcome_keys)
            keys = keys + outcome_keys
        return keys

    def add_realisation(self, ref: str, when: FuzzyDate, level: str, keys: list[str]) -> None:
        """The dated fact that a milestone was delivered or its target reached: public from the
        end of its period (an actual date is never published before its period is over)."""
        self.add(
            "projects.milestonechange",
            {
                "ref": f"{ref}/realisation",
                "milestone": [ref],
                "status_update": None,
                "forecast_on": None,
                "forecast_precision": "",
                "actual_on": when.end.isoformat(),
                "actual_precision": str(when.precision),
                "reason": "",
                "author": None,
                "created_at": noon_in_paris(when.end),
                "published_on": when.end.isoformat(),
                "confidence": level,
                "sources": [[key] for key in sorted(set(keys))],
            },
        )

    def build_status(self, slug: str, number: int, status: dict) -> list[str]:
        ref = f"{slug}/point-{number}"
        as_of = required_date(status["date"], ref)
        keys = self.sources(status.get("source"), ref)
        value = str(status["value"]).strip()
        self.add(
            "projects.statusupdate",
            {
                "ref": ref,
                "project": [slug],
                "as_of": as_of.end.isoformat(),
                "as_of_precision": str(as_of.precision),
                "meteo": "NON_RENSEIGNEE",
                "phase": phase(value),
                "progress": None,
                "summary": value,
                "state": "VALIDATED",
                "published_on": as_of.end.isoformat(),
                "author": None,
                "based_on": None,
                "created_at": noon_in_paris(as_of.end),
                "confidence": confidence(status.get("confidence")),
                "sources": [[key] for key in sorted(set(keys))],
            },
        )
        return keys

    def build_indicators(self) -> None:
        for indicator in self.data.get("indicators") or []:
            if "id" not in indicator:
                continue  # a note about the list, not an indicator
            slug = indicator["id"]
            unit = INDICATOR_UNITS.get(slug)
            if unit is None:
                print(f"Avertissement : pas d'unité pour {slug} (INDICATOR_UNITS)", file=sys.stderr)
                unit = ""
            project = self.indicator_projects.get(slug)
            self.add(
                "projects.indicator",
                {
                    "slug": slug,
                    "name": indicator["name"],
                    "name_en": str((self.english.get("indicators") or {}).get(slug, "")).strip(),
                    "unit": unit,
                    "lower_is_better": slug in LOWER_IS_BETTER,
                    "mission": self.mission_key(indicator.get("mission"), slug),
                    "project": [project] if project else None,
                    "note": str(indicator.get("note") or "").strip(),
                    "confidence": confidence(indicator.get("confidence")),
                },
            )
            for is_target, items, stem in (
                (False, indicator.get("values"), "mesure"),
                (True, indicator.get("targets"), "cible"),
            ):
                for number, item in enumerate(items or [], start=1):
                    ref = f"{slug}/{stem}-{number}"
                    on = fuzzy_date(item["date"])
                    if on is None and not is_target:
                        raise ReferenceError(f"{ref} : une mesure doit être datée")
                    text = str(item["value"]).strip()
                    value, qualifier = parse_figure(text, unit)
                    self.add(
                        "projects.measurement",
                        {
                            "ref": ref,
                            "indicator": [slug],
                            "is_target": is_target,
                            "on": on.end.isoformat() if on else None,
                            "on_precision": str(on.precision) if on else "",
                            "value": value,
                            "qualifier": qualifier,
                            "text": text,
                            "set_on": None,
                            "confidence": confidence(item.get("confidence")),
                            "sources": [
                                [k] for k in sorted(set(self.sources(item.get("source"), ref)))
                            ],
                        },
                    )

    def build_snapshots(self) -> None:
        counts = [c for c in self.data["programme"]["project_counts"] if "date" in c]
        for count in counts:
            taken_on = str(count["date"])
            if taken_on not in EDITIONS:
                raise ReferenceError(f"édition inconnue : {taken_on!r} (voir EDITIONS)")
            slug, title, label = EDITIONS[taken_on]
            day = date.fromisoformat(taken_on)
            keys = self.sources(count.get("source"), slug)
            self.add(
                "projects.snapshot",
                {
                    "slug": slug,
                    "title": title,
                    "taken_on": taken_on,
                    "kind": "EDITION",
                    "note": str(count.get("detail") or "").strip(),
                    **self.translated("editions", slug, title="title", note="note"),
                    "announced_total": count.get("total"),
                    "announced_completed": count.get("completed"),
                    "announced_completing": count.get("completing_end_2021"),
                    "announced_new": count.get("new"),
                    "announced_label": label,
                    "confidence": confidence(count.get("confidence")),
                    "sources": [[key] for key in sorted(set(keys))],
                    "created_at": noon_in_paris(day),
                    "created_by": None,
                    "published_at": noon_in_paris(day),
                },
            )


def render(reference: Path, translations: Path = TRANSLATIONS) -> str:
    data = yaml.safe_load(reference.read_text(encoding="utf-8"))
    english = (
        yaml.safe_load(translations.read_text(encoding="utf-8")) if translations.exists() else {}
    )
    objects = Builder(data, english).build()
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the fixture is not up to date"
    )
    args = parser.parse_args(argv)
    try:
        text = render(args.reference)
    except (ReferenceError, KeyError, ValueError) as error:
        print(f"Données de référence illisibles : {error}", file=sys.stderr)
        return 1
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(
                f"{args.output} n'est pas à jour avec {args.reference} : "
                "relancer scripts/build_fixtures.py.",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output} est à jour.")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output} écrit ({len(json.loads(text))} objets).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
