from django.urls import path

from projects.cache import public_page
from projects.views import editing, listing, portfolio, review

app_name = "projects"
urlpatterns = [
    path("a-valider/", review.queue, name="review"),
    path("a-valider/<int:pk>/valider/", review.validate, name="validate"),
    path("a-valider/<int:pk>/renvoyer/", review.send_back, name="send_back"),
    path("", listing.project_list, name="list"),
    path("<slug:slug>/", public_page(portfolio.project_detail), name="detail"),
    path("<slug:slug>/mettre-a-jour/", editing.update_project, name="update"),
    path("<slug:slug>/points/<int:pk>/soumettre/", editing.submit_draft, name="submit_draft"),
]
