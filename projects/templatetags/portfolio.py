"""Small display components of the portfolio: météo badge, phase, confidence, unknown values."""

from django import template
from django.utils.translation import gettext as _

from projects.enums import Confidence, Meteo, Phase
from techgouv.templatetags.fr_formats import number

register = template.Library()


@register.inclusion_tag("includes/meteo_badge.html")
def meteo_badge(code: str, small: bool = True):
    """Météo is always shown with its label: colour never carries the meaning alone."""
    meteo = Meteo(code or Meteo.NON_RENSEIGNEE)
    return {"meteo": meteo, "label": meteo.label, "badge": meteo.badge, "small": small}


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
