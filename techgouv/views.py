"""The site's own pages, the ones every DSFR site has."""

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def legal(request):
    return render(request, "pages/legal.html")


@require_safe
def sitemap(request):
    return render(request, "pages/sitemap.html")
