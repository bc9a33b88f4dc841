"""« The latest row of each group on a day »: what time travel asks of every history table.

On PostgreSQL, `DISTINCT ON` walks the (group, date) index once; elsewhere a window function
numbers each group's rows. Either way one subquery of ids, joined once by the caller
(`FilteredRelation`), instead of one correlated subquery per row and per field.
"""

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber


def latest_ids(rows: QuerySet, group: str, order: list[str]) -> QuerySet:
    """The ids of the first row of each `group` in `order` (e.g. ["-published_on", "-pk"])."""
    if connection.vendor == "postgresql":
        return rows.order_by(group, *order).distinct(group).values("pk")
    ordering = [F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in order]
    ranked = rows.annotate(rank=Window(RowNumber(), partition_by=[F(group)], order_by=ordering))
    return ranked.filter(rank=1).values("pk")


def first_per_group(rows: QuerySet, group: str, order: str, limit: int) -> QuerySet:
    """At most `limit` rows of each `group`, by `order`: a page stays the same size whatever
    the portfolio's, the rest is one link away."""
    rank = Window(RowNumber(), partition_by=[F(group)], order_by=[F(order).asc()])
    return rows.annotate(rank_in_group=rank).filter(rank_in_group__lte=limit)
