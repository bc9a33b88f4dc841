"""Small display components of the portfolio: météo badge, phase, confidence, unknown values."""

from django import template
from django.utils.translation import gettext as _

from missions.models import in_language_html
from projects.enums import Confidence, Meteo, Phase
from projects.formats import number

register = template.Library()


@register.inclusion_tag("includes/meteo_badge.html")
def meteo_badge(code: str, small: bool = True):
    """Météo is always shown with its label: colour never carries the meaning alone."""
    meteo = Meteo(code or Meteo.NON_RENSEIGNEE)
    return {"meteo": meteo, "label": meteo.label, "badge": meteo.badge, "small": small}


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


@register.inclusion_tag("includes/confidence.html")
def confidence_mark(level: str, show_medium: bool = False):
    """Marks a fact of low confidence (and, where asked, of medium confidence)."""
    shown = level == Confidence.LOW or (show_medium and level == Confidence.MEDIUM)
    return {"shown": shown, "level": level, "low": level == Confidence.LOW}


@register.simple_tag
def slippage(days: int) -> str:
    """« +412 j » late, « −12 j » early, « 0 j » on time (typographic minus sign)."""
    if days > 0:
        return _("+%(days)s j") % {"days": number(days)}
    if days < 0:
        return _("−%(days)s j") % {"days": number(-days)}
    return _("0 j")
