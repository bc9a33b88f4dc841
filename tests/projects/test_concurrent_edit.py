"""Two people editing the same project at once: the second save is refused, input kept."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from projects import services
from projects.enums import Meteo, Phase
from projects.models import StatusUpdate
from tests.conftest import client_for, update_payload


def test_second_save_on_the_same_base_is_refused_and_input_kept(lead_a, office, project_a):
    path = reverse("projects:update", args=[project_a.slug])
    first = update_payload(project_a, summary="Point du bureau")
    second = update_payload(project_a, summary="Point de la cheffe de projet", risks="Mon risque")
    assert first["based_on"] == second["based_on"]

    assert client_for(office).post(path, first).status_code == 302
    response = client_for(lead_a).post(path, second)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Un autre point d&#x27;avancement a été enregistré" in page
    assert "Point de la cheffe de projet" in page and "Mon risque" in page
    summaries = list(project_a.updates.order_by("pk").values_list("summary", flat=True))
    assert summaries[-1] == "Point du bureau"
    assert "Point de la cheffe de projet" not in summaries

    # The page is now based on the newest update: re-submitting it is accepted.
    newest = project_a.updates.order_by("-pk").first()
    assert f'name="based_on" value="{newest.pk}"' in page
    resubmitted = {**second, "based_on": str(newest.pk)}
    assert client_for(lead_a).post(path, resubmitted).status_code == 302
    summaries = list(project_a.updates.order_by("pk").values_list("summary", flat=True))
    assert summaries[-2:] == ["Point du bureau", "Point de la cheffe de projet"]


def test_save_update_refuses_a_stale_base(lead_a, project_a):
    data = {
        "meteo": Meteo.COUVERT,
        "phase": Phase.DEPLOIEMENT,
        "progress": 50,
        "summary": "Résumé",
        "based_on": None,
    }
    with pytest.raises(services.StaleUpdateError):
        services.save_update(
            project=project_a, author=lead_a, data=data, milestone_moves=[], submit=True
        )
    assert not project_a.updates.filter(summary="Résumé").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_cannot_both_pass_the_check(lead_a, office, project_a):
    based_on = project_a.updates.order_by("-pk").first().pk
    barrier = threading.Barrier(2)
    outcomes = []

    def save(author, summary):
        try:
            barrier.wait(timeout=10)
            services.save_update(
                project=project_a,
                author=author,
                data={
                    "meteo": Meteo.COUVERT,
                    "phase": Phase.DEPLOIEMENT,
                    "progress": 50,
                    "summary": summary,
                    "based_on": based_on,
                },
                milestone_moves=[],
                submit=True,
            )
            outcomes.append("saved")
        except services.StaleUpdateError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(lead_a, "Cheffe")),
        threading.Thread(target=save, args=(office, "Bureau")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refused", "saved"]
    assert StatusUpdate.objects.filter(project=project_a, based_on_id=based_on).count() == 1
