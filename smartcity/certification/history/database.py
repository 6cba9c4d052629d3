"""The rows checked against what the platform already holds: its meetings and the areas
it certified itself. Run when the file is read and again inside the import's transaction."""

from django.db.models import Q
from django.utils.translation import gettext as _

from smartcity.certification.history.columns import DATE_COLUMN
from smartcity.certification.history.problems import Problem, committee_name, shown
from smartcity.certification.history.records import AreaRecord
from smartcity.certification.models import CertifiedArea
from smartcity.committee.enums import MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.core.models import AuditEntry


def check_against_database(records: list[AreaRecord], headers: dict[str, str]) -> list[Problem]:
    """What the rows say that the platform already knows otherwise: a meeting numbered
    on the platform, a meeting on record with another date, an area certified through the
    platform, an acknowledgement with no date anywhere. Two queries."""
    problems = []
    numbered = Q()
    for record in records:
        for which in ("approved", "acknowledged"):
            ref = record.meeting(which)
            if ref.number:
                numbered |= Q(committee__kind=ref.kind, year_be=ref.year_be, number=ref.number)
    known = {}
    if numbered:
        for meeting in Meeting.objects.filter(numbered).select_related("committee"):
            known[(meeting.committee.kind, meeting.year_be, meeting.number)] = meeting
    names = {r.name_en for r in records}
    platform = {
        (name.casefold(), code)
        for name, code in CertifiedArea.objects.filter(
            name_en__in=names, certificates__proposal__isnull=False
        ).values_list("name_en", "province__code")
    }
    for record in records:

        def problem(column: str, message: str, record=record) -> None:
            problems.append(Problem(message, record.line, headers.get(column, column)))

        for which, column in (("approved", "approved_by"), ("acknowledged", "acknowledged_by")):
            ref = record.meeting(which)
            meeting = known.get((ref.kind, ref.year_be, ref.number)) if ref.number else None
            # An acknowledgement with no date in the file (neither the meeting's nor a
            # ceremony's): the meeting on record must give one.
            undated = which == "acknowledged" and not ref.held_on and not record.ceremony
            if meeting is not None and meeting.status != MeetingStatus.HISTORICAL:
                problem(
                    column,
                    _(
                        "meeting %(number)d/%(year)d of the %(committee)s was scheduled on the platform; a "
                        "meeting before the platform needs a number of its own."
                    )
                    % {
                        "number": ref.number,
                        "year": ref.year_be,
                        "committee": committee_name(ref.kind),
                    },
                )
            elif (
                meeting is not None
                and ref.held_on
                and meeting.held_on
                and meeting.held_on != ref.held_on
            ):
                problem(
                    DATE_COLUMN[column],
                    _(
                        "meeting %(number)d/%(year)d is on record as held on %(known)s, not %(given)s."
                    )
                    % {
                        "number": ref.number,
                        "year": ref.year_be,
                        "known": shown(meeting.held_on),
                        "given": shown(ref.held_on),
                    },
                )
            elif undated and (meeting is None or meeting.effective_on is None):
                problem(
                    "acknowledged_on",
                    _(
                        "the date of certification is not known: give the date of the steering committee's meeting."
                    ),
                )
        if (record.name_en.casefold(), record.province_code) in platform:
            problem(
                "name_th" if "name_th" in headers and "name_en" not in headers else "name_en",
                _(
                    "this area was certified through the platform; its record cannot be changed here."
                ),
            )
    return problems


def already_applied(file_digest: str) -> bool:
    """Whether rows with this fingerprint were recorded (a second submission of a form)."""
    return AuditEntry.objects.filter(
        action="certification.history.imported", after__sha256=file_digest
    ).exists()
