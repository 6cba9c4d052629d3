"""What a reviewer opens of a proposal beyond the score sheet: its attachments, for the
reviewer assigned to its dossier (never a conflicted one: get_assignment_for() gives 404)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from smartcity.core import audit
from smartcity.core.downloads import pdf_response
from smartcity.proposals.evaluation import KIND
from smartcity.proposals.models import Attachment
from smartcity.reviews.access import get_assignment_for


@login_required
@require_GET
def attachment(request, pk: int, attachment_pk: int):
    """An attachment of the proposal under review in assignment `pk`."""
    assignment = get_assignment_for(request.user, pk)
    if assignment.dossier.subject_kind != KIND:
        raise Http404
    document = get_object_or_404(
        Attachment, pk=attachment_pk, proposal_id=assignment.dossier.subject_id
    )
    response = pdf_response(document.file.open("rb"), filename=document.original_name)
    audit.record_download(
        action="proposals.attachment.downloaded",
        by=request.user,
        target=document,
        filename=document.original_name,
    )
    return response
