"""Writes for certified areas, including the import of the programme's public record."""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils.translation import gettext as _

from smartcity.accounts.enums import OrganisationType
from smartcity.accounts.models import Organisation
from smartcity.certification import emails, history
from smartcity.certification.enums import CertificateStatus, EventKind, RecordQuality
from smartcity.certification.models import (
    Batch,
    Certificate,
    CertificateDomain,
    CertificateEvent,
    CertificateSequence,
    CertifiedArea,
)
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Committee
from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.history import record_historical_meeting
from smartcity.core import audit
from smartcity.core.dates import be_year
from smartcity.core.enums import Domain
from smartcity.core.errors import ActionRefused, DataFileError
from smartcity.core.mail import after_commit
from smartcity.core.text import search_document
from smartcity.geo.models import Province

DATA_DIR = Path(__file__).resolve().parent / "data"
CERTIFIED_AREAS_CSV = DATA_DIR / "certified_areas.csv"
AREA_DOMAINS_CSV = DATA_DIR / "area_domains.csv"

AREA_FIELDS = [
    "name_th", "name_en", "province", "proponent", "proponent_type", "batch", "certified_on",
    "logo_ceremony_on", "record_quality", "note",
]  # fmt: skip
# The imported certificate's meetings, audited with its area's fields.
MEETING_FIELDS = ["approving_meeting", "acknowledging_meeting"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def read_area_domains(path: Path = AREA_DOMAINS_CSV) -> dict[str, list[str]]:
    result = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            domains = (row.get("domains") or "").split()
            unknown = [d for d in domains if d not in Domain.values]
            if unknown or not row.get("name_en"):
                raise DataFileError(path, [f"line {line}: unknown domain(s) {unknown}"])
            result[row["name_en"].strip()] = domains
    return result


def refresh_search_document(area: CertifiedArea) -> str:
    province = area.province
    proponent = area.proponent
    return search_document(
        area.name_th,
        area.name_en,
        province.name_th,
        province.name_en,
        proponent.name_th if proponent else "",
        proponent.name_en if proponent else "",
    )


def import_certified_areas(
    *, path: Path = CERTIFIED_AREAS_CSV, domains_path: Path = AREA_DOMAINS_CSV, by=None
) -> ImportReport:
    """Import the public record of certified areas from a file (the management command).
    All or nothing; idempotent. The file is read and checked as an upload is
    (certification.history); rows without domains take theirs from `domains_path`.
    Raises DataFileError naming every bad row before writing anything."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, [str(exc)]) from exc
    text, problems = history.decode(data)
    read = history.read(text) if text is not None else history.ReadFile(problems=problems)
    if read.problems:
        raise DataFileError(path, [str(p) for p in read.problems])
    domains_by_name = read_area_domains(domains_path)
    for record in read.records:
        if record.domains is None:
            record.domains = domains_by_name.get(record.name_en, [])
    return record_certified_areas(records=read.records, source=path.name, by=by)


class ImportRefused(DataFileError):
    """The rows cannot be applied now; `found` keeps the problems for the page."""

    def __init__(self, source: str, found: list):
        self.found = found
        super().__init__(Path(source or "upload.csv"), [str(p) for p in found])


@transaction.atomic
def record_certified_areas(
    *, records: list, source: str = "", file_digest: str = "", headers=None, by=None
) -> ImportReport:
    """Record areas certified before the platform, with their meetings: the one writer
    behind the public-record command and the secretariat's upload. All or nothing;
    applying the same rows twice changes nothing the second time.

    The rows are checked again against the database first (a meeting scheduled on the
    platform since the preview is refused). Side effects, in order: committees, meetings,
    organisations and batches created when missing; areas created or updated, with their
    logo domains and certificate number; one audit row per area created or changed; the
    batches relabelled in order of certification; one audit row for the whole import with
    its counts (only if anything changed). `headers` name the columns as the file did,
    for the problems."""
    committees = ensure_committees()
    # Two officers applying at once, or one double click: imports run one at a time, so
    # the second sees the first's areas and meetings and adds nothing.
    Committee.objects.select_for_update().get(pk=committees[CommitteeKind.STEERING].pk)
    problems = history.check_against_database(records, headers or {})
    if problems:
        raise ImportRefused(source, problems)
    provinces = {p.code: p for p in Province.objects.filter(
        code__in={r.province_code for r in records})}  # fmt: skip
    report = ImportReport()
    existing = {
        (a.name_en, a.province.code): a
        for a in CertifiedArea.objects.filter(name_en__in={r.name_en for r in records})
        .select_related("province", "proponent", "batch")
        .prefetch_related("certificates")
    }
    batches: dict[int, Batch] = {}
    for record in records:
        meetings = {}
        for which in ("approved", "acknowledged"):
            ref = record.meeting(which)
            meetings[which] = record_historical_meeting(
                committee=committees[ref.kind],
                year_be=ref.year_be,
                number=ref.number,
                held_on=ref.held_on,
                precision=ref.precision,
                by=by,
            )
        acknowledged = meetings["acknowledged"]
        ceremony = record.ceremony
        batch = batches.get(acknowledged.pk)
        if batch is None:
            batch = batches[acknowledged.pk] = _batch_of(acknowledged, ceremony)
        proponent_type = "" if record.proponent_type == "unknown" else record.proponent_type
        proponent = None
        if record.proponent_th:
            proponent, _ = Organisation.objects.get_or_create(
                name_th=record.proponent_th,
                defaults={"type": proponent_type or OrganisationType.OTHER},
            )
        values = {
            "name_th": record.name_th,
            "name_en": record.name_en,
            "province": provinces[record.province_code],
            "proponent": proponent,
            "proponent_type": proponent_type,
            "batch": batch,
            "certified_on": acknowledged.effective_on or ceremony,
            "logo_ceremony_on": ceremony,
            "record_quality": record.record_quality,
            "note": record.note,
        }
        wanted_meetings = {
            "approving_meeting": meetings["approved"].pk,
            "acknowledging_meeting": acknowledged.pk,
        }
        area = existing.get((record.name_en, record.province_code))
        if area is None:
            area = CertifiedArea(**values)
            area.search_document = refresh_search_document(area)
            area.save()
            report.created += 1
            audit.record(
                action="certification.area.imported",
                by=by,
                target=area,
                after={**audit.snapshot(area, AREA_FIELDS), **wanted_meetings},
            )
        else:
            before = {**audit.snapshot(area, AREA_FIELDS), **_meetings_of(area)}
            for name, value in values.items():
                setattr(area, name, value)
            after = {**audit.snapshot(area, AREA_FIELDS), **wanted_meetings}
            document = refresh_search_document(area)
            if before != after or document != area.search_document:
                area.search_document = document
                area.save()
                report.updated += 1
                audit.record(
                    action="certification.area.updated",
                    by=by,
                    target=area,
                    before=before,
                    after=after,
                )
            else:
                report.unchanged += 1
        certificate = record_certificate(
            area=area,
            approving_meeting=meetings["approved"],
            acknowledging_meeting=acknowledged,
            by=by,
        )
        if record.domains is not None:
            set_certificate_domains(certificate=certificate, domains=record.domains, by=by)
    relabel_batches(by=by)
    if report.created or report.updated:
        audit.record(
            action="certification.history.imported",
            by=by,
            after={
                "source": source,
                "sha256": file_digest,
                "rows": len(records),
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    return report


def _first_certificate(area: CertifiedArea) -> Certificate | None:
    """The area's first certificate (an imported area's only one, from the public record)."""
    certificates = sorted(area.certificates.all(), key=lambda c: (c.certified_on, c.pk))
    return certificates[0] if certificates else None


def _meetings_of(area: CertifiedArea) -> dict:
    certificate = _first_certificate(area)
    return {name: getattr(certificate, f"{name}_id", None) for name in MEETING_FIELDS}


def _batch_of(meeting, ceremony) -> Batch:
    """The batch of the areas acknowledged at `meeting` (one batch per steering meeting),
    created with the ceremony's date if it is the first; labelled by relabel_batches()."""
    area = CertifiedArea.objects.filter(
        certificates__acknowledging_meeting=meeting, batch__isnull=False
    ).first()
    if area:
        return area.batch
    return Batch.objects.create(code=next_batch_code(), logo_ceremony_on=ceremony)


