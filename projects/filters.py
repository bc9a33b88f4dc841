"""The filters of the project table (`/projets/`): all in the URL, so a filtered view is shared
by sharing its address."""

from dataclasses import dataclass
from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from missions.models import Mission
from projects.enums import Meteo, Phase
from projects.models import Project, Snapshot

UNKNOWN_PHASE = "NON_CONNUE"


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
            EditionWindow(str(edition.taken_on.year), edition.title, previous, edition.taken_on)
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
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(lead_organisation__icontains=word)
            )
        return queryset

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
