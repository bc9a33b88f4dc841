"""The read-only open-data API: what the public pages show, as JSON, with codes and ISO dates.

Field names and values are those of the open-data CSV (`projects/exports/opendata.py`): codes
rather than labels, ISO 8601 dates with their precision, French snake_case names. Nothing that
is not public is ever read here: published updates only (their public fields: météo and its
justification, phase, progress, summary, achievements, next steps), never internal notes
(`risks`, `decisions`), never drafts; snapshots once published. Every list is paginated
(`?page=`, `?taille=`).
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from missions.models import Mission
from projects.api.schema import openapi
from projects.coverage import coverage_of
from projects.enums import Meteo, MilestoneState, SnapshotKind, phase_label
from projects.exports.meta import permalink
from projects.exports.opendata import project_rows
from projects.fuzzydates import fuzzy, precision_code
from projects.models import Project, Snapshot, StatusUpdate
from projects.portfolio import Portfolio
from projects.snapshots.state import read

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Beyond this many digits a number is no page of ours; Python refuses int() of 4,300 digits.
MAX_DIGITS = 9
LICENCE = "Licence Ouverte / Etalab 2.0"


class BadRequest(Exception):
    """A query parameter the API cannot read: answered 400 with a French message."""


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _period_end(day, precision) -> str | None:
    """The last day of a fuzzy date's period (as the open-data CSV writes it), or None."""
    date = fuzzy(day, precision) if day else None
    return date.end.isoformat() if date else None


