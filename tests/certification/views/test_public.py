"""Public verification of a certificate: the page and the JSON an investor or the Board of
Investment reads, with the status as it stands today."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from smartcity.certification.enums import DisplayStatus
from smartcity.certification.selectors import status_label
from smartcity.certification.serialisers import FIELDS
from tests.certification.views.certificates import (
    certificate,
    expired,
    revoked,
    suspended,
)

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies["smartcity_language"] = "en"
    return client


def verify(client, number):
    return client.get(reverse("certification:verify", args=[number]))


def verify_json(client, number, **headers):
    return client.get(reverse("certification:verify_json", args=[number]), headers=headers)


# The page -----------------------------------------------------------------------------


def test_verify_page_of_an_active_certificate_says_active(anonymous):
    area = certificate().area

    response = verify(english(anonymous), "SCT-2566-001")

    assert response.status_code == 200
    assert response.context["status"] == DisplayStatus.ACTIVE
    html = response.text
    assert 'data-status="active">Active</p>' in html
    assert area.name_th in html and area.name_en in html
    assert "Khon Kaen City Municipality" in html
    assert "Khon Kaen" in html
    assert "Smart Mobility" in html and "Smart Living" in html
    assert "31 May 2099" in html  # valid until
    assert "1 June 2023" in html  # certified on
    assert reverse("registry:area_detail", args=[area.pk]) in html


def test_verify_page_shows_dates_in_buddhist_era_in_thai(anonymous):
    certificate()

    html = verify(anonymous, "SCT-2566-001").text

    assert "1 มิถุนายน 2566" in html
    assert "31 พฤษภาคม 2642" in html


def test_verify_page_of_a_suspended_certificate_gives_reason_and_meeting(
    anonymous, secretariat_user
):
    suspended(secretariat_user)

    response = verify(english(anonymous), "SCT-2566-002")

    assert response.context["status"] == DisplayStatus.SUSPENDED
    html = response.text
    assert 'data-status="suspended">Suspended</p>' in html
    assert "ไม่ส่งรายงานความก้าวหน้าตามกำหนด" in html
    assert "meeting 1/2567" in html
    assert "15 March 2024" in html


def test_verify_page_of_a_revoked_certificate_says_revoked_with_reason(anonymous, secretariat_user):
    revoked(secretariat_user)

    response = verify(english(anonymous), "SCT-2566-003")

    assert response.status_code == 200
    assert response.context["status"] == DisplayStatus.REVOKED
    html = response.text
    assert 'data-status="revoked">Revoked</p>' in html
    assert "revoked on 15 March 2024" in html
    assert "ไม่ดำเนินการตามแผนภายในสองปี" in html
    assert "meeting 2/2567" in html


def test_verify_page_of_a_certificate_past_its_validity_says_expired(anonymous):
    expired()

    response = verify(english(anonymous), "SCT-2566-004")

    assert response.context["status"] == DisplayStatus.EXPIRED
    assert 'data-status="expired">Expired</p>' in response.text
    assert "it was valid until 31 May 2024" in response.text


def test_verify_page_without_a_validity_term_says_so(anonymous):
    certificate(valid_until=None)

    html = verify(english(anonymous), "SCT-2566-001").text

    assert "no validity term on record" in html
    assert 'data-status="active"' in html


def test_verify_page_of_an_unknown_number_is_404(anonymous):
    certificate()
    assert verify(anonymous, "SCT-2566-999").status_code == 404


def test_verify_page_of_an_area_not_yet_certified_is_404(anonymous):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    certificate(certified_on=tomorrow)

    assert verify(anonymous, "SCT-2566-001").status_code == 404
    assert verify_json(anonymous, "SCT-2566-001").status_code == 404


def test_verify_page_typed_in_lower_case_redirects_to_the_number(anonymous):
    certificate()

    response = verify(anonymous, "sct-2566-001")

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("certification:verify", args=["SCT-2566-001"])


def test_verify_page_links_the_pdf_only_when_the_pdf_exists(anonymous):
    certificate()
    html = verify(anonymous, "SCT-2566-001").text
    # The PDF is built by another page; the link appears exactly when its URL exists.
    try:
        pdf = reverse("certification:certificate_pdf", kwargs={"number": "SCT-2566-001"})
    except NoReverseMatch:
        pdf = None
    assert ('data-testid="certificate-pdf"' in html) == bool(pdf)


def test_verify_page_is_public_and_refuses_post(anonymous):
    certificate()
    assert anonymous.post(reverse("certification:verify", args=["SCT-2566-001"])).status_code == 405


def test_verify_page_escapes_a_hostile_number(anonymous):
    response = anonymous.get(reverse("certification:verify_search"), {"number": "<b>x</b>"})
    assert "<b>x</b>" not in response.text
    assert "&lt;b&gt;x&lt;/b&gt;" in response.text


# The search form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["SCT-2566-001", "sct-2566-001 ", "  Sct-2566-001", "sct 2566 001"]
)
def test_search_tolerates_case_and_spaces(anonymous, typed):
    certificate()

    response = anonymous.get(reverse("certification:verify_search"), {"number": typed})

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("certification:verify", args=["SCT-2566-001"])


def test_search_for_an_unknown_number_says_so_on_the_page(anonymous):
    certificate()

    response = english(anonymous).get(
        reverse("certification:verify_search"), {"number": "SCT-2566-999"}
    )

    assert response.status_code == 200
    assert "No certificate with the number “SCT-2566-999”" in response.text


def test_search_for_an_area_not_yet_certified_finds_nothing(anonymous):
    certificate(certified_on=dt.date.today() + dt.timedelta(days=2))

    response = anonymous.get(reverse("certification:verify_search"), {"number": "SCT-2566-001"})

    assert response.status_code == 200
    assert response.context["not_found"] is True


def test_search_form_without_a_number_shows_the_form(anonymous):
    response = anonymous.get(reverse("certification:verify_search"))

    assert response.status_code == 200
    assert response.context["not_found"] is False
    assert 'data-testid="verify-form"' in response.text


# JSON ---------------------------------------------------------------------------------


def test_json_of_an_active_certificate(anonymous):
    held = certificate()
    area = held.area

    response = verify_json(english(anonymous), "SCT-2566-001")

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response.headers["Cache-Control"]
    data = response.json()
    assert data["certificate_number"] == "SCT-2566-001"
    assert data["status"] == "active"
    assert data["status_label"] == "Active"
    assert (data["id"], data["name_th"], data["name_en"]) == (area.pk, area.name_th, area.name_en)
    assert (data["proponent_th"], data["proponent_en"], data["proponent_type"]) == (
        "เทศบาลนครขอนแก่น",
        "Khon Kaen City Municipality",
        "municipality",
    )
    assert (data["province_code"], data["province_th"], data["province_en"]) == (
        "40",
        "ขอนแก่น",
        "Khon Kaen",
    )
    assert data["domains"] == ["living", "mobility"]
    assert data["certified_on"] == "2023-06-01"
    assert data["valid_until"] == "2099-05-31"
    assert data["logo_ceremony_on"] is None
    assert data["approving_meeting"] is None
    meeting = data["acknowledging_meeting"]
    assert meeting["reference"] == f"{held.acknowledging_meeting.number}/2566"
    assert meeting["held_on"] == "2023-06-01"
    assert [e["event"] for e in data["history"]] == ["certified"]
    assert data["verify_url"] == "http://testserver" + reverse(
        "certification:verify", args=["SCT-2566-001"]
    )
    assert data["url"] == "http://testserver" + reverse("registry:area_detail", args=[area.pk])
    verified_at = dt.datetime.fromisoformat(data["verified_at"])
    assert abs(verified_at - timezone.now()) < dt.timedelta(minutes=1)


def test_json_names_its_fields_as_the_registry_exports_do(anonymous):
    certificate()

    data = verify_json(anonymous, "SCT-2566-001").json()

    shared = {"status_label", "history", "verified_at"}
    assert set(data) - shared == set(FIELDS)


def test_json_of_a_suspended_certificate_gives_the_reason_in_its_history(
    anonymous, secretariat_user
):
    suspended(secretariat_user)

    data = verify_json(english(anonymous), "SCT-2566-002").json()

    assert data["status"] == "suspended"
    assert data["status_label"] == "Suspended"
    last = data["history"][-1]
    assert last["event"] == "suspended"
    assert last["on"] == "2024-03-15"
    assert last["reason"] == "ไม่ส่งรายงานความก้าวหน้าตามกำหนด"
    assert last["meeting"]["reference"] == "1/2567"
    assert last["meeting"]["committee"] == "steering_committee"


def test_json_of_a_revoked_certificate(anonymous, secretariat_user):
    revoked(secretariat_user)

    data = verify_json(english(anonymous), "SCT-2566-003").json()

    assert (data["status"], data["status_label"]) == ("revoked", "Revoked")
    assert data["revoked_on"] == "2024-03-15"
    assert data["history"][-1]["event"] == "revoked"


def test_json_of_an_expired_certificate(anonymous):
    expired()

    data = verify_json(english(anonymous), "SCT-2566-004").json()

    assert (data["status"], data["status_label"]) == ("expired", "Expired")
    assert data["valid_until"] == "2024-05-31"


def test_json_without_a_proponent_on_record_is_null(anonymous):
    certificate(proponent=None, proponent_type="")

    data = verify_json(anonymous, "SCT-2566-001").json()

    assert (data["proponent_th"], data["proponent_en"], data["proponent_type"]) == (None,) * 3


def test_json_with_only_the_proponent_type_on_record(anonymous):
    certificate(proponent=None, proponent_type="province")

    data = verify_json(anonymous, "SCT-2566-001").json()

    assert (data["proponent_th"], data["proponent_en"], data["proponent_type"]) == (
        None,
        None,
        "province",
    )


def test_json_of_an_unknown_number_is_a_404_with_an_error(anonymous):
    response = verify_json(english(anonymous), "SCT-0000-000")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"] == "No certificate has this number."


def test_json_status_label_follows_accept_language(anonymous):
    certificate()

    in_english = verify_json(anonymous, "SCT-2566-001", accept_language="en")
    in_thai = verify_json(anonymous, "SCT-2566-001", accept_language="th")

    assert in_english.headers["Content-Language"] == "en"
    assert in_english.json()["status_label"] == "Active"
    assert in_thai.headers["Content-Language"] == "th"
    with translation.override("th"):
        thai_label = status_label("active")
    assert in_thai.json()["status_label"] == thai_label
    assert "Accept-Language" in in_thai.headers["Vary"]


def test_json_status_label_follows_the_language_cookie(anonymous, secretariat_user):
    revoked(secretariat_user)

    thai = verify_json(anonymous, "SCT-2566-003").json()  # Thai is the default
    english_data = verify_json(english(anonymous), "SCT-2566-003").json()

    with translation.override("th"):
        assert thai["status_label"] == status_label("revoked")
    assert english_data["status_label"] == "Revoked"
    assert thai["status"] == english_data["status"] == "revoked"


def test_json_refuses_post(anonymous):
    certificate()
    response = anonymous.post(reverse("certification:verify_json", args=["SCT-2566-001"]))
    assert response.status_code == 405
