from django.http import HttpResponse
from django.urls import path

from techgouv.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The cheapest Django response: the ceiling of what the server can answer."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/nu/", bare), *site_urlpatterns]
