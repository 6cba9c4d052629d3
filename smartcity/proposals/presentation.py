"""Showing proposal content to people: codes become names, long texts and rows become
readable changes. Shared by the secretariat's review and the applicant's pages."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartcity.core.dates import be_year
from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.core.money import group_amount
from smartcity.geo.boundaries.analysis import BoundaryReport, compare_declared
from smartcity.geo.models import District, Province
from smartcity.proposals.enums import (
    CityType,
    CriterionCode,
    Openness,
)
from smartcity.proposals.forms.secretariat import (
    GENERAL,
)
from smartcity.proposals.snapshots import diff_versions


def _year(value) -> str:
    if value is None:
        return ""
    return str(be_year(value) if (get_language() or "th").startswith("th") else value)


def _label(choices, value) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value or ""


def criterion_label(code: str, criteria: dict) -> str:
    for criterion in criteria.get("criteria", []):
        if criterion["code"] == code:
            return localised(_Bilingual(criterion), "title")
    if code == GENERAL:
        return _("General")
    return _label(CriterionCode, code) or _("The whole proposal")


def missing_by_criterion(missing_items: list[dict], criteria: dict) -> list[dict]:
    """A screening's missing items under their criterion's title, in the criteria's order,
    then those of the proposal as a whole (or of a criterion no longer known)."""
    order = [c["code"] for c in criteria.get("criteria", [])]
    groups: dict[str, list[str]] = {}
    for item in missing_items:
        groups.setdefault(item["criterion"], []).append(item["text"])
    codes = sorted(groups, key=lambda code: order.index(code) if code in order else len(order))
    return [
        {"code": code, "title": criterion_label(code, criteria), "items": groups[code]}
        for code in codes
    ]


class _Bilingual:
    """Lets localised() read the title_th/title_en keys of a snapshot's dict."""

    def __init__(self, data: dict):
        self.__dict__.update(data)


class _PlaceNames:
    """The names of every province and district the given contents mention: two queries."""

    def __init__(self, *contents: dict):
        province_codes, district_codes = set(), set()
        for content in contents:
            province_codes.update(content.get("provinces") or [])
            province_codes.update(content.get("boundary_province_codes") or [])
            district_codes.update(content.get("districts") or [])
        self._provinces = {
            p.code: localised(p, "name")
            for p in Province.objects.filter(code__in=province_codes).only(
                "code", "name_th", "name_en"
            )
        }
        self._districts = {
            d.code: localised(d, "name") for d in District.objects.filter(code__in=district_codes)
        }

    def provinces(self, codes) -> list[str]:
        return [self._provinces.get(code, code) for code in codes or []]

    def districts(self, codes) -> list[str]:
        return [self._districts.get(code, code) for code in codes or []]


def readable_content(content: dict, *, proposal, criteria: dict) -> dict:
    """A version's content with what the reader needs beside the codes: province and
    district names, choice labels, totals, and which attachments are still held so that
    they can be linked. The keys of the snapshot are kept as they are."""
    names = _PlaceNames(content)
    held = _held_attachments(proposal)
    readable = dict(content)
    readable["city_type_label"] = _label(CityType, content.get("city_type"))
    readable["province_names"] = names.provinces(content.get("provinces"))
    readable["district_names"] = names.districts(content.get("districts"))
    readable["boundary_province_names"] = names.provinces(content.get("boundary_province_codes"))
    items = content.get("infrastructure_items") or []
    readable["infrastructure_total"] = sum(Decimal(i["cost_baht"] or 0) for i in items)
    readable["datasets"] = [
        {**d, "openness_label": _label(Openness, d.get("openness"))}
        for d in content.get("datasets") or []
    ]
    solutions = content.get("solutions") or []
    readable["solutions"] = [
        {**s, "domain_label": _label(Domain, s.get("domain"))} for s in solutions
    ]
    readable["domain_labels"] = [
        Domain(code).label for code in Domain.values if code in {s.get("domain") for s in solutions}
    ]
    readable["attachments"] = []
    for a in content.get("attachments") or []:
        pk = held.get(a["id"] if "id" in a else (a.get("sha256"), a.get("name")))
        readable["attachments"].append(
            {
                **a,
                "pk": pk,
                "held": pk is not None,
                "criterion_label": criterion_label(a.get("criterion") or "", criteria),
            }
        )
    return readable