def relabel_batches(*, by=None) -> bool:
    """Label the batches B1, B2, ... in order of their certification date (the earliest
    acknowledgement among their areas), whatever order they were recorded in; True if a
    label changed. A batch recorded later but certified earlier takes its place, and the
    ones after it move up by one. Must run inside the caller's transaction.

    Side effects: codes and positions saved (through temporary codes, as codes are
    unique); one audit row with the labels before and after, if a label changed."""
    batches = list(
        Batch.objects.annotate(first=Min("areas__certified_on")).order_by(
            F("first").asc(nulls_last=True), "pk"
        )
    )
    wanted = {b.pk: (f"B{i}", i) for i, b in enumerate(batches, start=1)}
    changed = [b for b in batches if (b.code, b.position) != wanted[b.pk]]
    if not changed:
        return False
    renamed = [b for b in changed if b.code != wanted[b.pk][0]]
    before = {str(b.pk): b.code for b in renamed}
    for batch in renamed:
        batch.code = f"~{batch.pk}"
    Batch.objects.bulk_update(renamed, ["code"])
    for batch in changed:
        batch.code, batch.position = wanted[batch.pk]
    Batch.objects.bulk_update(changed, ["code", "position"])
    if renamed:
        audit.record(
            action="certification.batch.relabelled",
            by=by,
            before={"codes": before},
            after={"codes": {str(b.pk): b.code for b in renamed}},
        )
    return bool(renamed)


