"""`?date=AAAA-MM-JJ` on any dashboard page shows the portfolio as it stood that day."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from projects.models.fields import EARLIEST, LATEST


@dataclass(frozen=True)
class TimeTravel:
    as_of: date | None  # None: today's portfolio
    error: str = ""

    @property
    def query(self) -> str:
        """The query string that keeps the date on links (« ?date=2019-10-02 »), or ""."""
        return "?" + urlencode({"date": self.as_of.isoformat()}) if self.as_of else ""


def time_travel(request) -> TimeTravel:
    """Read `?date=`; a bad value shows today's portfolio with a French explanation."""
    raw = request.GET.get("date", "").strip()
    if not raw:
        return TimeTravel(None)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return TimeTravel(
            None,
            _(
                "La date « %(raw)s » n'est pas lisible : elle s'écrit AAAA-MM-JJ, "
                "par exemple 2021-09-14."
            )
            % {"raw": raw[:20]},
        )
    if not EARLIEST <= day <= LATEST:
        return TimeTravel(None, _("La date doit être comprise entre 2000 et 2099."))
    if day >= date.today():
        return TimeTravel(None)
    return TimeTravel(day)
