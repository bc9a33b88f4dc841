"""Shared pytest fixtures.

- Static files: plain `StaticFilesStorage` and WhiteNoise reading the finders for the whole run,
  so `{% static %}` needs no manifest nor `collectstatic`, and the live server serves the files.
- Strict templates: an undefined template variable raises `UndefinedTemplateVariable` (mark a
  test `@pytest.mark.lenient_templates` to render it as "" instead).
- HTML guard: every HTML response of the Django test client (`client`, `admin_client`,
  `Client()`) fails the test if it holds inline JavaScript (a `<script>` without `src=` other
  than `type="application/json"`, an `on…=` handler, a `javascript:` URL) or unrendered template
  syntax (`{{`, `{%`). Mark a test `@pytest.mark.no_html_guard` to skip it.
- The cast (healthchecks' personas): `visitor` (None), `lead_a` (leads `project_a`), `lead_b`
  (leads `project_b`), `press`, `office` (the programme office, staff), built for each test
  that asks; `client_for(user)` is a test client signed in as `user` (anonymous for None).
- The reference programme: `programme` loads `fixtures/programme.json` with `load_programme`
  once per run, then restores the same rows (same ids) by bulk inserts in each test that asks.
- Browser: pytest-playwright drives Debian's Chromium (/usr/bin/chromium), headless; Playwright's
  own browser download is never used. Use `page` (its base URL is the live server's:
  `page.goto("/admin/login/")`) in tests marked `@pytest.mark.e2e`. A failing e2e test leaves
  screenshots in test-output/<test>/: each `step("…")` it recorded, then the failure.
"""

import copy
import os
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from projects import roles
from projects.enums import Meteo, Phase
from projects.fuzzydates import Precision
from projects.models import Milestone
from tests.factories import MilestoneFactory, ProjectFactory, StatusUpdateFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM
# calls made from a test that uses `page` (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
SITE_URL = "https://tableau-de-bord.numerique.gouv.fr"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "lenient_templates: render undefined template variables as '' in this test"
    )
    config.addinivalue_line(
        "markers", "no_html_guard: do not check the test client's HTML responses in this test"
    )


# --- Settings for the whole run --------------------------------------------------------------


class UndefinedTemplateVariable(Exception):
    """Raised while rendering a template that uses a variable missing from its context."""


class _StrictStringIfInvalid(str):
    """`string_if_invalid` that raises instead of rendering "" (the InvalidVarException trick).

    Django renders `string_if_invalid % var_name` when it contains "%s": `__mod__` raises with
    the variable's name. `{% if missing %}` and `{% for x in missing %}` stay allowed (Django
    resolves them without `string_if_invalid`); `{{ missing|default:"x" }}` does not — pass the
    variable, or use `{% firstof %}`/`{% if %}`.
    """

    fail = True

    def __new__(cls) -> "_StrictStringIfInvalid":
        return super().__new__(cls, "%s")

    def __mod__(self, var: object) -> str:
        if self.fail:
            raise UndefinedTemplateVariable(f"Undefined template variable: {var}")
        return ""

    def __str__(self) -> str:
        # Reached when a lookup raised an exception with `silent_variable_failure = True`
        # (for example a missing reverse one-to-one object).
        if self.fail:
            raise UndefinedTemplateVariable(
                "A template variable lookup failed silently (silent_variable_failure)"
            )
        return ""


STRICT_STRING_IF_INVALID = _StrictStringIfInvalid()


