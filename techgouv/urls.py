from django.contrib import admin
from django.urls import include, path

from projects.views import dashboard
from techgouv import views

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("missions/", include("missions.urls")),
    path("projets/", include("projects.urls")),
    path("compte/", include("projects.account_urls")),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("langue/", views.switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
]
