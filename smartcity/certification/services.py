"""Writes for certified areas, including the import of the programme's public record."""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from smartcity.accounts.enums import OrganisationType
from smartcity.accounts.models import Organisation
from smartcity.certification.enums import RecordQuality
from smartcity.certification.models import AreaDomain, Batch, CertifiedArea
from smartcity.committee.services import (
    ensure_committees,
    parse_meeting_reference,
    record_historical_meeting,
)
from smartcity.core import audit
from smartcity.core.enums import Domain
from smartcity.core.errors import DataFileError
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
    return report


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