@pytest.fixture(scope="session", autouse=True)
def _test_run_settings(django_test_environment: None, tmp_path_factory) -> None:
    templates = copy.deepcopy(settings.TEMPLATES)
    for engine in templates:
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            engine.setdefault("OPTIONS", {})["string_if_invalid"] = STRICT_STRING_IF_INVALID
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise serves from the finders, as with DEBUG=true: no collectstatic before tests (and no
    # "No directory at: staticfiles/" warning, which the pytest configuration turns into an error).
    # No cache between requests (projects/cache.py): a test sees the rows it just created.
    # tests/ops/test_cache.py turns a local-memory cache back on.
    caches = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(
        TEMPLATES=templates,
        STORAGES=storages,
        CACHES=caches,
        WHITENOISE_AUTOREFRESH=True,
        WHITENOISE_USE_FINDERS=True,
        # Snapshot exports are cached on disk (projects/exports/cache.py): never reuse a file
        # built by an earlier run, whose database held other rows under the same ids.
        EXPORT_CACHE_DIR=tmp_path_factory.mktemp("exports"),
        # The permanent address printed in files (production sets it, README « Production »).
        SITE_URL=SITE_URL,
        # No press kit built in the background on each snapshot creation (tests ask for it).
        EXPORT_PREPARE_ON_CREATE=False,
        # A loaded CI machine may take longer than a reader would wait for a chart image: the
        # tests wait for the file (tests of « en préparation » set their own, shorter wait).
        EXPORT_WAIT_SECONDS=60,
        # The test client and the live server speak plain HTTP; production redirects it to
        # https (tests/ops/test_security_headers.py checks the redirect itself).
        SECURE_SSL_REDIRECT=False,
    ):
        yield


@pytest.fixture(autouse=True)
def _lenient_templates(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("lenient_templates"):
        monkeypatch.setattr(STRICT_STRING_IF_INVALID, "fail", False, raising=False)


# --- HTML guard on the Django test client ----------------------------------------------------

_EVENT_HANDLER = re.compile(r"on[a-z]+")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
_JSON_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/json[\"']?[^>]*>.*?</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%")


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        names = {name: (value or "").strip().lower() for name, value in attrs}
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.problems.append(f"line {line}: inline <script> (no src=)")
        for name, value in names.items():
            if _EVENT_HANDLER.fullmatch(name):
                self.problems.append(f"line {line}: inline event handler <{tag} {name}=…>")
            elif name in _URL_ATTRIBUTES and value.startswith("javascript:"):
                self.problems.append(f"line {line}: javascript: URL in <{tag} {name}=…>")


def html_problems(html: str) -> list[str]:
    """What a strict Content-Security-Policy or a rendering slip would break in this page."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    problems = finder.problems
    # JSON data islands may legitimately contain braces; blank them out, keeping line numbers.
    text = _JSON_SCRIPT.sub(lambda match: "\n" * match.group(0).count("\n"), html)
    for match in _TEMPLATE_SYNTAX.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        excerpt = text[match.start() : match.start() + 40].split("\n")[0]
        problems.append(f"line {line}: unrendered template syntax {excerpt!r}")
    return problems


def _check_html_response(response, kwargs: dict) -> None:
    if getattr(response, "streaming", False):
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode(response.charset or "utf-8", errors="replace")
    problems = html_problems(html)
    if problems:
        method = kwargs.get("REQUEST_METHOD", "GET")
        path = kwargs.get("PATH_INFO", "?")
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        pytest.fail(f"HTML guard: {method} {path} returned a page with:\n  {shown}{more}")


@pytest.fixture(autouse=True)
def _html_guard(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("no_html_guard"):
        return
    original_request = Client.request

    def checked_request(self, **kwargs):
        response = original_request(self, **kwargs)
        _check_html_response(response, kwargs)
        return response

    monkeypatch.setattr(Client, "request", checked_request)


# --- Browser (pytest-playwright + Debian's Chromium) -----------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the e2e tests use Debian's Chromium "
            "(`make test` installs it as root; otherwise `sudo apt-get install chromium`).",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # A French visitor: LocaleMiddleware would otherwise answer Playwright's default en-US.
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Relative URLs in `page.goto("/…")` go to the live server.

    Also replaces pytest-playwright's own fallback `base_url`, a method of a plugin class that
    pytest 9 deprecates (PytestRemovedIn10Warning, an error under `filterwarnings = error`).
    """
    return live_server.url


STEP_SCREENSHOTS = pytest.StashKey[list[tuple[str, bytes]]]()


@pytest.fixture
def step(request: pytest.FixtureRequest, page):
    """`step("2019")` records what the browser shows after a step of a journey; when the test
    fails, every recorded step is saved in test-output/<test>/ beside the failure's own."""
    shots = request.node.stash.setdefault(STEP_SCREENSHOTS, [])

    def record(label: str) -> None:
        shots.append((label, page.screenshot()))

    return record


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed and report.when == "call" and item.get_closest_marker("e2e"):
        page = getattr(item, "funcargs", {}).get("page")
        if page is not None:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_")[:180]
            output = item.config.rootpath / "test-output" / name
            try:
                output.mkdir(parents=True, exist_ok=True)
                for number, (label, png) in enumerate(item.stash.get(STEP_SCREENSHOTS, []), 1):
                    (output / f"{number:02d}-{label}.png").write_bytes(png)
                page.screenshot(path=str(output / "echec.png"), full_page=True)
            except Exception as error:  # the page may be closed or crashed
                report.sections.append(("screenshots", f"not saved: {error!r}"))
            else:
                report.sections.append(("screenshots", str(output)))
    return report


# --- The cast ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings) -> None:
    # Users are created in many tests: PBKDF2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _export_cache(settings, tmp_path) -> None:
    # Snapshot exports are cached on disk: each test starts with an empty cache of its own.
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"


@pytest.fixture
def clock():
    """Today is 1 December 2026 during the test, and during the fixtures it asks for after
    this one: literal expectations that depend on today (a drift to today) stay literal."""
    with time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def project_a(db, today):
    project = ProjectFactory(slug="projet-a", name="Projet A")
    MilestoneFactory(
        project=project,
        title="Ouverture au public",
        baseline_on=today + timedelta(days=100),
        baseline_precision=Precision.DAY,
    )
    StatusUpdateFactory(
        project=project,
        as_of=today - timedelta(days=10),
        published_on=today - timedelta(days=10),
        meteo=Meteo.COUVERT,
        phase=Phase.CONCEPTION,
        summary="Résumé public du projet A.",
        risks="RISQUE-INTERNE-A",
    )
    return project


@pytest.fixture
def project_b(db):
    return ProjectFactory(slug="projet-b", name="Projet B")


@pytest.fixture
def visitor():
    """No account: an anonymous visitor."""
    return None


@pytest.fixture
def lead_a(project_a):
    user = UserFactory(username="cheffe-a", groups=[roles.PROJECT_LEAD])
    project_a.leads.add(user)
    return user


@pytest.fixture
def lead_b(project_b):
    user = UserFactory(username="chef-b", groups=[roles.PROJECT_LEAD])
    project_b.leads.add(user)
    return user


@pytest.fixture
def press(db):
    return UserFactory(username="presse", groups=[roles.PRESS])


@pytest.fixture
def office(db):
    """A member of the programme office, with the permissions migrations give the group."""
    return UserFactory(username="bureau", groups=[roles.PROGRAMME_OFFICE], is_staff=True)


@pytest.fixture
def cast(visitor, lead_a, lead_b, press, office):
    return {
        "visitor": visitor,
        "lead_a": lead_a,
        "lead_b": lead_b,
        "press": press,
        "office": office,
    }


def fuzzy_fields(name: str, value) -> dict:
    """The POST fields of a date at its own precision (`projects.fuzzy_fields`) named `name`,
    as the form shows `value` (a FuzzyDate, or None: empty, precision « jour »)."""
    fields = {f"{name}_{part}": "" for part in ("on", "month", "quarter", "semester", "year")}
    if value is None:
        return fields | {f"{name}_precision": Precision.DAY}
    fields[f"{name}_precision"] = value.precision
    if value.precision == Precision.DAY:
        fields[f"{name}_on"] = value.end.isoformat()
        return fields
    fields[f"{name}_year"] = str(value.end.year)
    part = {Precision.MONTH: ("month", 1), Precision.QUARTER: ("quarter", 3)}
    part |= {Precision.SEMESTER: ("semester", 6)}
    if value.precision in part:
        key, months = part[value.precision]
        fields[f"{name}_{key}"] = str(value.end.month // months)
    return fields


def update_payload(project, *, action="submit", milestones=None, new=None, **fields) -> dict:
    """A valid POST of the status update form of `project`, as a browser would send it
    unchanged; `fields` override the update's fields, `milestones` maps a row index to the
    values of that milestone row (`forecast_on`/`actual_on` alone: a day, precision « jour »),
    `new` lists the milestones the update adds (`title`, `target`: a FuzzyDate)."""
    rows = list(Milestone.objects.filter(project=project).with_dates().order_by("position", "pk"))
    latest = project.updates.order_by("-pk").first()
    new = new or []
    data = {
        "meteo": Meteo.COUVERT,
        "phase": Phase.DEPLOIEMENT,
        "progress": "60",
        "summary": "Nouveau résumé public.",
        "achievements": "",
        "next_steps": "",
        "risks": "",
        "decisions": "",
        "meteo_justification": "",
        "based_on": str(latest.pk) if latest else "",
        "action": action,
        "jalons-TOTAL_FORMS": str(len(rows)),
        "jalons-INITIAL_FORMS": str(len(rows)),
        "jalons-MIN_NUM_FORMS": "0",
        "jalons-MAX_NUM_FORMS": "1000",
        "nouveaux-TOTAL_FORMS": str(len(new) + 1),
        "nouveaux-INITIAL_FORMS": "0",
        "nouveaux-MIN_NUM_FORMS": "0",
        "nouveaux-MAX_NUM_FORMS": "10",
    }
    for index, milestone in enumerate(rows):
        prefix = f"jalons-{index}-"
        data |= {prefix + "milestone_id": str(milestone.pk), prefix + "reason": ""}
        row = dict((milestones or {}).get(index, {}))
        for name in ("forecast", "actual"):
            # A day typed alone keeps the test short: it is a date known to the day.
            if f"{name}_on" in row and f"{name}_precision" not in row:
                row[f"{name}_precision"] = Precision.DAY
            current = getattr(milestone, name)
            data |= {prefix + key: value for key, value in fuzzy_fields(name, current).items()}
        for name, value in row.items():
            data[prefix + name] = value
    for index, milestone in enumerate([*new, {"title": "", "target": None}]):
        prefix = f"nouveaux-{index}-"
        data[prefix + "title"] = milestone["title"]
        data |= {prefix + k: v for k, v in fuzzy_fields("target", milestone["target"]).items()}
    data.update(fields)
    return data


def client_for(user, **kwargs) -> Client:
    """A test client signed in as `user`; anonymous for None."""
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def body(response) -> bytes:
    """The whole content, read once and kept: the test client closes a streamed response once
    it is read (closing it again would also close the database connection, on PostgreSQL)."""
    if not getattr(response, "streaming", False):
        return response.content
    if not hasattr(response, "_test_body"):
        response._test_body = b"".join(response.streaming_content)
    return response._test_body


# --- The reference programme, loaded once per run ------------------------------------------

_PROGRAMME: dict = {}


def _programme_models() -> list:
    """Every model of the two domain apps, many-to-many tables included."""
    return [
        model
        for label in ("missions", "projects")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


@pytest.fixture
def programme(db) -> str:
    """The reference programme as `load_programme` leaves it (rolled back after each test).

    The first test that asks runs the command; the others get the same rows, ids included,
    by one bulk insert per table (foreign keys are checked at commit, so the order does not
    matter). Returns the command's output (its French summary).
    """
    if not _PROGRAMME:
        out = StringIO()
        call_command("load_programme", stdout=out)
        _PROGRAMME["output"] = out.getvalue()
        _PROGRAMME["rows"] = {
            model: list(model._base_manager.order_by("pk").values())
            for model in _programme_models()
        }
    else:
        _restore(_PROGRAMME["rows"])
    return _PROGRAMME["output"]


def _restore(rows_by_model: dict) -> None:
    # One transaction: foreign keys are checked at its end (live-server tests have no
    # surrounding test transaction).
    with transaction.atomic():
        for model, rows in rows_by_model.items():
            stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
            for field in stamped:  # keep the loaded timestamps, as `loaddata` does
                field.auto_now_add = False
            try:
                model._base_manager.bulk_create(model(**row) for row in rows)
            finally:
                for field in stamped:
                    field.auto_now_add = True
        # PostgreSQL's sequences do not follow explicit ids: rows created next must not clash.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(rows_by_model)):
                cursor.execute(statement)
