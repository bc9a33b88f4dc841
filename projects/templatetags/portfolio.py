"""Small display components of the portfolio: météo badge, phase, confidence, unknown values."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from missions.models import in_language_html
from projects.enums import Confidence, Meteo, Phase
from projects.formats import number

register = template.Library()


@register.simple_tag
def meteo_badge(code: str, small: bool = True) -> str:
    """Météo is always shown with its label: colour never carries the meaning alone. A tag
    written in Python: it is drawn on every row of the tables."""
    meteo = Meteo(code or Meteo.NON_RENSEIGNEE)
    classes = ["fr-badge"]
    if small:
        classes.append("fr-badge--sm")
    if meteo.badge:
        classes.append(f"fr-badge--{meteo.badge}")
    classes += ["fr-badge--no-icon", "meteo", f"meteo--{meteo.value.lower()}"]
    return format_html('<span class="{}">{}</span>', " ".join(classes), meteo.label)


@register.filter
def localised(obj, field: str):
    """A content field of a mission, project, milestone… in the active language, as HTML.

    `{{ project|localised:"name" }}` shows `name_en` in English when there is one; otherwise the
    French `name`, marked `lang="fr"` when English is active. Objects and dicts alike.
    """
    if obj is None or obj == "":
        return ""
    if isinstance(obj, dict):
        return in_language_html(obj.get(field, ""), obj.get(f"{field}_en", ""))
    return in_language_html(getattr(obj, field, ""), getattr(obj, f"{field}_en", ""))


@register.filter
def french(text):
    """French content that has no English version (frozen snapshots, status updates): marked
    `lang="fr"` when English is active."""
    return in_language_html(text if text is not None else "")


@register.simple_tag
def phase_label(code: str) -> str:
    return Phase(code).label if code else _("Phase non connue")


@register.simple_tag
def confidence_mark(level: str, show_medium: bool = False) -> str:
    """Marks a fact of low confidence (and, where asked, of medium confidence)."""
    if level == Confidence.LOW:
        return format_html(
            '<span class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon '
            'confidence-low">{}</span>',
            _("Confiance faible"),
        )
    if show_medium and level == Confidence.MEDIUM:
        return format_html(
            '<span class="fr-text--xs fr-mb-0 confidence-medium">({})</span>',
            _("confiance moyenne"),
        )
    return ""


@register.simple_tag
def slippage(days: int) -> str:
    """« +412 j » late, « −12 j » early, « 0 j » on time (typographic minus sign)."""
    if days > 0:
        return _("+%(days)s j") % {"days": number(days)}
    if days < 0:
        return _("−%(days)s j") % {"days": number(-days)}
    return _("0 j")
