"""Writes for certified areas, including the import of the programme's public record."""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartcity.accounts.enums import OrganisationType
from smartcity.accounts.models import Organisation
from smartcity.certification import emails
from smartcity.certification.enums import CertificateStatus, EventKind, RecordQuality
from smartcity.certification.models import (
    AreaDomain,
    Batch,
    CertificateEvent,
    CertificateSequence,
    CertifiedArea,
)
from smartcity.committee.services import (
    ensure_committees,
    parse_meeting_reference,
    record_historical_meeting,
)
from smartcity.core import audit
from smartcity.core.dates import be_year
from smartcity.core.enums import Domain
from smartcity.core.errors import DataFileError
from smartcity.core.mail import after_commit
from smartcity.core.text import search_document
from smartcity.geo.models import Province

DATA_DIR = Path(__file__).resolve().parent / "data"
CERTIFIED_AREAS_CSV = DATA_DIR / "certified_areas.csv"
AREA_DOMAINS_CSV = DATA_DIR / "area_domains.csv"

REQUIRED_COLUMNS = (
    "batch", "approved_by", "acknowledged_by", "logo_ceremony", "name_th", "name_en",
    "province_code", "province_th", "proponent_th", "proponent_type", "record", "note",
)  # fmt: skip
AREA_FIELDS = [
    "name_th", "name_en", "province", "proponent", "proponent_type", "batch", "approved_at",
    "acknowledged_at", "certified_on", "logo_ceremony_on", "record_quality", "note",
]  # fmt: skip


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


