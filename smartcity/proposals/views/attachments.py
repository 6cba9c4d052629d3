"""The proponent's attachments: PDFs checked, stored, downloaded and removed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartcity.core.downloads import pdf_response
from smartcity.core.uploads import pdf_display_name, sha256_hex, validate_pdf
from smartcity.proposals.access import get_proposal_for
from smartcity.proposals.forms import sections
from smartcity.proposals.models import Attachment
from smartcity.proposals.services import attachments

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@login_required
@require_POST
def attachment_upload(request, pk: int):
    proposal = get_proposal_for(request.user, pk, "proposals.edit_proposal")
    form = sections.AttachmentForm(request.POST, request.FILES)
    back = redirect("proposals:detail", pk=pk)
    if not form.is_valid():
        messages.error(request, _("Choose a PDF file to upload."))
        return back
    upload = form.cleaned_data["file"]
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)
    try:
        validate_pdf(data, filename=upload.name, max_bytes=MAX_ATTACHMENT_BYTES)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    attachments.add_attachment(
        proposal=proposal,
        data=data,
        original_name=pdf_display_name(upload.name),
        sha256=sha256_hex(data),
        criterion=form.cleaned_data.get("criterion") or "",
        by=request.user,
    )
    messages.success(request, _("Attachment uploaded."))
    return back


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    proposal = get_proposal_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, proposal=proposal)
    return pdf_response(attachment.file.open("rb"), filename=attachment.original_name)


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    proposal = get_proposal_for(request.user, pk, "proposals.edit_proposal")
    attachment = get_object_or_404(Attachment, pk=attachment_pk, proposal=proposal)
    attachments.remove_attachment(attachment=attachment, by=request.user)
    messages.success(request, _("Attachment removed."))
    return redirect("proposals:detail", pk=pk)
