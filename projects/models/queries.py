"""Query shapes the models share: « the latest row of each group on a day » (what time travel
asks of every history table), « the first rows of each group » (pages of a fixed size), and
querysets built once per process (`prepared`)."""

from collections import OrderedDict

from django.db import connection
from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber


def join_latest(queryset: QuerySet, name: str, relation: str, rows: QuerySet, order: list[str]):
    """`queryset` with its latest related row among `rows` (by `order`, e.g. ["-published_on",
    "-pk"]) joined as `name`, through the reverse relation `relation` (e.g. "changes"): one join
    per outer row, whatever the length of the history.

    On PostgreSQL the ids of every group's latest row come from one `DISTINCT ON` subquery,
    walked on the (group, date) index once and hashed by the join. SQLite re-evaluates such a
    subquery in a join condition: there, each outer row looks up its own latest id on the same
    index (one seek each).
    """
    group = queryset.model._meta.get_field(relation).field.attname
    rows = rows.order_by()  # no default ordering: it would join the related tables it names
    if connection.vendor == "postgresql":
        ids = rows.order_by(group, *order).distinct(group).values("pk")
        condition = Q(**{f"{relation}__in": Subquery(ids)})
        return queryset.alias(**{name: FilteredRelation(relation, condition=condition)})
    latest = rows.filter(**{group: OuterRef("pk")}).order_by(*order).values("pk")[:1]
    condition = Q(**{f"{relation}__pk": F(f"{name}_pk")})
    return queryset.alias(**{f"{name}_pk": Subquery(latest)}).alias(
        **{name: FilteredRelation(relation, condition=condition)}
    )


def first_per_group(rows: QuerySet, group: str, order: str, limit: int) -> QuerySet:
    """At most `limit` rows of each `group`, by `order`: a page stays the same size whatever
    the portfolio's, the rest is one link away."""
    rank = Window(RowNumber(), partition_by=[F(group)], order_by=[F(order).asc()])
    return rows.annotate(rank_in_group=rank).filter(rank_in_group__lte=limit)


_PREPARED: OrderedDict = OrderedDict()
PREPARED_LIMIT = 128


def prepared(key: tuple, build) -> QuerySet:
    """The queryset `build()` gives, built once per process for `key` and cloned for each use.

    Building a queryset of correlated subqueries (the rules' expressions resolved into each of
    them) costs milliseconds of Python on every request; cloning a built one, microseconds. The
    key holds everything the queryset depends on (the day included: « today » is one); the
    stored querysets are never evaluated, only their clones.
    """
    key = (connection.vendor, *key)
    queryset = _PREPARED.get(key)
    if queryset is None:
        queryset = _PREPARED[key] = build()
        if len(_PREPARED) > PREPARED_LIMIT:
            _PREPARED.popitem(last=False)
    else:
        _PREPARED.move_to_end(key)
    return queryset.all()