def _read_rows(path: Path) -> list[tuple[int, dict]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(path, [f"missing column(s): {', '.join(missing)}"])
            rows = []
            for line, row in enumerate(reader, start=2):
                if None in row or any(v is None for v in row.values()):
                    raise DataFileError(path, [f"line {line}: wrong number of fields"])
                rows.append((line, {k: v.strip() for k, v in row.items()}))
            return rows
    except UnicodeDecodeError as exc:
        raise DataFileError(path, ["not UTF-8 text"]) from exc


def _validate(path: Path, rows: list[tuple[int, dict]], provinces: dict[str, Province]):
    problems = []
    seen = set()
    for line, row in rows:
        province = provinces.get(row["province_code"])
        if province is None:
            problems.append(f"line {line}: unknown province code {row['province_code']!r}")
        elif row["province_th"] and row["province_th"] != province.name_th:
            problems.append(
                f"line {line}: province {row['province_th']!r} does not match code "
                f"{row['province_code']} ({province.name_th})"
            )
        if not row["name_en"]:
            problems.append(f"line {line}: name_en is empty")
        if not re.fullmatch(r"[A-Z]\d{1,3}", row["batch"]):
            problems.append(f"line {line}: bad batch {row['batch']!r}")
        if row["proponent_type"] not in {"", "unknown", *OrganisationType.values}:
            problems.append(f"line {line}: unknown proponent type {row['proponent_type']!r}")
        if row["record"] not in RecordQuality.values:
            problems.append(f"line {line}: unknown record quality {row['record']!r}")
        if row["logo_ceremony"]:
            try:
                dt.date.fromisoformat(row["logo_ceremony"])
            except ValueError:
                problems.append(f"line {line}: bad date {row['logo_ceremony']!r}")
        for column in ("approved_by", "acknowledged_by"):
            try:
                parse_meeting_reference(row[column])
            except ValueError as exc:
                problems.append(f"line {line}: {column}: {exc}")
        key = (row["name_en"], row["province_code"])
        if key in seen:
            problems.append(f"line {line}: duplicate area {row['name_en']!r}")
        seen.add(key)
    if problems:
        raise DataFileError(path, problems)


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


@transaction.atomic
def import_certified_areas(
    *, path: Path = CERTIFIED_AREAS_CSV, domains_path: Path = AREA_DOMAINS_CSV, by=None
) -> ImportReport:
    """Import the public record of certified areas. All or nothing; idempotent.

    Side effects, in order: committees, meetings, batches and organisations created when
    missing; areas created or updated; logo domains set; one audit row per area created
    or changed. Raises DataFileError naming every bad line before writing anything."""
    rows = _read_rows(path)
    provinces = {p.code: p for p in Province.objects.all()}
    _validate(path, rows, provinces)
    domains_by_name = read_area_domains(domains_path)
    committees = ensure_committees()
    report = ImportReport()
    existing = {
        (a.name_en, a.province.code): a
        for a in CertifiedArea.objects.select_related("province", "proponent")
    }

    for _line, row in rows:
        meetings = {}
        for column in ("approved_by", "acknowledged_by"):
            ref = parse_meeting_reference(row[column])
            meetings[column] = record_historical_meeting(
                committee=committees[ref.kind],
                year_be=ref.year_be,
                number=ref.number,
                held_on=ref.held_on,
                precision=ref.precision,
                by=by,
            )
        ceremony = dt.date.fromisoformat(row["logo_ceremony"]) if row["logo_ceremony"] else None
        batch, _ = Batch.objects.get_or_create(
            code=row["batch"], defaults={"logo_ceremony_on": ceremony}
        )
        proponent_type = "" if row["proponent_type"] == "unknown" else row["proponent_type"]
        proponent = None
        if row["proponent_th"]:
            proponent, _ = Organisation.objects.get_or_create(
                name_th=row["proponent_th"],
                defaults={"type": proponent_type or OrganisationType.OTHER},
            )
        certified_on = meetings["acknowledged_by"].effective_on or ceremony
        values = {
            "name_th": row["name_th"],
            "name_en": row["name_en"],
            "province": provinces[row["province_code"]],
            "proponent": proponent,
            "proponent_type": proponent_type,
            "batch": batch,
            "approved_at": meetings["approved_by"],
            "acknowledged_at": meetings["acknowledged_by"],
            "certified_on": certified_on,
            "logo_ceremony_on": ceremony,
            "record_quality": row["record"],
            "note": row["note"],
        }
        area = existing.get((row["name_en"], row["province_code"]))
        if area is None:
            area = CertifiedArea(**values)
            area.search_document = refresh_search_document(area)
            area.save()
            report.created += 1
            audit.record(
                action="certification.area.imported",
                by=by,
                target=area,
                after=audit.snapshot(area, AREA_FIELDS),
            )
        else:
            before = audit.snapshot(area, AREA_FIELDS)
            for name, value in values.items():
                setattr(area, name, value)
            after = audit.snapshot(area, AREA_FIELDS)
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
        set_area_domains(area=area, domains=domains_by_name.get(row["name_en"], []), by=by)
        record_certificate(area=area, by=by)
    return report


def record_certificate(*, area: CertifiedArea, by=None) -> bool:
    """Give an imported area its platform certificate number and the events the public
    record supports (certified; logo presented). Idempotent; True if anything changed.
    Imported areas get no validity term: the public record does not give one.

    The number is given once and kept. The events follow the record: a corrected
    certification date or meeting, or a ceremony the record now gives, updates them on
    the next import; an unchanged record changes nothing."""
    changed = False
    if not area.certificate_number:
        area.certificate_number = next_certificate_number(be_year(area.certified_on.year))
        area.save(update_fields=["certificate_number", "updated_at"])
        audit.record(
            action="certification.certificate.numbered",
            by=by,
            target=area,
            after={"certificate_number": area.certificate_number},
        )
        changed = True
    events = {
        e.kind: e for e in area.events.filter(kind__in=[EventKind.CERTIFIED, EventKind.CEREMONY])
    }
    certified = events.get(EventKind.CERTIFIED)
    if certified is None:
        CertificateEvent.objects.create(
            area=area, kind=EventKind.CERTIFIED, on=area.certified_on, meeting=area.acknowledged_at
        )
        changed = True
    elif (certified.on, certified.meeting_id) != (area.certified_on, area.acknowledged_at_id):
        certified.on, certified.meeting = area.certified_on, area.acknowledged_at
        certified.save(update_fields=["on", "meeting"])
        changed = True
    ceremony = events.get(EventKind.CEREMONY)
    if area.logo_ceremony_on and ceremony is None:
        CertificateEvent.objects.create(
            area=area, kind=EventKind.CEREMONY, on=area.logo_ceremony_on
        )
        changed = True
    elif area.logo_ceremony_on and ceremony.on != area.logo_ceremony_on:
        ceremony.on = area.logo_ceremony_on
        ceremony.save(update_fields=["on"])
        changed = True
    return changed


class CertificationError(Exception):
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
    area = CertifiedArea.objects.filter(acknowledged_at=meeting, batch__isnull=False).first()
    if area:
        return area.batch
    return Batch.objects.create(code=next_batch_code())


def certify(*, proposal, domains: list[str], approved_at, acknowledged_at, by) -> CertifiedArea:
    """The steering committee acknowledged the sub-committee's approval of `proposal`:
    the area becomes certified for `domains`. Must run inside the caller's transaction.

    Side effects: a CertifiedArea with the next certificate number, the validity term
    from settings and the meeting references; its logo domains; a "certified" event; an
    audit row; after the commit, the certification email to the proponent (certificate
    number, verification page). The proposal's own state is the caller's (the committee's
    release)."""
    if not domains:
        raise CertificationError(_("An area is certified for at least one domain."))
    if any(d not in Domain.values for d in domains):
        raise CertificationError(_("Only the seven smart-city domains can be certified."))
    if CertifiedArea.objects.filter(proposal=proposal).exists():
        raise CertificationError(_("This proposal's area is already certified."))
    on = acknowledged_at.held_on
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
        batch=batch_for_meeting(acknowledged_at),
        approved_at=approved_at,
        acknowledged_at=acknowledged_at,
        certified_on=on,
        record_quality=RecordQuality.CONFIRMED,
        population_served=proposal.population_served,
        expected_investment_baht=proposal.expected_private_investment_baht,
        proposal=proposal,
        certificate_number=next_certificate_number(be_year(on.year)),
        valid_until=validity_end(on),
    )
    area.search_document = refresh_search_document(area)
    area.save()
    AreaDomain.objects.bulk_create(AreaDomain(area=area, domain=d) for d in sorted(set(domains)))
    CertificateEvent.objects.create(
        area=area, kind=EventKind.CERTIFIED, on=on, meeting=acknowledged_at, by=by
    )
    audit.record(
        action="certification.area.certified",
        by=by,
        target=area,
        after={
            **audit.snapshot(area, ["certificate_number", "certified_on", "valid_until"]),
            "domains": sorted(set(domains)),
            "proposal": proposal.pk,
        },
    )
    after_commit(emails.send_certified, area.pk, event="certification.area.certified")
    return area


