from django.core.exceptions import PermissionDenied
from django.http import Http404

from smartcity.reviews.models import Assignment


def get_assignment_for(user, pk: int, perm: str = "reviews.view_assignment") -> Assignment:
    """An assignment with the access decision: 404 for anyone who may not see it (a
    conflicted reviewer must not learn it exists), 403 for one who may see but not `perm`."""
    assignment = (
        Assignment.objects.select_related(
            "dossier__organisation", "phase", "reviewer__user", "review"
        )
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not user.has_perm("reviews.view_assignment", assignment):
        raise Http404
    if perm != "reviews.view_assignment" and not user.has_perm(perm, assignment):
        raise PermissionDenied
    return assignment
