# Placeholder until the reviewer views land (being written now); safe to overwrite.
from django.http import HttpResponse


def assignment_list(request, **kwargs):
    return HttpResponse(status=501)


score_sheet = submit = declare = assignment_list
