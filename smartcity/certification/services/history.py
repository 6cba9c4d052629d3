"""Areas certified before the platform: the programme's public record (the management
command) and the secretariat's uploads, read by `certification.history` and recorded here
by one writer."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from smartcity.accounts.enums import OrganisationType
from smartcity.accounts.models import Organisation
from smartcity.certification.enums import EventKind
from smartcity.certification.history.database import check_against_database
from smartcity.certification.history.reading import decode, read
from smartcity.certification.history.records import ReadFile
from smartcity.certification.models import Batch, Certificate, CertificateEvent, CertifiedArea
from smartcity.certification.selectors import first_certificate
from smartcity.certification.services.batches import batch_of, relabel_batches
from smartcity.certification.services.issuing import (
    refresh_search_document,
    set_certificate_domains,
)
from smartcity.certification.services.numbering import next_certificate_number
from smartcity.committee.enums import CommitteeKind
from smartcity.committee.models import Committee
from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.history import record_historical_meeting
from smartcity.core import audit, versions
from smartcity.core.dates import be_year
from smartcity.core.enums import Domain
from smartcity.core.errors import DataFileError
from smartcity.geo.models import Province

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
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
    text, problems = decode(data)
    read_file = read(text) if text is not None else ReadFile(problems=problems)
    if read_file.problems:
        raise DataFileError(path, [str(p) for p in read_file.problems])
    domains_by_name = read_area_domains(domains_path)
    for record in read_file.records:
        if record.domains is None:
            record.domains = domains_by_name.get(record.name_en, [])
    return record_certified_areas(records=read_file.records, source=path.name, by=by)


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
    batches relabelled in order of certification; the registry's version bumped once (even
    when nothing changed: an import is rare, and its domain and meeting corrections are
    not counted); one audit row for the whole import with its counts (only if anything
    changed). `headers` name the columns as the file did,
    for the problems."""
    committees = ensure_committees()
    # Two officers applying at once, or one double click: imports run one at a time, so
    # the second sees the first's areas and meetings and adds nothing.
    Committee.objects.select_for_update().get(pk=committees[CommitteeKind.STEERING].pk)
    problems = check_against_database(records, headers or {})
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
            batch = batches[acknowledged.pk] = batch_of(acknowledged, ceremony)
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
    versions.bump(versions.REGISTRY)
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


def _meetings_of(area: CertifiedArea) -> dict:
    certificate = first_certificate(area)
    return {name: getattr(certificate, f"{name}_id", None) for name in MEETING_FIELDS}


def record_certificate(
    *, area: CertifiedArea, approving_meeting, acknowledging_meeting, by=None
) -> Certificate:
    """Give an imported area its certificate: a platform number and the events the public
    record supports (certified; logo presented). Idempotent: an unchanged record changes
    nothing. Imported certificates get no validity term: the public record gives none.

    The number is given once and kept. The meetings, certification date and events follow
    the record: a corrected date or meeting, or a ceremony the record now gives, updates
    them on the next import (the change is audited with the area's fields)."""
    certificate = first_certificate(area)
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
    events = {e.kind: e for e in certificate.events.filter(kind__in=EventKind.on_public_record())}
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
