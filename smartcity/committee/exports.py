"""The committee's files made in the background (core.exports): a reader's meeting pack.

A pack is a PDF of the agenda and its papers, rendered for one reader (a member's pack
leaves out the items they are recused from), which takes WeasyPrint a second or more per
meeting. The meeting page's button asks the worker for it and the reader waits on the
job's page; the direct link still renders it inside the request."""

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from smartcity.committee import pdf
from smartcity.committee.models import Meeting
from smartcity.core.exports import ExportRefused, export_kind


def _meeting(parameters: dict) -> Meeting:
    return Meeting.objects.select_related("committee").get(pk=parameters["meeting"])


def _write_pack(parameters: dict, out, progress) -> None:
    meeting = _meeting(parameters)
    reader = get_user_model().objects.get(pk=parameters["reader"])
    # Asked for while the reader could see the meeting; made only if they still can (a
    # member whose term ended in between gets nothing).
    if not reader.has_perm("committee.view_meeting", meeting):
        raise ExportRefused(_("You may no longer see this meeting's documents."))
    progress.total(1)
    out.write(pdf.meeting_pack_pdf(meeting, reader, language=translation.get_language()))
    progress.advance()


PACK_EXPORT = export_kind(
    "committee.meeting_pack",
    title=_("Meeting pack (PDF)"),
    extension="pdf",
    content_type="application/pdf",
    # Anyone signed in may ask; the view asks only for a meeting the reader may see, and
    # the writer checks again.
    permission=None,
    filename=lambda parameters: pdf.meeting_pack_filename(_meeting(parameters)),
    write=_write_pack,
)
