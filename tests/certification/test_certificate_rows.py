"""A certificate is a row of its own: the areas' certificates move into rows when the
database is migrated, and an area can hold a second term next to its first (renewal is
not built yet; the model takes it)."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.models import CertificateEvent
from smartcity.certification.selectors import current_certificate
from smartcity.certification.serialisers import FIELDS, area_records
from smartcity.certification.services.status import transition_certificate
from smartcity.geo.models import Province
from smartcity.registry.exports import COLUMNS
from smartcity.registry.selectors import certified_areas, national_figures, search_areas
from tests.certification.factories import CertificateFactory, CertifiedAreaFactory
from tests.certification.views.certificates import deciding_meeting

BEFORE = [("certification", "0004_batch_position_in_order_of_certification")]
AFTER = [("certification", "0007_drop_area_certificate_columns")]


def test_the_migration_moves_each_areas_certificate_into_a_row(migrate_to):
    old = migrate_to(BEFORE)
    steering, _ = old.get_model("committee", "Committee").objects.get_or_create(
        kind="steering_committee", defaults={"name_th": "คณะกรรมการ", "name_en": "Steering"}
    )
    meeting = old.get_model("committee", "Meeting").objects.create(
        committee=steering, number=1, year_be=2565, held_on=dt.date(2022, 11, 9)
    )
    Area = old.get_model("certification", "CertifiedArea")
    region, _ = old.get_model("geo", "Region").objects.get_or_create(
        code="northeast", defaults={"name_th": "ภาคตะวันออกเฉียงเหนือ", "name_en": "Northeast"}
    )
    province, _ = old.get_model("geo", "Province").objects.get_or_create(
        code="30",
        defaults={"name_th": "นครราชสีมา", "name_en": "Nakhon Ratchasima", "region": region},
    )
    imported = Area.objects.create(
        name_en="Korat Smart City", province=province, acknowledged_at=meeting,
        certified_on=dt.date(2022, 11, 9), certificate_number="SCT-2565-001",
    )  # fmt: skip
    revoked = Area.objects.create(
        name_en="Revoked Smart City", province=province, approved_at=meeting,
        acknowledged_at=meeting, certified_on=dt.date(2022, 11, 9),
        certificate_number="SCT-2565-002", valid_until=dt.date(2025, 11, 8),
        status="revoked", revoked_on=dt.date(2024, 1, 5),
    )  # fmt: skip
    old.get_model("certification", "AreaDomain").objects.create(area=imported, domain="energy")
    old.get_model("certification", "CertificateEvent").objects.create(
        area=revoked, kind="revoked", on=dt.date(2024, 1, 5), reason="ไม่ดำเนินการตามแผน"
    )

    new = migrate_to(AFTER)
    Certificate = new.get_model("certification", "Certificate")

    rows = {c.number: c for c in Certificate.objects.all()}
    assert set(rows) == {"SCT-2565-001", "SCT-2565-002"}
    korat, gone = rows["SCT-2565-001"], rows["SCT-2565-002"]
    assert (korat.area_id, korat.valid_from, korat.valid_until) == (imported.pk, None, None)
    assert (korat.acknowledging_meeting_id, korat.status) == (meeting.pk, "active")
    assert list(korat.domains.values_list("domain", flat=True)) == ["energy"]
    assert (gone.approving_meeting_id, gone.valid_from, gone.valid_until) == (
        meeting.pk,
        dt.date(2022, 11, 9),
        dt.date(2025, 11, 8),
    )
    assert (gone.status, gone.revoked_on) == ("revoked", dt.date(2024, 1, 5))
    assert list(gone.events.values_list("kind", "reason")) == [("revoked", "ไม่ดำเนินการตามแผน")]


@pytest.fixture
def renewed(db):
    """An area certified in 2023 for three years (to 31 May 2026), renewed from
    1 June 2026 for three more, for other domains."""
    area = CertifiedAreaFactory(
        province=Province.objects.get(code="83"),
        certified_on=dt.date(2023, 6, 1),
        certificate_number="SCT-2566-001",
        valid_from=dt.date(2023, 6, 1),
        valid_until=dt.date(2026, 5, 31),
        domains=["mobility"],
    )
    second = CertificateFactory(
        area=area,
        number="SCT-2569-001",
        certified_on=dt.date(2026, 5, 20),
        valid_from=dt.date(2026, 6, 1),
        valid_until=dt.date(2029, 5, 31),
    )
    second.domains.create(domain="energy")
    for held in (area.certificate, second):
        CertificateEvent.objects.create(
            certificate=held, kind=EventKind.CERTIFIED, on=held.certified_on
        )
    return area, area.certificate, second


@pytest.mark.parametrize(
    ("on", "current"),
    [
        (dt.date(2023, 6, 1), "SCT-2566-001"),
        (dt.date(2026, 5, 25), "SCT-2566-001"),  # renewed, the new term not begun
        (dt.date(2026, 5, 31), "SCT-2566-001"),
        (dt.date(2026, 6, 1), "SCT-2569-001"),
        (dt.date(2035, 1, 1), "SCT-2569-001"),  # both expired: the newest
    ],
)
def test_the_current_certificate_is_the_newest_in_force(renewed, on, current):
    area, _first, _second = renewed

    assert current_certificate(area, on).number == current
    record = next(area_records(search_areas({"as_of": on}).filter(pk=area.pk), on=on), None)
    if on.year < 2035:
        assert record["certificate_number"] == current


def test_a_renewed_area_counts_once_and_without_a_gap(renewed):
    for on in (dt.date(2026, 5, 31), dt.date(2026, 6, 1), dt.date(2029, 5, 31)):
        figures = national_figures(on)
        assert (figures.areas, figures.provinces, figures.areas_with_domains) == (1, 1, 1)
    assert national_figures(dt.date(2029, 6, 1)).areas == 0
    assert {d.code: d.areas for d in national_figures(dt.date(2027, 1, 1)).domains}["energy"] == 1
    assert {d.code: d.areas for d in national_figures(dt.date(2027, 1, 1)).domains}["mobility"] == 0
    assert certified_areas(dt.date(2027, 1, 1)).count() == 1


def test_the_area_page_shows_the_current_certificate_and_the_history_of_both(renewed, anonymous):
    area, first, second = renewed
    anonymous.cookies["smartcity_language"] = "en"

    response = anonymous.get(reverse("registry:area_detail", args=[area.pk]))

    assert response.context["certificate"] == second
    history = response.text.split('data-testid="certificate-history"')[1].split("</ol>")[0]
    assert history.count('data-testid="event-certified"') == 2
    assert "SCT-2566-001" in history and "SCT-2569-001" in history
    # Each certificate stays verifiable on its own number.
    for held in (first, second):
        assert anonymous.get(reverse("certification:verify", args=[held.number])).status_code == 200


def test_the_secretariat_lists_each_term(renewed, secretariat):
    response = secretariat.get(reverse("certification:certificates"))

    assert [c.number for c in response.context["page"].object_list] == [
        "SCT-2569-001",
        "SCT-2566-001",
    ]


def test_a_second_term_keeps_the_transition_table_to_itself(renewed, secretariat_user):
    _area, first, second = renewed
    transition_certificate(
        certificate=second, to_status=CertificateStatus.SUSPENDED, reason="ระงับ",
        meeting=deciding_meeting(year_be=2569, held_on=dt.date(2026, 7, 1)),
        on=dt.date(2026, 7, 1), by=secretariat_user,
    )  # fmt: skip

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED)


def test_the_exports_and_the_verification_json_share_the_field_names(renewed, anonymous):
    csv_header = anonymous.get(reverse("registry:export_csv"))
    header = b"".join(csv_header.streaming_content).decode("utf-8-sig").splitlines()[0]
    geojson = anonymous.get(reverse("registry:export_geojson"))
    feature = json.loads(b"".join(geojson.streaming_content))["features"][0]
    verification = anonymous.get(reverse("certification:verify_json", args=["SCT-2566-001"]))

    assert header.split(",") == COLUMNS
    assert set(feature["properties"]) - {"location_precision"} == set(COLUMNS)
    assert set(COLUMNS) <= set(verification.json()) and set(COLUMNS) <= set(FIELDS)
