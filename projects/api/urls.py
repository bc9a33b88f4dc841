from django.urls import path, re_path

from projects.api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("schema/", views.schema, name="schema"),
    path("missions/", views.missions, name="missions"),
    path("projets/", views.projects, name="projects"),
    path("jalons/", views.milestones, name="milestones"),
    path("points/", views.updates, name="updates"),
    path("instantanes/", views.snapshots, name="snapshots"),
    path("instantanes/<str:slug>/", views.snapshot_detail, name="snapshot"),
    path("instantanes/<str:slug>/projets/", views.snapshot_projects, name="snapshot_projects"),
    re_path(r"^.*$", views.unknown),
]