def record_certificate(
    *, area: CertifiedArea, approving_meeting, acknowledging_meeting, by=None
) -> Certificate:
    """Give an imported area its certificate: a platform number and the events the public
    record supports (certified; logo presented). Idempotent: an unchanged record changes
    nothing. Imported certificates get no validity term: the public record gives none.

    The number is given once and kept. The meetings, certification date and events follow
    the record: a corrected date or meeting, or a ceremony the record now gives, updates
    them on the next import (the change is audited with the area's fields)."""
    certificate = _first_certificate(area)
    if certificate is None:
        certificate = Certificate.objects.create(
            area=area,
            number=next_certificate_number(be_year(area.certified_on.year)),
            approving_meeting=approving_meeting,
            acknowledging_meeting=acknowledging_meeting,
            certified_on=area.certified_on,
        )
        audit.record(
            action="certification.certificate.numbered",
            by=by,
            target=certificate,
            after={"certificate_number": certificate.number, "area": area.pk},
        )
    else:
        wanted = (approving_meeting.pk, acknowledging_meeting.pk, area.certified_on)
        held = (
            certificate.approving_meeting_id,
            certificate.acknowledging_meeting_id,
            certificate.certified_on,
        )
        if wanted != held:
            certificate.approving_meeting = approving_meeting
            certificate.acknowledging_meeting = acknowledging_meeting
            certificate.certified_on = area.certified_on
            certificate.save(
                update_fields=[
                    "approving_meeting", "acknowledging_meeting", "certified_on", "updated_at"
                ]
            )  # fmt: skip
    events = {
        e.kind: e
        for e in certificate.events.filter(kind__in=[EventKind.CERTIFIED, EventKind.CEREMONY])
    }
    certified = events.get(EventKind.CERTIFIED)
    if certified is None:
        CertificateEvent.objects.create(
            certificate=certificate,
            kind=EventKind.CERTIFIED,
            on=area.certified_on,
            meeting=acknowledging_meeting,
        )
    elif (certified.on, certified.meeting_id) != (area.certified_on, acknowledging_meeting.pk):
        certified.on, certified.meeting = area.certified_on, acknowledging_meeting
        certified.save(update_fields=["on", "meeting"])
    ceremony = events.get(EventKind.CEREMONY)
    if area.logo_ceremony_on and ceremony is None:
        CertificateEvent.objects.create(
            certificate=certificate, kind=EventKind.CEREMONY, on=area.logo_ceremony_on
        )
    elif area.logo_ceremony_on and ceremony.on != area.logo_ceremony_on:
        ceremony.on = area.logo_ceremony_on
        ceremony.save(update_fields=["on"])
    return certificate


class CertificationError(ActionRefused):
    """A certificate action that cannot be done; the message is for the person acting."""


def next_certificate_number(year_be: int) -> str:
    """The next free number of `year_be`, "SCT-2565-016". Must run inside a transaction:
    the year's counter row is locked, so two certifications at once never share a
    number and none is skipped."""
    CertificateSequence.objects.bulk_create(
        [CertificateSequence(year_be=year_be, last=0)], ignore_conflicts=True
    )
    counter = CertificateSequence.objects.select_for_update().get(year_be=year_be)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"SCT-{year_be}-{counter.last:03d}"


