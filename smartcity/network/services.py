"""Writes for the ASEAN Smart Cities Network."""

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction

from smartcity.committee.services.committees import ensure_committees
from smartcity.committee.services.history import parse_meeting_reference, record_historical_meeting
from smartcity.core import audit, versions
from smartcity.core.errors import DataFileError
from smartcity.geo.models import Province
from smartcity.network.enums import NetworkStatus
from smartcity.network.models import NetworkCity

ASCN_CSV = Path(__file__).resolve().parent / "data" / "ascn_cities.csv"
FIELDS = ["name_th", "name_en", "province", "status", "since_year", "since_on", "decided_by",
          "deciding_meeting"]  # fmt: skip


def _parse_since(text: str) -> tuple[int, dt.date | None]:
    if len(text) == 4 and text.isdigit():
        return int(text), None
    day = dt.date.fromisoformat(text)
    return day.year, day


@transaction.atomic
def import_network_cities(*, path: Path = ASCN_CSV, by=None) -> tuple[int, int]:
    """Import the Thai ASCN members and nominations; idempotent. Returns (created, updated).

    A `decided_by` that names a committee meeting is linked to that meeting. The registry
    shows the cities: its version is bumped when one was created or changed."""
    provinces = {p.code: p for p in Province.objects.all()}
    problems, parsed = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k}
            try:
                since_year, since_on = _parse_since(row.get("since", ""))
            except ValueError:
                problems.append(f"line {line}: bad date {row.get('since')!r}")
                continue
            if row.get("province_code") not in provinces:
                problems.append(f"line {line}: unknown province code {row.get('province_code')!r}")
            if row.get("status") not in NetworkStatus.values:
                problems.append(f"line {line}: unknown status {row.get('status')!r}")
            if not row.get("city_en"):
                problems.append(f"line {line}: city_en is empty")
            parsed.append((row, since_year, since_on))
    if problems:
        raise DataFileError(path, problems)

    committees = ensure_committees()
    created = updated = 0
    for row, since_year, since_on in parsed:
        meeting = None
        if "committee" in row["decided_by"]:
            ref = parse_meeting_reference(
                f"{row['decided_by']} ({since_on})" if since_on else row["decided_by"]
            )
            meeting = record_historical_meeting(
                committee=committees[ref.kind], year_be=ref.year_be, number=ref.number,
                held_on=ref.held_on, precision=ref.precision, by=by,
            )  # fmt: skip
        values = {
            "name_th": row["city_th"],
            "province": provinces[row["province_code"]],
            "status": row["status"],
            "since_year": since_year,
            "since_on": since_on,
            "decided_by": row["decided_by"],
            "deciding_meeting": meeting,
        }
        city = NetworkCity.objects.filter(name_en=row["city_en"]).first()
        if city is None:
            city = NetworkCity.objects.create(name_en=row["city_en"], **values)
            created += 1
            audit.record(action="network.city.imported", by=by, target=city,
                         after=audit.snapshot(city, FIELDS))  # fmt: skip
            continue
        before = audit.snapshot(city, FIELDS)
        for name, value in values.items():
            setattr(city, name, value)
        if audit.snapshot(city, FIELDS) != before:
            city.save()
            updated += 1
            audit.record(action="network.city.updated", by=by, target=city, before=before,
                         after=audit.snapshot(city, FIELDS))  # fmt: skip
    if created or updated:
        versions.bump(versions.REGISTRY)
    return created, updated
