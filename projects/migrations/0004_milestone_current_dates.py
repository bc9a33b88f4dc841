
from datetime import date

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_current_dates(apps, schema_editor):
    """The rule of MilestoneQuerySet.refresh_current, written here as it stood (migrations
    must not depend on code that may change)."""
    Milestone = apps.get_model("projects", "Milestone")
    MilestoneChange = apps.get_model("projects", "MilestoneChange")
    today = date.today()
    changes = MilestoneChange.objects.filter(milestone=OuterRef("pk"), published_on__lte=today)
    moves = changes.filter(forecast_on__isnull=False).order_by("-published_on", "-pk")
    actuals = changes.filter(actual_on__isnull=False, actual_on__lte=today)
    actuals = actuals.order_by("-published_on", "-pk")
    Milestone.objects.update(
        current_forecast_on=Subquery(moves.values("forecast_on")[:1]),
        current_forecast_precision=Subquery(moves.values("forecast_precision")[:1]),
        current_actual_on=Subquery(actuals.values("actual_on")[:1]),
        current_actual_precision=Subquery(actuals.values("actual_precision")[:1]),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_snapshot_immutability'),
    ]

    operations = [
        migrations.AddField(
            model_name='milestone',
            name='current_actual_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='date de réalisation publiée'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='current_actual_precision',
            field=models.CharField(editable=False, max_length=8, null=True),
        ),
        migrations.AddField(
            model_name='milestone',
            name='current_forecast_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='dernière date prévue publiée'),
        ),
        migrations.AddField(
            model_name='milestone',
            name='current_forecast_precision',
            field=models.CharField(editable=False, max_length=8, null=True),
        ),
        migrations.RunPython(fill_current_dates, migrations.RunPython.noop),
    ]
