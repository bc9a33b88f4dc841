"""factory_boy factories for every model; the real programme comes from `load_programme`."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from missions.models import Mission, Source
from projects.enums import Listing, Meteo, Phase, UpdateState
from projects.fuzzydates import Precision
from projects.models import (
    Indicator,
    Measurement,
    Milestone,
    MilestoneChange,
    Project,
    Snapshot,
    StatusUpdate,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"agent{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@numerique.gouv.fr")
    password = factory.django.Password("mot-de-passe-de-test")

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        """`UserFactory(groups=[roles.PRESS])` puts the user in those groups."""
        if create and names:
            user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in names])


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"S_TEST{n}")
    url = factory.LazyAttribute(lambda source: f"https://www.numerique.gouv.fr/{source.key}/")


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"MISSION{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    name = factory.LazyAttribute(lambda mission: f"Mission {mission.code}")
    aim = "Objectif de la mission."
    order = factory.Sequence(lambda n: 100 + n)
    colour = "#000091"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        candidate = factory.Trait(listing=Listing.UNCERTAIN)

    mission = factory.SubFactory(MissionFactory)
    slug = factory.Sequence(lambda n: f"projet-{n}")
    name = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Résumé du projet."
    lead_organisation = "DINUM"
    entered_on = date(2019, 10, 2)
    listing = Listing.OFFICIAL

    @factory.post_generation
    def leads(project, create, users, **kwargs):
        if create and users:
            project.leads.add(*users)


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    """A published update by default; `StatusUpdateFactory(draft=True)` for a draft."""

    class Meta:
        model = StatusUpdate

    class Params:
        draft = factory.Trait(state=UpdateState.DRAFT, published_on=None)
        submitted = factory.Trait(state=UpdateState.SUBMITTED, published_on=None)

    project = factory.SubFactory(ProjectFactory)
    as_of = date(2021, 9, 14)
    as_of_precision = Precision.DAY
    meteo = Meteo.COUVERT
    phase = Phase.DEPLOIEMENT
    progress = 50
    summary = "Point d'avancement public."
    state = UpdateState.VALIDATED
    published_on = factory.SelfAttribute("as_of")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        update = super()._create(model_class, *args, **kwargs)
        # What the services do once an update is published (ProjectQuerySet.refresh_status).
        Project.objects.filter(pk=update.project_id).refresh_status()
        return update


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Jalon {n}")
    position = factory.Sequence(lambda n: n)
    baseline_on = date(2020, 6, 30)
    baseline_precision = Precision.MONTH


class MilestoneChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneChange

    milestone = factory.SubFactory(MilestoneFactory)
    actual_on = date(2020, 9, 30)
    actual_precision = Precision.MONTH
    published_on = factory.SelfAttribute("actual_on")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        change = super()._create(model_class, *args, **kwargs)
        # What the services do once changes are published (MilestoneQuerySet.refresh_current).
        Milestone.objects.filter(pk=change.milestone_id).refresh_current()
        return change


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indicateur-{n}")
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "utilisateurs"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    on = date(2020, 12, 31)
    on_precision = Precision.MONTH
    value = 1000
    text = "1 000"


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    slug = factory.Sequence(lambda n: f"instantane-{n}")
    title = factory.Sequence(lambda n: f"Instantané {n}")
    taken_on = date(2021, 9, 14)
