"""The secretariat's certificate pages: the list, one certificate and its status actions,
and the batches' logo ceremonies. Only the secretariat (and an administrator, who passes
every permission as everywhere in Django) may see or use them."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from smartcity.certification.enums import CertificateStatus, EventKind
from smartcity.certification.models import Batch, Certificate
from smartcity.committee.enums import CommitteeKind
from smartcity.core.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.certification.factories import BatchFactory
from tests.certification.views.certificates import (
    DECIDED_ON,
    certificate,
    deciding_meeting,
    expired,
    revoked,
    suspended,
)
from tests.committee.factories import committee
from tests.proposals.factories import member

pytestmark = pytest.mark.django_db


def client_for(user, language="en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


@pytest.fixture
def officer(secretariat_user):
    return client_for(secretariat_user)


@pytest.fixture
def area():
    """The certificate (its area is `.area`)."""
    return certificate()


def pages(area) -> list[str]:
    return [
        reverse("certification:certificates"),
        reverse("certification:certificate", args=[area.number]),
        reverse("certification:batches"),
    ]


def actions(area) -> list[str]:
    return [
        reverse("certification:certificate_transition", args=[area.number]),
        reverse("certification:batch_ceremony", args=[area.area.batch.pk]),
    ]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Personas -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(anonymous, area):
    for url in pages(area) + actions(area):
        response = anonymous.get(url) if url in pages(area) else anonymous.post(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(reverse("accounts:login")), url


def test_an_applicant_is_refused(area):
    applicant = member(area.area.proponent)
    client = client_for(applicant)
    for url in pages(area):
        assert client.get(url).status_code == 403, url
    for url in actions(area):
        assert client.post(url, {"to_status": "revoked"}).status_code == 403, url
    area.refresh_from_db()
    assert area.status == CertificateStatus.ACTIVE


def test_a_committee_member_is_refused(area):
    seat = committee(CommitteeKind.STEERING).members.first()
    client = client_for(seat.user)
    for url in pages(area):
        assert client.get(url).status_code == 403, url
    for url in actions(area):
        assert client.post(url).status_code == 403, url


def test_a_signed_in_person_without_a_role_is_refused(area):
    client = client_for(UserFactory())
    for url in pages(area):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
def test_secretariat_and_admin_see_every_page(request, persona, area):
    client = request.getfixturevalue(persona)
    for url in pages(area):
        assert client.get(url).status_code == 200, url


def test_pages_refuse_post_and_actions_refuse_get(officer, area):
    for url in pages(area):
        assert officer.post(url).status_code == 405, url
    for url in actions(area):
        assert officer.get(url).status_code == 405, url


@pytest.mark.parametrize("number", ["SCT-0000-000", "<script>", "%20"])
def test_an_unknown_certificate_is_404(officer, number):
    assert officer.get(reverse("certification:certificate", args=[number])).status_code == 404
    url = reverse("certification:certificate_transition", args=[number])
    assert officer.post(url).status_code == 404


def test_an_unknown_batch_is_404(officer):
    url = reverse("certification:batch_ceremony", args=[999999])
    assert officer.post(url, {"b999999-on": "2024-01-09"}).status_code == 404


# The list -----------------------------------------------------------------------------


@pytest.fixture
def four(secretariat_user):
    return {
        "active": certificate("SCT-2566-001"),
        "suspended": suspended(secretariat_user, "SCT-2566-002"),
        "revoked": revoked(secretariat_user, "SCT-2566-003"),
        "expired": expired("SCT-2566-004"),
    }


def listed(response) -> list[str]:
    return [a.number for a in response.context["page"].object_list]


def test_list_shows_every_certificate_with_its_display_status(officer, four):
    response = officer.get(reverse("certification:certificates"))

    assert sorted(listed(response)) == [
        "SCT-2566-001",
        "SCT-2566-002",
        "SCT-2566-003",
        "SCT-2566-004",
    ]
    html = response.text
    assert 'class="badge status-expired"' in html
    assert 'class="badge status-revoked"' in html
    assert 'class="badge status-suspended"' in html
    assert 'class="badge status-active"' in html


@pytest.mark.parametrize("status", ["active", "suspended", "revoked", "expired"])
def test_list_filters_by_status_with_expired_derived(officer, four, status):
    response = officer.get(reverse("certification:certificates"), {"status": status})

    assert listed(response) == [four[status].number]


def test_list_filters_by_batch(officer, four):
    other = certificate("SCT-2566-009", batch=BatchFactory(code="B9"))

    response = officer.get(reverse("certification:certificates"), {"batch": "B9"})

    assert listed(response) == [other.number]


@pytest.mark.parametrize("query", ["SCT-2566-003", "sct-2566-003", "2566-003"])
def test_list_searches_by_number(officer, four, query):
    response = officer.get(reverse("certification:certificates"), {"q": query})
    assert listed(response) == ["SCT-2566-003"]


def test_list_searches_by_name(officer, four):
    area = four["expired"].area
    response = officer.get(reverse("certification:certificates"), {"q": area.name_en})
    assert listed(response) == ["SCT-2566-004"]


def test_list_ignores_an_invalid_filter(officer, four):
    response = officer.get(reverse("certification:certificates"), {"status": "lost", "batch": "Z"})
    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_list_paginates(officer):
    for n in range(27):
        certificate(f"SCT-2566-{n + 1:03d}")

    first = officer.get(reverse("certification:certificates"))
    second = officer.get(reverse("certification:certificates"), {"page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 2
    assert "Page 1 of 2" in first.text


def test_list_leaves_out_areas_without_a_certificate(officer, four):
    certificate("SCT-2566-009").delete()  # its area stays, without a certificate
    response = officer.get(reverse("certification:certificates"))
    assert len(listed(response)) == 4


# One certificate and its actions ------------------------------------------------------


def test_certificate_page_offers_suspend_and_revoke_for_an_active_one(officer, area):
    response = officer.get(reverse("certification:certificate", args=[area.number]))

    offered = [a["to_status"] for a in response.context["actions"]]
    assert offered == ["suspended", "revoked"]
    assert 'data-testid="action-suspended"' in response.text
    assert 'data-testid="action-active"' not in response.text


def test_certificate_page_offers_reinstate_and_revoke_for_a_suspended_one(
    officer, secretariat_user
):
    area = suspended(secretariat_user)
    response = officer.get(reverse("certification:certificate", args=[area.number]))

    assert [a["to_status"] for a in response.context["actions"]] == ["active", "revoked"]
    assert "ไม่ส่งรายงานความก้าวหน้าตามกำหนด" in response.text


def test_certificate_page_offers_nothing_for_a_revoked_one(officer, secretariat_user):
    area = revoked(secretariat_user)
    response = officer.get(reverse("certification:certificate", args=[area.number]))

    assert response.context["actions"] == []
    assert "A revoked certificate cannot change any more." in response.text


def test_meeting_choices_are_the_steering_and_sub_committee_meetings(officer, area):
    steering = deciding_meeting()
    sub = deciding_meeting(number=5, year_be=2567)
    sub.committee = committee(CommitteeKind.SUB_COMMITTEE)
    sub.save()

    response = officer.get(reverse("certification:certificate", args=[area.number]))

    choices = response.context["actions"][0]["form"].fields["meeting"].queryset
    assert {steering, sub} <= set(choices)
    assert "1/2567 (15 March 2024)" in response.text


def transition(client, area, **data):
    url = reverse("certification:certificate_transition", args=[area.number])
    return client.post(url, data)


def test_suspend_records_the_event_and_redirects(officer, area, secretariat_user):
    meeting = deciding_meeting()

    response = transition(officer, area, to_status="suspended", reason="ไม่ส่งรายงาน",
                          meeting=meeting.pk, on="15/3/2567")  # fmt: skip

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("certification:certificate", args=[area.number])
    area.refresh_from_db()
    assert area.status == CertificateStatus.SUSPENDED
    event = area.events.get(kind=EventKind.SUSPENDED)
    assert (event.on, event.reason, event.meeting, event.by) == (
        DECIDED_ON,
        "ไม่ส่งรายงาน",
        meeting,
        secretariat_user,
    )
    assert messages_of(response) == ["The certificate is now “Suspended”."]
    assert AuditEntry.objects.filter(action="certification.certificate.suspended").count() == 1


def test_reinstate_then_revoke(officer, secretariat_user):
    area = suspended(secretariat_user)
    meeting = deciding_meeting(number=3)

    transition(officer, area, to_status="active", reason="ส่งรายงานแล้ว", meeting=meeting.pk,
               on="2024-04-01")  # fmt: skip
    area.refresh_from_db()
    assert area.status == CertificateStatus.ACTIVE

    transition(officer, area, to_status="revoked", reason="ไม่ดำเนินการ", meeting=meeting.pk,
               on="2024-05-01")  # fmt: skip
    area.refresh_from_db()
    assert area.status == CertificateStatus.REVOKED
    assert area.revoked_on == dt.date(2024, 5, 1)
    assert list(area.events.values_list("kind", flat=True)) == [
        "certified", "suspended", "reinstated", "revoked"
    ]  # fmt: skip


def test_a_transition_without_reason_meeting_or_date_changes_nothing(officer, area):
    response = transition(officer, area, to_status="suspended", reason=" ", meeting="", on="")

    assert response.status_code == 302
    area.refresh_from_db()
    assert area.status == CertificateStatus.ACTIVE
    shown = messages_of(response)
    assert "Reason (shown publicly): This field is required." in shown
    assert "Meeting that decided: This field is required." in shown
    assert "Effective on: This field is required." in shown


def test_a_transition_with_an_unreadable_date_is_explained(officer, area):
    response = transition(officer, area, to_status="suspended", reason="r",
                          meeting=deciding_meeting().pk, on="soon")  # fmt: skip

    assert messages_of(response) == [
        "Effective on: Enter a date such as 09/11/2022 (day/month/year)."
    ]
    area.refresh_from_db()
    assert area.status == CertificateStatus.ACTIVE


def test_a_transition_the_table_does_not_allow_is_explained(officer, secretariat_user):
    area = revoked(secretariat_user)

    response = transition(officer, area, to_status="active", reason="r",
                          meeting=deciding_meeting().pk, on="2024-06-01")  # fmt: skip

    assert messages_of(response) == ["A certificate that is “Revoked” cannot become “Active”."]
    area.refresh_from_db()
    assert area.status == CertificateStatus.REVOKED
    assert area.events.count() == 2


def test_a_transition_dated_before_certification_is_explained(officer, area):
    response = transition(officer, area, to_status="suspended", reason="r",
                          meeting=deciding_meeting().pk, on="2020-01-01")  # fmt: skip

    assert messages_of(response) == ["The date is before the area was certified."]
    assert Certificate.objects.get(pk=area.pk).status == CertificateStatus.ACTIVE


def test_a_transition_with_a_cancelled_meeting_is_refused(officer, area):
    meeting = deciding_meeting()
    meeting.status = "cancelled"
    meeting.save()

    response = transition(officer, area, to_status="suspended", reason="r",
                          meeting=meeting.pk, on="2024-03-15")  # fmt: skip

    assert len(messages_of(response)) == 1
    assert messages_of(response)[0].startswith("Meeting that decided:")
    assert Certificate.objects.get(pk=area.pk).status == CertificateStatus.ACTIVE


def test_messages_are_in_thai_for_a_thai_reader(secretariat_user, area):
    client = client_for(secretariat_user, language="th")
    response = transition(client, area, to_status="suspended", reason="", meeting="", on="")
    assert "This field is required." not in " ".join(messages_of(response))


# Batches ------------------------------------------------------------------------------


def test_batches_list_counts_their_areas(officer):
    batch = BatchFactory(code="B7", logo_ceremony_on=None)
    for n in range(3):
        certificate(f"SCT-2566-{n + 1:03d}", batch=batch)

    response = officer.get(reverse("certification:batches"))

    rows = {b.code: b.n_areas for b, _form in response.context["batches"]}
    assert rows["B7"] == 3
    assert "not set" in response.text


def test_setting_the_ceremony_updates_every_area_and_its_history(officer):
    batch = BatchFactory(code="B7", logo_ceremony_on=None)
    held = [certificate(f"SCT-2566-{n + 1:03d}", batch=batch) for n in range(2)]

    response = officer.post(
        reverse("certification:batch_ceremony", args=[batch.pk]), {f"b{batch.pk}-on": "9/7/2566"}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("certification:batches")
    assert messages_of(response) == ["Logo ceremony of batch B7 recorded for 2 areas."]
    batch.refresh_from_db()
    assert batch.logo_ceremony_on == dt.date(2023, 7, 9)
    for certificate_held in held:
        certificate_held.area.refresh_from_db()
        assert certificate_held.area.logo_ceremony_on == dt.date(2023, 7, 9)
        assert certificate_held.events.filter(kind=EventKind.CEREMONY).count() == 1


def test_setting_the_ceremony_with_a_bad_date_changes_nothing(officer):
    batch = BatchFactory(code="B7", logo_ceremony_on=None)

    response = officer.post(
        reverse("certification:batch_ceremony", args=[batch.pk]), {f"b{batch.pk}-on": "31/2/2566"}
    )

    assert messages_of(response) == [
        "B7: Logo ceremony: Enter a date such as 09/11/2022 (day/month/year)."
    ]
    assert Batch.objects.get(pk=batch.pk).logo_ceremony_on is None


def test_a_ceremony_before_certification_is_explained(officer):
    batch = BatchFactory(code="B7", logo_ceremony_on=None)
    certificate("SCT-2566-001", batch=batch)

    response = officer.post(
        reverse("certification:batch_ceremony", args=[batch.pk]), {f"b{batch.pk}-on": "2023-01-09"}
    )

    assert messages_of(response) == [
        "B7: The logo cannot be presented before the area is certified."
    ]
    assert Batch.objects.get(pk=batch.pk).logo_ceremony_on is None
