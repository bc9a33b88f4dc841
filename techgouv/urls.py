from django.contrib import admin
from django.urls import include, path

from projects.cache import public_page
from projects.views import dashboard, snapshot_exports
from techgouv import health, views

urlpatterns = [
    path("", public_page(dashboard.home), name="home"),
    path("missions/", include("missions.urls")),
    path("projets/", include("projects.urls")),
    path("compte/", include("projects.account_urls")),
    path("instantanes/", include("projects.snapshot_urls")),
    path("donnees/schema.json", snapshot_exports.schema, name="opendata_schema"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("langue/", views.switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
    path("sante/", health.health, name="health"),
    path("api/", include("projects.api.urls")),
]

handler400 = "techgouv.views.bad_request"
