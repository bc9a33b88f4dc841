#!/usr/bin/env python3
"""Concurrent writers: N status updates posted at the same instant on one project, over HTTP.

    .venv/bin/python bench/concurrency.py [--writers 20] [--rounds 3]

Each writer is a project lead with a session of their own: they open the update form (same
`based_on`), wait at a barrier, then all post at once to gunicorn + PostgreSQL. Every post must
be either saved (302) or refused with the conflict message, and the database must hold exactly
the saved ones: none lost, none doubled. Writes bench/output/concurrency.json.
"""

import argparse
import http.cookiejar
import re
import sys
import threading
import urllib.parse
import urllib.request

from common import BASE, DATABASE, gunicorn, manage, prepare_database, psql, save

SLUG = "franceconnect-generalisation"
CONFLICT = "Un autre point d&#x27;avancement a été enregistré pour ce projet"
PASSWORD = "bench-concurrence-2026"

SETUP = """
from django.contrib.auth.models import Group, User
from projects.models import Project
project = Project.objects.get(slug="SLUG")
group = Group.objects.get(name="Chef de projet")
for n in range(WRITERS):
    user, _ = User.objects.get_or_create(username=f"bench-chef-{n}")
    user.set_password("PASSWORD")
    user.save()
    user.groups.add(group)
    project.leads.add(user)
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    return opener, jar


def fetch(opener, path, data=None):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def form_fields(html: str) -> dict:
    """The values a browser would send back unchanged: inputs, selected options, textareas."""
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or re.search(r'type="(submit|button)"', tag):
            continue
        if re.search(r'type="(radio|checkbox)"', tag) and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, options in re.findall(
        r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        fields[name] = [selected.group(1) if selected else ""]
    for name, text in re.findall(
        r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        fields[name] = [text.strip()]
    return {
        name: [value.replace("&amp;", "&") for value in values] for name, values in fields.items()
    }


def writer(n, barrier, outcomes):
    opener, _ = session()
    status, page = fetch(opener, "/compte/connexion/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fetch(
        opener,
        "/compte/connexion/",
        {"csrfmiddlewaretoken": token, "username": f"bench-chef-{n}", "password": PASSWORD},
    )
    status, page = fetch(opener, f"/projets/{SLUG}/mettre-a-jour/")
    assert status == 200, status
    data = form_fields(page)
    data |= {
        "meteo": ["COUVERT"],
        "phase": ["DEPLOIEMENT"],
        "progress": [str(50 + n)],
        "summary": [f"Point concurrent n° {n}"],
        "meteo_justification": ["Charge de test : justification de la météo."],
        "action": ["submit"],
    }
    barrier.wait()
    status, page = fetch(opener, f"/projets/{SLUG}/mettre-a-jour/", data)
    if status == 302:
        outcomes[n] = "enregistré"
    elif status == 200 and CONFLICT in page:
        outcomes[n] = "refusé (conflit)"
    else:
        outcomes[n] = f"autre ({status})"
        errors = re.findall(
            r'class="fr-(?:error-text|message fr-message--error)"[^>]*>([^<]+)', page
        )
        print(f"écrivain {n} : HTTP {status} {errors[:3]}", file=sys.stderr)


def count_updates() -> int:
    return int(
        psql(
            "SELECT count(*) FROM projects_statusupdate u JOIN projects_project p "
            f"ON p.id = u.project_id WHERE p.slug = '{SLUG}'",
            DATABASE,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    prepare_database(fresh=True)
    setup = SETUP.replace("SLUG", SLUG).replace("WRITERS", str(args.writers))
    manage("shell", "-c", setup.replace("PASSWORD", PASSWORD))
    rounds = []
    with gunicorn():
        for number in range(1, args.rounds + 1):
            before = count_updates()
            barrier = threading.Barrier(args.writers)
            outcomes: dict[int, str] = {}
            threads = [
                threading.Thread(target=writer, args=(n, barrier, outcomes))
                for n in range(args.writers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            saved = sum(1 for o in outcomes.values() if o == "enregistré")
            refused = sum(1 for o in outcomes.values() if o == "refusé (conflit)")
            other = args.writers - saved - refused
            stored = count_updates() - before
            rounds.append(
                {
                    "round": number,
                    "saved": saved,
                    "refused": refused,
                    "other": other,
                    "stored": stored,
                }
            )
            print(
                f"Tour {number} : {args.writers} écritures simultanées → {saved} enregistrée(s), "
                f"{refused} refusée(s) avec le message de conflit, {other} autre(s) ; "
                f"{stored} ligne(s) en base (perdues : {saved - stored}).",
                flush=True,
            )
    save("concurrency", {"writers": args.writers, "rounds": rounds})
    ok = all(r["other"] == 0 and r["stored"] == r["saved"] for r in rounds)
    print("Aucune écriture perdue." if ok else "ÉCHEC : écriture perdue ou réponse inattendue.")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
