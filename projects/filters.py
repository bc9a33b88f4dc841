"""The filters of the project table (`/projets/`): all in the URL, so a filtered view is shared
by sharing its address."""

from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from dsfr.forms import DsfrBaseForm

from missions.models import Mission
from projects.enums import Meteo, Phase
from projects.formats import number
from projects.models import Project, Snapshot

UNKNOWN_PHASE = "NON_CONNUE"

# A search reads at most this many words (README, « Production »): whatever the query, the
# table stays one query with at most 3 × MAX_SEARCH_TERMS LIKE clauses.
MAX_SEARCH_TERMS = 10
SEARCHED_FIELDS = ("name", "summary", "lead_organisation")


def search_terms(value: str) -> tuple[list[str], int]:
    """The words a search looks for (each once, in order, at most MAX_SEARCH_TERMS) and how
    many more words it leaves out."""
    words = list(dict.fromkeys(value.split()))
    return words[:MAX_SEARCH_TERMS], max(len(words) - MAX_SEARCH_TERMS, 0)


def search_q(terms: list[str]) -> Q:
    """One condition: every term appears in the name, the summary or the lead organisation."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for field in SEARCHED_FIELDS:
            any_field |= Q(**{f"{field}__icontains": term})
        condition &= any_field
    return condition


class ProjectFilterForm(DsfrBaseForm):
    """DSFR markup for the filters (a plain form renders inputs the DSFR stylesheet hides)."""


@dataclass(frozen=True)
class EditionWindow:
    """The projects an edition brought in: entered after the previous edition, by this one."""

    key: str  # the edition's year, as it reads in the URL: « ?edition=2019 »
    title: str
    after: date | None
    until: date


def edition_windows() -> list[EditionWindow]:
    """Every published edition with the entry dates it covers, oldest first (one query)."""
    windows, previous = [], None
    for edition in Snapshot.objects.editions():
        windows.append(
            EditionWindow(
                str(edition.taken_on.year), edition.display_title, previous, edition.taken_on
            )
        )
        previous = edition.taken_on
    return windows


class ProjectFilter(django_filters.FilterSet):
    """Filters over `ProjectQuerySet.for_table()`: they read its annotations (`phase`,
    `meteo`, `has_late`), so the whole table stays one query."""

    q = django_filters.CharFilter(
        label=_("Rechercher"),
        method="search",
        help_text=_("Dans le nom, le résumé et l'entité porteuse"),
    )
    mission = django_filters.ModelChoiceFilter(
        label=_("Mission"),
        queryset=Mission.objects.order_by("order"),
        to_field_name="code",
        empty_label=_("Toutes"),
    )
    phase = django_filters.ChoiceFilter(
        label=_("Phase"),
        choices=[*Phase.choices, (UNKNOWN_PHASE, _("Non connue"))],
        method="filter_phase",
        empty_label=_("Toutes"),
    )
    meteo = django_filters.ChoiceFilter(
        label=_("Météo"),
        choices=Meteo.choices,
        field_name="meteo",
        empty_label=_("Toutes"),
    )
    edition = django_filters.ChoiceFilter(
        label=_("Édition d'entrée"),
        choices=[],  # set from the editions in __init__
        method="filter_edition",
        empty_label=_("Toutes"),
    )
    lead_organisation = django_filters.CharFilter(
        label=_("Entité porteuse"), lookup_expr="icontains"
    )
    late = django_filters.BooleanFilter(
        label=_("Jalons en retard uniquement"),
        method="filter_late",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Project
        fields = ["q", "mission", "phase", "meteo", "edition", "lead_organisation", "late"]
        form = ProjectFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.editions = {window.key: window for window in edition_windows()}
        self.filters["edition"].extra["choices"] = [
            (key, f"{key} — {window.title}") for key, window in self.editions.items()
        ]

    def search(self, queryset, name, value):
        terms, _ignored = search_terms(value)
        return queryset.filter(search_q(terms))

    @property
    def search_notice(self) -> str:
        """The French notice shown when the search had more words than it reads, else ""."""
        _terms, ignored = search_terms(self.data.get("q") or "")
        if not ignored:
            return ""
        return ngettext(
            "La recherche porte sur ses %(kept)s premiers mots : %(ignored)s mot de plus a "
            "été ignoré.",
            "La recherche porte sur ses %(kept)s premiers mots : %(ignored)s mots de plus ont "
            "été ignorés.",
            ignored,
        ) % {"kept": number(MAX_SEARCH_TERMS), "ignored": number(ignored)}

    def filter_phase(self, queryset, name, value):
        return queryset.filter(phase="" if value == UNKNOWN_PHASE else value)

    def filter_edition(self, queryset, name, value):
        window = self.editions[value]
        queryset = queryset.filter(entered_on__lte=window.until)
        if window.after is not None:
            queryset = queryset.filter(entered_on__gt=window.after)
        return queryset

    def filter_late(self, queryset, name, value):
        return queryset.filter(has_late=True) if value else queryset
