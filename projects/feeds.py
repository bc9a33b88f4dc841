"""The Atom feed `/flux.atom`: published status updates and new snapshots, newest first.

Django's syndication framework writes the Atom; every link is a permanent address (`SITE_URL`),
never the request's Host. Only what the public pages show: validated updates of projects in the
portfolio (no internal risk note), published snapshots.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from projects.enums import Meteo, phase_label
from projects.exports.meta import LICENCE, permalink
from projects.formats import longdate, percent
from projects.models import Project, Snapshot, StatusUpdate

ENTRIES = 40


@dataclass(frozen=True)
class Entry:
    key: str  # a stable id: « point-<pk> », « instantane-<slug> »
    title: str
    summary: str
    link: str
    published: datetime


def _update_entry(update) -> Entry:
    project = update.project
    facts = [
        _("Météo : %(meteo)s") % {"meteo": Meteo(update.meteo).label},
        _("phase : %(phase)s") % {"phase": phase_label(update.phase)},
    ]
    if update.progress is not None:
        facts.append(_("avancement : %(progress)s") % {"progress": percent(update.progress)})
    summary = f"{'; '.join(facts)}. {update.summary}".strip()
    return Entry(
        key=f"point-{update.pk}",
        title=_("Point d'avancement publié : %(project)s, %(date)s")
        % {"project": project.display_name, "date": longdate(update.as_of)},
        summary=summary,
        link=permalink(project.get_absolute_url()),
        published=timezone.make_aware(datetime.combine(update.published_on, time(12))),
    )


def _snapshot_entry(snapshot) -> Entry:
    summary = _(
        "Le portefeuille du programme tel qu'il était publié le %(date)s, figé à une "
        "adresse permanente, avec ses fichiers (PDF, CSV, XLSX, images)."
    ) % {"date": longdate(snapshot.taken_on)}
    if snapshot.note:
        summary = f"{summary} {snapshot.note}"
    return Entry(
        key=f"instantane-{snapshot.slug}",
        title=_("Nouvel instantané : %(title)s (%(date)s)")
        % {"title": snapshot.display_title, "date": longdate(snapshot.taken_on)},
        summary=summary,
        link=permalink(snapshot.get_absolute_url()),
        published=snapshot.published_at,
    )


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Tableau de bord TECH.GOUV — points d'avancement et instantanés")
    subtitle = gettext_lazy(
        "Les points d'avancement validés des projets du programme TECH.GOUV (DINUM) et les "
        "nouveaux instantanés publiés."
    )
    author_name = "DINUM, programme TECH.GOUV"

    def link(self):
        return permalink("/")

    def feed_url(self):
        return permalink("/flux.atom")

    def feed_copyright(self):
        return LICENCE

    def items(self):
        updates = (
            StatusUpdate.objects.published()
            .filter(project__in=Project.objects.in_portfolio().values("pk"))
            .select_related("project")
            .order_by("-published_on", "-pk")[:ENTRIES]
        )
        snapshots = Snapshot.objects.published().order_by("-published_at")[:ENTRIES]
        entries = [_update_entry(u) for u in updates] + [_snapshot_entry(s) for s in snapshots]
        return sorted(entries, key=lambda entry: entry.published, reverse=True)[:ENTRIES]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return f"{item.link}#{item.key}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.published


@require_safe
def feed(request):
    """`/flux.atom`."""
    return UpdatesFeed()(request)
