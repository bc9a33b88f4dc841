from django.urls import path

from missions import views
from projects.cache import public_page

app_name = "missions"
urlpatterns = [
    path("", public_page(views.mission_list), name="list"),
    path("<slug:code>/", public_page(views.mission_detail), name="detail"),
]
