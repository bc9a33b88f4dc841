"""The one documented way around the database's refusal to change a published press snapshot.

Migration `0003_snapshot_immutability` installs triggers that refuse any UPDATE or DELETE of a
published PRESS snapshot and any write to its entries and milestones. They step aside while the
table `projects_snapshot_unlock` holds a row. `snapshots_unlocked()` inserts that row and
deletes it again inside one transaction: other connections never see it (it is never
committed), so a snapshot stays immutable for everyone else, even meanwhile.

For operators only (a withdrawal ordered by a court, a test's teardown); the application
never calls it.
"""

from contextlib import contextmanager

from django.db import connection, transaction

UNLOCK_TABLE = "projects_snapshot_unlock"


@contextmanager
def snapshots_unlocked():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {UNLOCK_TABLE} (id) VALUES (1)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {UNLOCK_TABLE}")