@transaction.atomic
def set_ceremony(*, batch: Batch, on: dt.date, by) -> int:
    """Record the day the logo was presented to a batch; returns the areas updated.

    Refused before the batch's latest certification. Side effects: the batch's and each
    area's ceremony date; each area's "logo presented" event replaced; an audit row."""
    latest = batch.areas.aggregate(latest=Max("certified_on"))["latest"]
    if latest and on < latest:
        raise CertificationError(_("The logo cannot be presented before the area is certified."))
    before = batch.logo_ceremony_on
    batch.logo_ceremony_on = on
    batch.save(update_fields=["logo_ceremony_on"])
    areas = list(batch.areas.all())
    for area in areas:
        area.logo_ceremony_on = on
        area.save(update_fields=["logo_ceremony_on", "updated_at"])
        area.events.filter(kind=EventKind.CEREMONY).delete()
        CertificateEvent.objects.create(area=area, kind=EventKind.CEREMONY, on=on, by=by)
    audit.record(
        action="certification.batch.ceremony",
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
    *, area: CertifiedArea, to_status: str, reason: str, meeting, on: dt.date, by
) -> CertifiedArea:
    """Suspend, reinstate or revoke a certificate. A reason and the meeting that decided
    are required; both are shown publicly with the date.

    Side effects: the row is locked and re-read; status saved (and `revoked_on` for a
    revocation); a public event; an audit row."""
    current = CertifiedArea.objects.select_for_update().get(pk=area.pk)
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
        area=current, kind=event, on=on, reason=reason.strip(), meeting=meeting, by=by
    )
    audit.record(
        action=f"certification.certificate.{event}",
        by=by,
        target=current,
        before={"status": previous},
        after={"status": to_status, "meeting": meeting.pk, "on": on},
        note=reason.strip(),
    )
    area.status = current.status
    area.revoked_on = current.revoked_on
    return current


def set_area_domains(*, area: CertifiedArea, domains: list[str], by=None) -> bool:
    """Make the area's logo domains exactly `domains`; audit and return True if changed."""
    current = set(area.domains.values_list("domain", flat=True))
    wanted = set(domains)
    if current == wanted:
        return False
    area.domains.filter(domain__in=current - wanted).delete()
    AreaDomain.objects.bulk_create(AreaDomain(area=area, domain=d) for d in wanted - current)
    audit.record(
        action="certification.area.domains_changed",
        by=by,
        target=area,
        before={"domains": sorted(current)},
        after={"domains": sorted(wanted)},
    )
    return True