def _int_param(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_DIGITS or int(raw) < 1:
        raise BadRequest(
            f"Le paramètre « {name} » doit être un entier positif de {MAX_DIGITS} chiffres au plus."
        )
    value = int(raw)
    if maximum is not None and value > maximum:
        raise BadRequest(f"Le paramètre « {name} » vaut au plus {maximum}.")
    return value


def _paginated(request, rows, serialize, portfolio: Portfolio | None = None) -> JsonResponse:
    """One page of `rows` (a queryset or a list), each turned into a dict by `serialize`, with
    the coverage caveat of `portfolio` (today's by default)."""
    try:
        size = _int_param(request, "taille", PAGE_SIZE, MAX_PAGE_SIZE)
        number = _int_param(request, "page", 1)
    except BadRequest as error:
        return JsonResponse({"erreur": str(error)}, status=400)
    paginator = Paginator(rows, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return JsonResponse({"erreur": "Cette page n'existe pas."}, status=404)

    def link(n):
        return request.build_absolute_uri(f"{request.path}?page={n}&taille={size}")

    return JsonResponse(
        {
            "total": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "suivante": link(page.next_page_number()) if page.has_next() else None,
            "precedente": link(page.previous_page_number()) if page.has_previous() else None,
            "licence": LICENCE,
            "couverture": coverage_of(portfolio or Portfolio.on()).as_data(),
            "resultats": [serialize(row) for row in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def index(request):
    names = ["missions", "projects", "milestones", "updates", "snapshots", "schema"]
    return JsonResponse(
        {name: request.build_absolute_uri(reverse(f"api:{name}")) for name in names}
        | {"licence": LICENCE},
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def schema(request):
    return JsonResponse(openapi(), json_dumps_params={"ensure_ascii": False})


@require_safe
def missions(request):
    def row(mission):
        return {
            "mission": mission.code,
            "nom": mission.name,
            "objectif": mission.aim,
            "ordre": mission.order,
            "couleur": mission.colour,
        }

    return _paginated(request, Mission.objects.order_by("order"), row)


@require_safe
def projects(request):
    rows = Project.objects.in_portfolio().for_listing().order_by("slug")

    def row(project):
        return {
            "projet": project.slug,
            "nom": project.name,
            "mission": project.mission.code if project.mission else None,
            "resume": project.summary,
            "organisation_porteuse": project.lead_organisation,
            "entree_programme": _iso(project.entered_on),
            "phase": project.phase or None,
            "phase_libelle": str(phase_label(project.phase)),
            "meteo": project.meteo,
            "meteo_libelle": str(Meteo(project.meteo).label),
            "avancement": project.progress,
            "date_dernier_point": _period_end(project.status_on, project.status_precision),
            "precision_date_dernier_point": precision_code(project.status_precision),
            "justification_meteo": project.meteo_justification or "",
        }

    return _paginated(request, rows, row)


@require_safe
def milestones(request):
    rows = (
        Portfolio.on()
        .milestones.with_drift()
        .select_related("project")
        .order_by("project__slug", "position", "pk")
    )

    def row(milestone):
        return {
            "id": milestone.pk,
            "projet": milestone.project.slug,
            "intitule": milestone.title,
            "etat": milestone.state,
            "etat_libelle": str(MilestoneState(milestone.state).label),
            "date_reference": _period_end(milestone.baseline_on, milestone.baseline_precision),
            "precision_date_reference": precision_code(milestone.baseline_precision),
            "date_prevue": _period_end(milestone.forecast_on, milestone.forecast_precision),
            "precision_date_prevue": precision_code(milestone.forecast_precision),
            "date_realisation": _period_end(milestone.actual_on, milestone.actual_precision),
            "precision_date_realisation": precision_code(milestone.actual_precision),
            "glissement_jours": milestone.drift_days,
            "glissement_derniere_reference_jours": milestone.drift_latest_days,
        }

    return _paginated(request, rows, row)


@require_safe
def updates(request):
    rows = (
        StatusUpdate.objects.published()
        .filter(project__in=Project.objects.in_portfolio().values("pk"))
        .select_related("project")
        .order_by("project__slug", "-as_of", "-pk")
    )

    def row(update):
        return {
            "id": update.pk,
            "projet": update.project.slug,
            "date_point": _period_end(update.as_of, update.as_of_precision),
            "precision_date_point": precision_code(update.as_of_precision),
            "date_publication": _iso(update.published_on),
            "meteo": update.meteo,
            "meteo_libelle": str(Meteo(update.meteo).label),
            "phase": update.phase or None,
            "phase_libelle": str(phase_label(update.phase)),
            "avancement": update.progress,
            "resume": update.summary,
            "justification_meteo": update.meteo_justification,
            "realisations": update.achievements,
            "prochaines_etapes": update.next_steps,
        }

    return _paginated(request, rows, row)


def _snapshot(request, snapshot) -> dict:
    return {
        "instantane": snapshot.slug,
        "titre": snapshot.title,
        "date_instantane": snapshot.taken_on.isoformat(),
        "nature": SnapshotKind(snapshot.kind).code,
        "publie_le": snapshot.published_at.isoformat(),
        "projets_annonces": snapshot.announced_total,
        "couverture": coverage_of(Portfolio.of_snapshot(snapshot)).as_data(),
        "page": permalink(snapshot.get_absolute_url()),
        "projets": request.build_absolute_uri(
            reverse("api:snapshot_projects", args=[snapshot.slug])
        ),
    }


def _not_found() -> JsonResponse:
    return JsonResponse({"erreur": "Aucun instantané publié à cette adresse."}, status=404)


@require_safe
def snapshots(request):
    rows = Snapshot.objects.published().order_by("-taken_on", "-pk")
    return _paginated(request, rows, lambda snapshot: _snapshot(request, snapshot))


@require_safe
def snapshot_detail(request, slug):
    snapshot = Snapshot.objects.published().filter(slug=slug).first()
    if snapshot is None:
        return _not_found()
    return JsonResponse(_snapshot(request, snapshot), json_dumps_params={"ensure_ascii": False})


@require_safe
def snapshot_projects(request, slug):
    """The snapshot's projects: exactly the rows of its open-data CSV, as JSON values."""
    snapshot = Snapshot.objects.published().filter(slug=slug).first()
    if snapshot is None:
        return _not_found()
    portfolio = Portfolio.of_snapshot(snapshot)
    rows = project_rows(snapshot, read(portfolio))
    return _paginated(request, rows, _typed_row, portfolio)


def _typed_row(row: dict) -> dict:
    # The CSV writes "" for a missing value; JSON says null.
    return {key: (None if value == "" else value) for key, value in row.items()}


def unknown(request):
    """Any other address under /api/: a JSON 404, not the HTML page."""
    return JsonResponse({"erreur": "Aucune ressource à cette adresse."}, status=404)
