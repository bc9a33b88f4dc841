"""Every address of the dashboard's domain, one nested list per section (its URL namespace).

The public pages are cached whole for anonymous readers (`public_page`); the addresses are
stable, the press cites them (DESIGN.md, « Public URLs »).
"""

from django.urls import include, path, re_path

from projects import feeds
from projects.api import views as api
from projects.cache import public_page
from projects.exports import views as exports
from projects.snapshots import views as snapshots
from projects.views import (
    accounts,
    dashboard,
    editing,
    listing,
    missions,
    my_projects,
    portfolio,
    review,
)

mission_patterns = [
    path("", public_page(missions.mission_list), name="list"),
    path("<slug:code>/", public_page(missions.mission_detail), name="detail"),
]

project_patterns = [
    path("a-valider/", review.queue, name="review"),
    path("a-valider/<int:pk>/valider/", review.validate, name="validate"),
    path("a-valider/<int:pk>/renvoyer/", review.send_back, name="send_back"),
    path("", listing.project_list, name="list"),
    path("<slug:slug>/", public_page(portfolio.project_detail), name="detail"),
    path("<slug:slug>/mettre-a-jour/", editing.update_project, name="update"),
    path("<slug:slug>/points/<int:pk>/soumettre/", editing.submit_draft, name="submit_draft"),
]

snapshot_patterns = [
    path("", snapshots.snapshot_list, name="list"),
    path("comparer/", public_page(snapshots.compare_dates), name="compare_dates"),
    path("<slug:slug>/", public_page(snapshots.snapshot_detail), name="detail"),
    path("<slug:a>/comparer/<slug:b>/", public_page(snapshots.snapshot_compare), name="compare"),
    path("<slug:slug>/integrer/<slug:chart>/", snapshots.chart_embed, name="embed"),
    re_path(
        r"^(?P<a>[-a-zA-Z0-9_]+)/comparer/(?P<b>[-a-zA-Z0-9_]+)/export\.(?P<fmt>csv|xlsx|pdf)$",
        exports.comparison_export,
        name="compare_export",
    ),
    path("<slug:slug>/datapackage.json", exports.datapackage, name="datapackage"),
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/export\.(?P<fmt>csv|xlsx|json|pdf|png|svg|zip)$",
        exports.export,
        name="export",
    ),
]

account_patterns = [
    path("", accounts.account, name="account"),
    path("accueil/", accounts.landing, name="landing"),
    path("connexion/", accounts.login, name="login"),
    path("deconnexion/", accounts.logout, name="logout"),
]

api_patterns = [
    path("", api.index, name="index"),
    path("schema/", api.schema, name="schema"),
    path("missions/", api.missions, name="missions"),
    path("projets/", api.projects, name="projects"),
    path("jalons/", api.milestones, name="milestones"),
    path("points/", api.updates, name="updates"),
    path("instantanes/", api.snapshots, name="snapshots"),
    path("instantanes/<str:slug>/", api.snapshot_detail, name="snapshot"),
    path("instantanes/<str:slug>/projets/", api.snapshot_projects, name="snapshot_projects"),
    re_path(r"^.*$", api.unknown),
]

urlpatterns = [
    path("", public_page(dashboard.home), name="home"),
    path("missions/", include((mission_patterns, "missions"))),
    path("projets/", include((project_patterns, "projects"))),
    path("instantanes/", include((snapshot_patterns, "snapshots"))),
    path("flux.atom", public_page(feeds.feed), name="feed"),
    path("donnees/schema.json", exports.schema, name="opendata_schema"),
    path("donnees/schema-projets.json", exports.list_schema, name="opendata_list_schema"),
    path("compte/", include(account_patterns)),
    path("mes-projets/", my_projects.my_projects, name="my_projects"),
    path("api/", include((api_patterns, "api"))),
]
