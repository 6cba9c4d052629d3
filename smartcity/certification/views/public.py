"""Public verification of certificates (no login): to be written."""

from django.http import Http404


def verify_search(request):
    raise Http404


def verify(request, number):
    raise Http404


def verify_json(request, number):
    raise Http404
