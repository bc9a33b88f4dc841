# A published press snapshot is immutable: the database itself refuses to change it.
#
# Triggers refuse UPDATE and DELETE of a published PRESS snapshot, and INSERT, UPDATE and DELETE
# of its entries and milestones, whoever writes (the app, the admin, a shell, psql/sqlite3).
# EDITION snapshots stay writable: `load_programme` re-freezes them from the reference data.
#
# Documented escape hatch (withdrawal ordered by a court, test teardown): a row in
# `projects_snapshot_unlock` lifts the refusal. `projects.snapshots.immutability.snapshots_unlocked()`
# inserts it and deletes it again inside one transaction, so no other connection ever sees it.

from django.db import migrations

MESSAGE = "Instantané publié : il ne peut plus être modifié ni supprimé."

UNLOCK_TABLE = "CREATE TABLE projects_snapshot_unlock (id integer PRIMARY KEY)"
NOT_UNLOCKED = "NOT EXISTS (SELECT 1 FROM projects_snapshot_unlock)"
LOCKED_SNAPSHOT = (
    "EXISTS (SELECT 1 FROM projects_snapshot s WHERE s.id = {id} "
    "AND s.kind = 'PRESS' AND s.published_at IS NOT NULL)"
)
LOCKED_ENTRY = (
    "EXISTS (SELECT 1 FROM projects_snapshotentry e JOIN projects_snapshot s "
    "ON s.id = e.snapshot_id WHERE e.id = {id} "
    "AND s.kind = 'PRESS' AND s.published_at IS NOT NULL)"
)


def _sqlite_trigger(name, when, table, condition):
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW "
        f"WHEN ({condition}) AND {NOT_UNLOCKED} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


SQLITE = [
    UNLOCK_TABLE,
    _sqlite_trigger(
        "projects_snapshot_refuse_update",
        "UPDATE",
        "projects_snapshot",
        "OLD.kind = 'PRESS' AND OLD.published_at IS NOT NULL",
    ),
    _sqlite_trigger(
        "projects_snapshot_refuse_delete",
        "DELETE",
        "projects_snapshot",
        "OLD.kind = 'PRESS' AND OLD.published_at IS NOT NULL",
    ),
    _sqlite_trigger(
        "projects_snapshotentry_refuse_insert",
        "INSERT",
        "projects_snapshotentry",
        LOCKED_SNAPSHOT.format(id="NEW.snapshot_id"),
    ),
    _sqlite_trigger(
        "projects_snapshotentry_refuse_update",
        "UPDATE",
        "projects_snapshotentry",
        LOCKED_SNAPSHOT.format(id="OLD.snapshot_id")
        + " OR "
        + LOCKED_SNAPSHOT.format(id="NEW.snapshot_id"),
    ),
    _sqlite_trigger(
        "projects_snapshotentry_refuse_delete",
        "DELETE",
        "projects_snapshotentry",
        LOCKED_SNAPSHOT.format(id="OLD.snapshot_id"),
    ),
    _sqlite_trigger(
        "projects_snapshotmilestone_refuse_insert",
        "INSERT",
        "projects_snapshotmilestone",
        LOCKED_ENTRY.format(id="NEW.entry_id"),
    ),
    _sqlite_trigger(
        "projects_snapshotmilestone_refuse_update",
        "UPDATE",
        "projects_snapshotmilestone",
        LOCKED_ENTRY.format(id="OLD.entry_id") + " OR " + LOCKED_ENTRY.format(id="NEW.entry_id"),
    ),
    _sqlite_trigger(
        "projects_snapshotmilestone_refuse_delete",
        "DELETE",
        "projects_snapshotmilestone",
        LOCKED_ENTRY.format(id="OLD.entry_id"),
    ),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS projects_{table}_refuse_{op}"
        for table in ("snapshot", "snapshotentry", "snapshotmilestone")
        for op in ("insert", "update", "delete")
    ),
    "DROP TABLE IF EXISTS projects_snapshot_unlock",
]

POSTGRESQL = [
    UNLOCK_TABLE,
    f"""
CREATE FUNCTION projects_snapshot_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    locked boolean := false;
BEGIN
    IF EXISTS (SELECT 1 FROM projects_snapshot_unlock) THEN
        locked := false;
    ELSIF TG_TABLE_NAME = 'projects_snapshot' THEN
        locked := OLD.kind = 'PRESS' AND OLD.published_at IS NOT NULL;
    ELSIF TG_TABLE_NAME = 'projects_snapshotentry' THEN
        IF TG_OP <> 'INSERT' THEN
            locked := {LOCKED_SNAPSHOT.format(id="OLD.snapshot_id")};
        END IF;
        IF TG_OP <> 'DELETE' AND NOT locked THEN
            locked := {LOCKED_SNAPSHOT.format(id="NEW.snapshot_id")};
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN
            locked := {LOCKED_ENTRY.format(id="OLD.entry_id")};
        END IF;
        IF TG_OP <> 'DELETE' AND NOT locked THEN
            locked := {LOCKED_ENTRY.format(id="NEW.entry_id")};
        END IF;
    END IF;
    IF locked THEN
        RAISE EXCEPTION USING
            ERRCODE = 'integrity_constraint_violation',
            MESSAGE = '{MESSAGE}';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$
""",
    "CREATE TRIGGER projects_snapshot_refuse BEFORE UPDATE OR DELETE ON projects_snapshot "
    "FOR EACH ROW EXECUTE FUNCTION projects_snapshot_refuse_change()",
    "CREATE TRIGGER projects_snapshotentry_refuse BEFORE INSERT OR UPDATE OR DELETE "
    "ON projects_snapshotentry FOR EACH ROW EXECUTE FUNCTION projects_snapshot_refuse_change()",
    "CREATE TRIGGER projects_snapshotmilestone_refuse BEFORE INSERT OR UPDATE OR DELETE "
    "ON projects_snapshotmilestone FOR EACH ROW "
    "EXECUTE FUNCTION projects_snapshot_refuse_change()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS projects_snapshot_refuse ON projects_snapshot",
    "DROP TRIGGER IF EXISTS projects_snapshotentry_refuse ON projects_snapshotentry",
    "DROP TRIGGER IF EXISTS projects_snapshotmilestone_refuse ON projects_snapshotmilestone",
    "DROP FUNCTION IF EXISTS projects_snapshot_refuse_change()",
    "DROP TABLE IF EXISTS projects_snapshot_unlock",
]

STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"Snapshot immutability triggers exist for SQLite and PostgreSQL, not {vendor}.")
    for statement in STATEMENTS[vendor][reverse]:
        schema_editor.execute(statement, params=None)


def forwards(apps, schema_editor):
    _run(schema_editor, reverse=False)


def backwards(apps, schema_editor):
    _run(schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
