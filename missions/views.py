from django.http import Http404
from django.shortcuts import render


def mission_list(request):
    raise Http404


def mission_detail(request, code):
    raise Http404
