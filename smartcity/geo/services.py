"""Loading the reference geography: regions, provinces, districts, subdistricts and the
simplified province boundaries. Idempotent: a second run changes nothing."""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import geothai
from django.db import transaction
from shapely.geometry import shape

from smartcity.core import audit, versions
from smartcity.core.db import thai_sort_key
from smartcity.core.errors import ActionRefused
from smartcity.geo.enums import REGION_NAMES_EN, REGION_NAMES_TH, RegionCode
from smartcity.geo.models import District, Province, Region, Subdistrict

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
PROVINCES_GEOJSON = DATA_DIR / "provinces.geojson"


class GeographyError(ActionRefused):
    """The reference files disagree with each other or are malformed."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def __str__(self) -> str:
        parts = [
            f"{name}: {self.created.get(name, 0)} created, {self.updated.get(name, 0)} updated"
            for name in ("regions", "provinces", "districts", "subdistricts")
        ]
        return "; ".join(parts)


def _sync(model, rows: dict[str, dict], report: LoadReport, name: str, key: str = "code"):
    """Create missing rows and update changed ones in bulk; return {key: instance}."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, changed_fields = [], [], set()
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(**{key: code}, **values))
            continue
        dirty = False
        for attr, value in values.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                changed_fields.add(attr)
                dirty = True
        if dirty:
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    report.created[name] = len(to_create)
    report.updated[name] = len(to_update)
    return {getattr(obj, key): obj for obj in model.objects.all()}


def read_regions_csv(path: Path = REGIONS_CSV) -> dict[str, str]:
    """province code -> region code, checked against the six regions."""
    mapping = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row.get("province_code") or "").strip()
            region = (row.get("region") or "").strip()
            if not code or region not in RegionCode.values:
                raise GeographyError(f"{path.name} line {line}: bad province or region {row!r}")
            mapping[code] = region
    return mapping


def read_boundaries(path: Path = PROVINCES_GEOJSON) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    result = {}
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        point = geometry.representative_point()
        result[feature["properties"]["code"]] = {
            "boundary": feature["geometry"],
            "label_lon": round(point.x, 5),
            "label_lat": round(point.y, 5),
        }
    return result


@transaction.atomic
def load_geography(*, by=None) -> LoadReport:
    """Load regions, provinces (with boundaries), districts and subdistricts.

    Side effects, in order: rows created or updated in bulk; if anything changed, the
    registry's version bumped (its pages name provinces and regions) and one audit row."""
    report = LoadReport()
    region_of = read_regions_csv()
    boundaries = read_boundaries()
    provinces = geothai.provinces()
    known = {p.code for p in provinces}
    if known != set(region_of):
        raise GeographyError(
            f"regions.csv and GeoThai disagree on province codes: {sorted(known ^ set(region_of))}"
        )
    if known != set(boundaries):
        raise GeographyError(
            f"provinces.geojson lacks or adds provinces: {sorted(known ^ set(boundaries))}"
        )

    regions = _sync(
        Region,
        {
            code: {
                "name_th": REGION_NAMES_TH[code],
                "name_en": REGION_NAMES_EN[code],
                "position": i,
            }
            for i, code in enumerate(RegionCode.values)
        },
        report,
        "regions",
    )
    province_rows = {
        p.code: {
            "name_th": p.name_th,
            "name_en": p.name_en,
            "sort_name": thai_sort_key(p.name_th),
            "region_id": regions[region_of[p.code]].id,
            **boundaries[p.code],
        }
        for p in provinces
    }
    province_objs = _sync(Province, province_rows, report, "provinces")

    district_rows, subdistrict_rows = {}, {}
    for p in provinces:
        for d in geothai.districts(p.code):
            district_rows[d.code] = {
                "name_th": d.name_th,
                "name_en": d.name_en,
                "province_id": province_objs[p.code].id,
            }
    district_objs = _sync(District, district_rows, report, "districts")
    for code in district_rows:
        for s in geothai.subdistricts(code):
            subdistrict_rows[s.code] = {
                "name_th": s.name_th,
                "name_en": s.name_en,
                "district_id": district_objs[code].id,
                "postal_codes": " ".join(s.postal_codes),
            }
    _sync(Subdistrict, subdistrict_rows, report, "subdistricts")

    if report.changed:
        versions.bump(versions.REGISTRY)
        audit.record(
            action="geo.reference.loaded",
            by=by,
            after={"created": report.created, "updated": report.updated},
            note=f"GeoThai {geothai.DATA_VERSION}",
        )
    return report
