"""`?date=AAAA-MM-JJ` on any dashboard page shows the portfolio as it stood that day."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from projects.fuzzydates import long_date
from projects.models.fields import EARLIEST, LATEST


@dataclass(frozen=True)
class TimeTravel:
    as_of: date | None  # None: today's portfolio
    error: str = ""  # what was wrong with `?date=` and what is shown instead
    raw: str = ""  # the value as typed, kept in the picker when it was refused

    @property
    def query(self) -> str:
        """The query string that keeps the date on links (« ?date=2019-10-02 »), or ""."""
        return "?" + urlencode({"date": self.as_of.isoformat()}) if self.as_of else ""

    @property
    def readable(self) -> bool:
        """Whether `raw` is a date a `type=date` field can hold (else the picker shows text)."""
        try:
            date.fromisoformat(self.raw)
        except ValueError:
            return not self.raw
        return True


def time_travel(request) -> TimeTravel:
    """Read `?date=`; a bad or future value shows today's portfolio, and says so."""
    raw = request.GET.get("date", "").strip()[:20]
    if not raw:
        return TimeTravel(None)
    instead = _("le portefeuille est montré tel qu'il est connu aujourd'hui.")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        message = _(
            "La date « %(raw)s » n'est pas lisible : elle s'écrit AAAA-MM-JJ, "
            "par exemple 2021-09-14 ; %(instead)s"
        )
        return TimeTravel(None, message % {"raw": raw, "instead": instead}, raw)
    if not EARLIEST <= day <= LATEST:
        message = _("La date doit être comprise entre 2000 et 2099 ; %(instead)s")
        return TimeTravel(None, message % {"instead": instead}, raw)
    today = date.today()
    if day > today:
        message = _("Le %(day)s est dans le futur ; %(instead)s")
        return TimeTravel(None, message % {"day": long_date(day), "instead": instead}, raw)
    if day == today:
        return TimeTravel(None)
    return TimeTravel(day)
