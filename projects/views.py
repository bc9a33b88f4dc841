from django.http import Http404


def home(request):
    raise Http404


def project_detail(request, slug):
    raise Http404


def snapshot_detail(request, slug):
    raise Http404
