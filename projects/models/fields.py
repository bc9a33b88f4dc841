"""Column helpers shared by the models: fuzzy dates, confidence, sources, people, sane date
bounds."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from missions.models import Source
from projects.enums import Confidence
from projects.fuzzydates import Precision

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def ref_field():
    """Stable key of a row imported from the reference data; empty for rows made in the app."""
    return models.CharField(_("référence"), max_length=120, blank=True, editable=False)


def unique_ref_constraint(table: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["ref"], condition=~models.Q(ref=""), name=f"{table}_unique_ref"
    )


class ByRefQuerySet(models.QuerySet):
    """Rows imported from the reference are found again by their `ref` (fixtures' natural key)."""

    def get_by_natural_key(self, ref):
        return self.get(ref=ref)


class BySlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def person_field(verbose_name, **options):
    """Who did something (author, reviewer…): optional, and a user who did something is never
    deleted (PROTECT); no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
        **options,
    )


def sources_field():
    """The public sources a row of the reference data comes from."""
    return models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))


def confidence_field(verbose_name=None):
    return models.CharField(
        verbose_name or _("confiance"), max_length=8, choices=Confidence, default=Confidence.HIGH
    )


def precision_field(verbose_name=None):
    return models.CharField(
        verbose_name or _("précision"), max_length=8, choices=Precision, blank=True
    )


def fuzzy_date_constraints(
    day: str, precision: str, label: str, table: str
) -> list[models.CheckConstraint]:
    """A nullable date column and its precision are set together; the date lies in a sane range."""
    return [
        models.CheckConstraint(
            condition=(
                models.Q(**{f"{day}__isnull": True, precision: ""})
                | models.Q(**{f"{day}__isnull": False}) & ~models.Q(**{precision: ""})
            ),
            name=f"{table}_{day}_has_precision",
            violation_error_message=_("%(label)s : la date et sa précision vont ensemble.")
            % {"label": label},
        ),
        date_range_constraint(day, label, table),
    ]


def date_range_constraint(day: str, label: str, table: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{day}__isnull": True})
        | models.Q(**{f"{day}__range": (EARLIEST, LATEST)}),
        name=f"{table}_{day}_in_range",
        violation_error_message=_("%(label)s : la date doit être comprise entre 2000 et 2099.")
        % {"label": label},
    )