def _held_attachments(proposal) -> dict:
    """The proposal's stored attachments, found by the id a version records; versions
    frozen before ids were recorded find theirs by content and name together."""
    held = {}
    for pk, sha256, name in proposal.attachments.values_list("pk", "sha256", "original_name"):
        held[pk] = pk
        held.setdefault((sha256, name), pk)
    return held


LONG_TEXTS = {
    "vision",
    "goals",
    "data_platform_design",
    "data_security",
    "personal_data_protection",
    "management_organisation",
    "management_model",
    "investment_plan",
}


AMOUNTS = {"expected_private_investment_baht"}


def _baht(value) -> str:
    if value is None or value == "":
        return ""
    return _("%(amount)s baht") % {"amount": group_amount(value)}


def _row_summary(field: str, row: dict) -> str:
    if field == "infrastructure_items":
        return _("%(title)s (%(kind)s) · %(cost)s baht · %(year)s") % {
            "title": row["title"],
            "kind": _("digital") if row["is_digital"] else _("physical"),
            "cost": group_amount(row["cost_baht"] or 0),
            "year": _year(row["year"]),
        }
    if field == "datasets":
        summary = f"{row['name']} · {row['provider']} · {_label(Openness, row['openness'])}"
        return summary + (" · " + _("contains personal data") if row["has_personal_data"] else "")
    if field == "solutions":
        return _("%(name)s (%(domain)s) · %(indicator)s: %(baseline)s → %(target)s in %(year)s") % {
            "name": row["name"],
            "domain": _label(Domain, row["domain"]),
            "indicator": row["indicator"],
            "baseline": row["baseline"],
            "target": row["target"],
            "year": _year(row["target_year"]),
        }
    return row.get("name", "")  # attachments


def readable_changes(before: dict, after: dict) -> list[dict]:
    """snapshots.diff_versions() shaped for reading: long texts as before/after blocks,
    tables as the rows removed and added, codes as names."""
    names = _PlaceNames(before, after)
    changes = []
    for change in diff_versions(before, after):
        field, old, new = change["field"], change["before"], change["after"]
        readable = {"field": field, "label": change["label"], "kind": "value"}
        if field in LONG_TEXTS:
            readable.update(kind="text", before=old or "", after=new or "")
        elif field in {"provinces", "boundary_province_codes"}:
            readable.update(
                before=", ".join(names.provinces(old)), after=", ".join(names.provinces(new))
            )
        elif field == "districts":
            readable.update(
                before=", ".join(names.districts(old)), after=", ".join(names.districts(new))
            )
        elif field in {"infrastructure_items", "datasets", "solutions", "attachments"}:
            old, new = old or [], new or []
            readable.update(
                kind="rows",
                removed=[_row_summary(field, r) for r in old if r not in new],
                added=[_row_summary(field, r) for r in new if r not in old],
            )
        elif field == "boundary":
            readable.update(kind="note", note=_("The boundary was redrawn."))
        elif field == "city_type":
            readable.update(before=_label(CityType, old), after=_label(CityType, new))
        elif field in AMOUNTS:
            readable.update(before=_baht(old), after=_baht(new))
        else:
            readable.update(before="" if old is None else old, after="" if new is None else new)
        changes.append(readable)
    return changes


def boundary_notes(proposal) -> dict:
    """What the area section says about the saved boundary, in the reader's language: the
    names of the provinces it touches, and its warnings (overlaps with other proposals, as
    stored; then whether the declared provinces match, worked out from the provinces
    declared now, so a warning goes away as soon as its cause is fixed). Two queries."""
    reached = list(proposal.boundary_province_codes or [])
    declared = list(proposal.provinces.values_list("code", flat=True))
    names = {
        p.code: localised(p, "name")
        for p in Province.objects.filter(code__in={*reached, *declared}).only(
            "code", "name_th", "name_en"
        )
    }
    report = BoundaryReport(proposal.boundary, 0.0, reached, [])
    return {
        "provinces": [names.get(code, code) for code in reached],
        "warnings": [
            *(proposal.boundary_warnings or []),
            *compare_declared(report, declared, names=names),
        ],
    }
