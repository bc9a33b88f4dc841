"""The project table of `/projets/` (django-tables2): sorted in the database, exported as shown."""

import django_tables2 as tables
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from missions.models import in_language_html
from projects.enums import Meteo, Phase
from projects.formats import monthyear, percent
from projects.fuzzydates import fuzzy
from projects.templatetags.portfolio import meteo_badge, phase_label, slippage

# Every sort ends on the name then the primary key, so equal values keep a stable order. Unknown
# values (no météo declared, phase or progress not known, no milestone) come last both ways.
TIE_BREAK = ("name", "pk")
UNKNOWN = _("non connu")
NONE_TO_COME = _("aucun à venir")
NO_UPDATE = _("aucun point publié")
PAGE_SIZE = 50


def _missing(text) -> str:
    """An unknown value, marked as the other pages do (`includes/unknown.html`)."""
    return format_html('<span class="unknown">{}</span>', text)


def _rank(field: str, values: list[str]) -> Case:
    """The position of `field`'s value in `values`; NULL (sorted last) for any other value."""
    whens = [When(**{field: value}, then=Value(i)) for i, value in enumerate(values)]
    return Case(*whens, default=None, output_field=IntegerField())


def _ordered(queryset, expression, is_descending: bool):
    """Sort on `expression`, unknown values last both ways, equal values by name."""
    first = expression.desc(nulls_last=True) if is_descending else expression.asc(nulls_last=True)
    return queryset.order_by(first, *TIE_BREAK), True


class ProjectTable(tables.Table):
    """One row per project of `ProjectQuerySet.for_table()`; reads only its annotations."""

    # empty_values=(): the render_/value_ methods below decide what an unknown value shows.
    mission = tables.Column(_("Mission"), accessor="mission__code", empty_values=())
    name = tables.Column(_("Projet"), empty_values=())
    phase = tables.Column(_("Phase"), accessor="phase", empty_values=())
    meteo = tables.Column(_("Météo"), accessor="meteo", empty_values=())
    progress = tables.Column(_("Avancement"), accessor="progress", empty_values=())
    next_milestone = tables.Column(
        _("Prochain jalon"), accessor="next_milestone_title", empty_values=()
    )
    slippage = tables.Column(_("Glissement maximal"), accessor="max_drift", empty_values=())
    status_on = tables.Column(_("Dernier point"), accessor="status_on", empty_values=())

    class Meta:
        empty_text = _("Aucun projet ne correspond à ces critères.")
        orderable = True
        order_by_field = "tri"
        attrs = {"class": "project-table"}
        per_page = PAGE_SIZE

    caption = _("Projets du portefeuille")
    # Columns whose first sort shows the worst first (largest slippage).
    worst_first = ("slippage",)

    def __init__(self, *args, travel_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.travel_query = travel_query

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, **kwargs):
        # Always PAGE_SIZE rows, whatever `?per_page=` says: RequestConfig would pass it on, and
        # 0 or a number of 4,300 digits makes Django's paginator fail (a 500).
        return super().paginate(paginator_class, PAGE_SIZE, page, **kwargs)

    # --- Display ------------------------------------------------------------------------------

    def render_mission(self, value):
        return value or _missing(_("non connue"))

    def render_name(self, record):
        link = format_html(
            '<a href="{}{}">{}</a>',
            record.get_absolute_url(),
            self.travel_query,
            in_language_html(record.name, record.name_en),
        )
        if record.entered_on is None:
            return format_html("{} {}", link, render_to_string("includes/entry_unknown.html"))
        return link

    def render_phase(self, value):
        return phase_label(value)

    def render_meteo(self, value):
        return meteo_badge(value)

    def render_progress(self, value):
        return _missing(UNKNOWN) if value is None else percent(value)

    def render_next_milestone(self, record):
        if not record.next_milestone_title:
            return _missing(NONE_TO_COME)
        when = fuzzy(record.next_milestone_on, record.next_milestone_precision)
        return format_html(
            '{}<br><span class="fr-text--xs">{}</span>', record.next_milestone_title, when
        )

    def render_slippage(self, value):
        return _missing(UNKNOWN) if value is None else slippage(value.days)

    def render_status_on(self, record):
        # One format for the whole column: month and year (the day is on the project's page).
        return monthyear(record.status_on) if record.status_on else _missing(NO_UPDATE)

    # --- Export (plain values; dates in their machine form) ------------------------------------

    def value_mission(self, value):
        return value or ""

    def value_name(self, record):
        return record.display_name

    def value_phase(self, value):
        return phase_label(value)

    def value_meteo(self, value):
        return str(Meteo(value or Meteo.NON_RENSEIGNEE).label)

    def value_progress(self, value):
        return value

    def value_next_milestone(self, record):
        if not record.next_milestone_title:
            return ""
        when = fuzzy(record.next_milestone_on, record.next_milestone_precision)
        return f"{record.next_milestone_title} ({when.iso})"

    def value_slippage(self, value):
        return value.days if value is not None else None

    def value_status_on(self, record):
        when = fuzzy(record.status_on, record.status_precision)
        return when.iso if when else None

    # --- Sorting, in the database --------------------------------------------------------------

    def order_mission(self, queryset, is_descending):
        return _ordered(queryset, F("mission__order"), is_descending)

    def order_name(self, queryset, is_descending):
        return _ordered(queryset, F("name"), is_descending)

    def order_phase(self, queryset, is_descending):
        return _ordered(queryset, _rank("phase", Phase.values), is_descending)

    def order_meteo(self, queryset, is_descending):
        return _ordered(queryset, _rank("meteo", Meteo.declared()), is_descending)

    def order_progress(self, queryset, is_descending):
        return _ordered(queryset, F("progress"), is_descending)

    def order_next_milestone(self, queryset, is_descending):
        return _ordered(queryset, F("next_milestone_on"), is_descending)

    def order_slippage(self, queryset, is_descending):
        return _ordered(queryset, F("max_drift"), is_descending)

    def order_status_on(self, queryset, is_descending):
        return _ordered(queryset, F("status_on"), is_descending)
