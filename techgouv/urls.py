from django.contrib import admin
from django.urls import include, path

from techgouv import health, views

urlpatterns = [
    path("", include("projects.urls")),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("langue/", views.switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
    path("sante/", health.health, name="health"),
]

handler400 = "techgouv.views.bad_request"