def validity_end(certified_on: dt.date) -> dt.date:
    """The last day of a new certificate's validity: the configured term in years."""
    years = settings.SMARTCITY["CERTIFICATE_VALIDITY_YEARS"]
    try:
        anniversary = certified_on.replace(year=certified_on.year + years)
    except ValueError:  # 29 February: the anniversary in a common year is 1 March
        anniversary = dt.date(certified_on.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)


def next_batch_code() -> str:
    numbers = [int(code[1:]) for code in Batch.objects.values_list("code", flat=True)
               if re.fullmatch(r"B\d+", code)]  # fmt: skip
    return f"B{max(numbers, default=0) + 1}"


def batch_for_meeting(meeting) -> Batch:
    """The batch of the areas acknowledged at a steering meeting: one per meeting."""
    return _batch_of(meeting, None)


def certify(
    *,
    proposal,
    domains: list[str],
    approving_meeting=None,
    acknowledging_meeting=None,
    by,
) -> Certificate:
    """The steering committee acknowledged the sub-committee's approval of `proposal`:
    the area becomes certified for `domains`. Must run inside the caller's transaction.

    Side effects: a CertifiedArea and its first Certificate, with the next certificate
    number, the validity term from settings and the meeting references; its logo domains;
    a "certified" event; an audit row; after the commit, the certification email to the
    proponent (certificate number, verification page). The proposal's own state is the
    caller's (the committee's release)."""
    if not domains:
        raise CertificationError(_("An area is certified for at least one domain."))
    if any(d not in Domain.values for d in domains):
        raise CertificationError(_("Only the seven smart-city domains can be certified."))
    if Certificate.objects.filter(proposal=proposal).exists():
        raise CertificationError(_("This proposal's area is already certified."))
    on = acknowledging_meeting.held_on
    if on is None:
        raise CertificationError(_("The acknowledging meeting has no date."))
    provinces = list(proposal.provinces.order_by("code"))
    if not provinces:
        raise CertificationError(_("The proposal names no province."))
    name_en = proposal.name_en or proposal.name_th
    if CertifiedArea.objects.filter(name_en=name_en, province=provinces[0]).exists():
        raise CertificationError(
            _("An area named “%(name)s” in this province is already certified.") % {"name": name_en}
        )
    organisation = proposal.organisation
    area = CertifiedArea(
        name_th=proposal.name_th,
        name_en=name_en,
        province=provinces[0],
        proponent=organisation,
        proponent_type=organisation.type,
        batch=batch_for_meeting(acknowledging_meeting),
        certified_on=on,
        record_quality=RecordQuality.CONFIRMED,
        population_served=proposal.population_served,
        expected_investment_baht=proposal.expected_private_investment_baht,
    )
    area.search_document = refresh_search_document(area)
    area.save()
    certificate = Certificate.objects.create(
        area=area,
        number=next_certificate_number(be_year(on.year)),
        proposal=proposal,
        approving_meeting=approving_meeting,
        acknowledging_meeting=acknowledging_meeting,
        certified_on=on,
        valid_from=on,
        valid_until=validity_end(on),
    )
    relabel_batches(by=by)
    area.batch.refresh_from_db(fields=["code", "position"])
    CertificateDomain.objects.bulk_create(
        CertificateDomain(certificate=certificate, domain=d) for d in sorted(set(domains))
    )
    CertificateEvent.objects.create(
        certificate=certificate,
        kind=EventKind.CERTIFIED,
        on=on,
        meeting=acknowledging_meeting,
        by=by,
    )
    audit.record(
        action="certification.area.certified",
        by=by,
        target=area,
        after={
            "certificate_number": certificate.number,
            **audit.snapshot(certificate, ["certified_on", "valid_from", "valid_until"]),
            "domains": sorted(set(domains)),
            "proposal": proposal.pk,
        },
    )
    after_commit(emails.send_certified, certificate.pk, event="certification.area.certified")
    return certificate


