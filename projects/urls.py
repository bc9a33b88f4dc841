from django.urls import path

from projects.views import portfolio

app_name = "projects"
urlpatterns = [
    path("<slug:slug>/", portfolio.project_detail, name="detail"),
]
