# Each group gets exactly the permissions of its role (the role table of the design brief),
# in production too: until now only `create_demo_accounts` (DEBUG only) granted any, and it
# granted the programme office the editing of users and groups.
#
# The programme office manages missions, sources, projects, milestones, indicators and their
# measurements in the admin, and reads status updates, milestone changes, snapshots and the
# journal there. It never edits users, groups or permissions (a superuser does, made with
# `createsuperuser`), never deletes a project (it is withdrawn), never writes status updates or
# milestone changes (the services do). Project leads and the press work through the site's
# forms: no admin permission.
#
# Self-contained: names and codenames are written here, not imported, so that later changes of
# the code do not change what this migration did.

from django.db import migrations

ROLE_PERMISSIONS = {
    "Bureau du programme": {
        ("missions", "mission"): ("add", "change", "delete", "view"),
        ("missions", "source"): ("add", "change", "delete", "view"),
        ("projects", "project"): ("add", "change", "view"),
        ("projects", "milestone"): ("add", "change", "delete", "view"),
        ("projects", "milestonechange"): ("view",),
        ("projects", "announcement"): ("add", "change", "view"),
        ("projects", "statusupdate"): ("view",),
        ("projects", "indicator"): ("add", "change", "delete", "view"),
        ("projects", "measurement"): ("add", "change", "delete", "view"),
        ("projects", "snapshot"): ("view",),
        ("projects", "auditevent"): ("view",),
    },
    "Chef de projet": {},
    "Presse": {},
}


def _create_permissions(apps, using):
    """Content types and permissions are created after `migrate` (post_migrate signal); on a
    fresh database they do not exist yet when this migration runs."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, using=using, apps=apps)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None


def grant_role_permissions(apps, schema_editor):
    using = schema_editor.connection.alias
    _create_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, table in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = [
            Permission.objects.using(using).get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=f"{action}_{model}",
            )
            for (app_label, model), actions in table.items()
            for action in actions
        ]
        group.permissions.set(wanted)  # exactly these: whatever was granted before goes


def clear_role_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_truthful_figures"),
        ("missions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_role_permissions, clear_role_permissions)]