@transaction.atomic
def set_ceremony(*, batch: Batch, on: dt.date, by) -> int:
    """Record the day the logo was presented to a batch; returns the areas updated.

    Refused before the batch's latest certification. Side effects: the batch's and each
    area's ceremony date; the "logo presented" event of each area's first certificate
    (the one that put it in the batch) replaced; an audit row."""
    latest = batch.areas.aggregate(latest=Max("certified_on"))["latest"]
    if latest and on < latest:
        raise CertificationError(_("The logo cannot be presented before the area is certified."))
    before = batch.logo_ceremony_on
    batch.logo_ceremony_on = on
    batch.save(update_fields=["logo_ceremony_on"])
    areas = list(batch.areas.prefetch_related("certificates"))
    for area in areas:
        area.logo_ceremony_on = on
        area.save(update_fields=["logo_ceremony_on", "updated_at"])
        certificate = _first_certificate(area)
        if certificate is None:
            continue
        certificate.events.filter(kind=EventKind.CEREMONY).delete()
        CertificateEvent.objects.create(
            certificate=certificate, kind=EventKind.CEREMONY, on=on, by=by
        )
    audit.record(
        action="certification.batch.ceremony_recorded",
        by=by,
        target=batch,
        before={"logo_ceremony_on": before},
        after={"logo_ceremony_on": on},
    )
    return len(areas)


# The certificate's status: one function moves it, by this table (from, to) -> event.
CERTIFICATE_TRANSITIONS: dict[tuple[str, str], str] = {
    (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED): EventKind.SUSPENDED,
    (CertificateStatus.SUSPENDED, CertificateStatus.ACTIVE): EventKind.REINSTATED,
    (CertificateStatus.ACTIVE, CertificateStatus.REVOKED): EventKind.REVOKED,
    (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED): EventKind.REVOKED,
}


@transaction.atomic
def transition_certificate(
    *, certificate: Certificate, to_status: str, reason: str, meeting, on: dt.date, by
) -> Certificate:
    """Suspend, reinstate or revoke a certificate. A reason and the meeting that decided
    are required; both are shown publicly with the date.

    Side effects: the row is locked and re-read; status saved (and `revoked_on` for a
    revocation); a public event; an audit row."""
    current = Certificate.objects.select_for_update().get(pk=certificate.pk)
    event = CERTIFICATE_TRANSITIONS.get((current.status, to_status))
    if event is None:
        raise CertificationError(
            _("A certificate that is “%(status)s” cannot become “%(target)s”.")
            % {
                "status": current.get_status_display(),
                "target": CertificateStatus(to_status).label
                if to_status in CertificateStatus.values
                else to_status,
            }
        )
    if not (reason or "").strip():
        raise CertificationError(_("Give the reason; it is shown publicly."))
    if meeting is None:
        raise CertificationError(_("Name the meeting that decided."))
    if on is None:
        raise CertificationError(_("Give the date it takes effect."))
    if on < current.certified_on:
        raise CertificationError(_("The date is before the area was certified."))
    if meeting.held_on and on < meeting.held_on:
        raise CertificationError(_("The date is before the meeting that decided."))
    # The public history reads in date order: a step cannot precede the one it follows.
    last = current.events.filter(kind__in=list(CERTIFICATE_TRANSITIONS.values())).aggregate(
        last=Max("on")
    )["last"]
    if last and on < last:
        raise CertificationError(_("The date is before the certificate's last change."))
    previous = current.status
    current.status = to_status
    fields = ["status", "updated_at"]
    if to_status == CertificateStatus.REVOKED:
        current.revoked_on = on
        fields.append("revoked_on")
    current.save(update_fields=fields)
    CertificateEvent.objects.create(
        certificate=current, kind=event, on=on, reason=reason.strip(), meeting=meeting, by=by
    )
    audit.record(
        action=f"certification.certificate.{event}",
        by=by,
        target=current,
        before={"status": previous},
        after={"status": to_status, "meeting": meeting.pk, "on": on},
        note=reason.strip(),
    )
    certificate.status = current.status
    certificate.revoked_on = current.revoked_on
    return current


def set_certificate_domains(*, certificate: Certificate, domains: list[str], by=None) -> bool:
    """Make the certificate's logo domains exactly `domains`; audit and return True if
    changed (the audit row names the area, whose logo it is)."""
    current = set(certificate.domains.values_list("domain", flat=True))
    wanted = set(domains)
    if current == wanted:
        return False
    certificate.domains.filter(domain__in=current - wanted).delete()
    CertificateDomain.objects.bulk_create(
        CertificateDomain(certificate=certificate, domain=d) for d in wanted - current
    )
    audit.record(
        action="certification.area.domains_changed",
        by=by,
        target=certificate.area,
        before={"domains": sorted(current)},
        after={"domains": sorted(wanted)},
    )
    return True
