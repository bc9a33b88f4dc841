from django.urls import path

from projects import views

app_name = "projects"
urlpatterns = [
    path("", views.home, name="home"),
    path("projets/<slug:slug>/", views.project_detail, name="detail"),
    path("instantanes/<slug:slug>/", views.snapshot_detail, name="snapshot"),
]
