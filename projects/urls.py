from django.urls import path

from projects.views import editing, portfolio, review

app_name = "projects"
urlpatterns = [
    path("a-valider/", review.queue, name="review"),
    path("a-valider/<int:pk>/valider/", review.validate, name="validate"),
    path("a-valider/<int:pk>/renvoyer/", review.send_back, name="send_back"),
    path("<slug:slug>/", portfolio.project_detail, name="detail"),
    path("<slug:slug>/mettre-a-jour/", editing.update_project, name="update"),
    path("<slug:slug>/points/<int:pk>/soumettre/", editing.submit_draft, name="submit_draft"),
]
