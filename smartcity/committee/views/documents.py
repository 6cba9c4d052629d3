"""A meeting's documents as PDF, for the secretariat and the members invited to it.

Anyone signed in who is neither gets 403; the anonymous are sent to sign in. A member's
pack holds only the items they are not recused from; they see the minutes once they are
circulated, without the paragraphs of items they are recused from."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from smartcity.committee import pdf
from smartcity.committee.exports import PACK_EXPORT
from smartcity.committee.models import Meeting, Minutes
from smartcity.core.downloads import pdf_response
from smartcity.core.export_views import start_export


def meeting_document(view):
    """Signed in (else the sign-in page), the meeting exists (else 404) and the reader
    may view it (else 403); the view receives the meeting."""

    @wraps(view)
    @login_required
    def wrapped(request, pk: int):
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        if not request.user.has_perm("committee.view_meeting", meeting):
            raise PermissionDenied
        return view(request, meeting)

    return wrapped


@require_safe
@meeting_document
def meeting_pack_pdf(request, meeting: Meeting):
    content = pdf.meeting_pack_pdf(meeting, request.user, language=get_language())
    return pdf_response(content, filename=pdf.meeting_pack_filename(meeting), inline=True)


@require_POST
@meeting_document
def meeting_pack_request(request, meeting: Meeting):
    """The pack made by the background worker for this reader; they wait on the job's
    page (progress, then the file) instead of on an open request."""
    back = (
        reverse("committee:meeting", args=[meeting.pk])
        if request.user.has_perm("committee.manage_meetings")
        else reverse("committee:member_meeting", args=[meeting.pk])
    )
    return start_export(
        request,
        kind=PACK_EXPORT.name,
        parameters={"meeting": meeting.pk, "reader": request.user.pk},
        fallback=back,
    )


@require_safe
@meeting_document
def minutes_pdf(request, meeting: Meeting):
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise Http404
    try:
        content = pdf.minutes_pdf(minutes, language=get_language(), reader=request.user)
    except pdf.MinutesWithheld:
        # A draft is the secretariat's working text; members read what is circulated,
        # never a paragraph of an item they are recused from.
        raise Http404 from None
    return pdf_response(content, filename=pdf.minutes_filename(minutes), inline=True)
