"""Who may download a meeting's pack and minutes: the secretariat and invited members."""

import pytest
from django.urls import reverse

from smartcity.committee.enums import MinutesStatus
from smartcity.committee.services.minutes import transition_minutes
from tests.documents.conftest import RECUSED_TITLE, closed_with_minutes, members_of, signed_in
from tests.documents.pdftext import Reader


def _url(name, meeting):
    return reverse(f"committee:{name}", kwargs={"pk": meeting.pk})


@pytest.fixture
def personas(agenda, secretariat_user, admin_user, applicant, other_committee_member):
    member, recused = members_of(agenda)
    return {
        "applicant": applicant,
        "other_committee_member": other_committee_member,
        "member": member,
        "recused_member": recused,
        "secretariat": secretariat_user,
        "admin": admin_user,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("applicant", 403),
        ("other_committee_member", 403),
        ("member", 200),
        ("recused_member", 200),
        ("secretariat", 200),
        ("admin", 200),
    ],
)
def test_meeting_pack_access_per_persona(agenda, personas, persona, status):
    response = signed_in(personas[persona]).get(_url("meeting_pack_pdf", agenda))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'inline; filename="meeting-pack-sub-committee-1-2569.pdf"'
        )
        assert (RECUSED_TITLE in Reader(response.content)) is (persona != "recused_member")


def test_anonymous_is_sent_to_sign_in_for_the_pack(agenda, anonymous):
    response = anonymous.get(_url("meeting_pack_pdf", agenda))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pack_of_an_unknown_meeting_is_404(agenda, secretariat):
    assert secretariat.get("/meetings/999999/pack.pdf").status_code == 404


def test_pack_cannot_be_posted_to(agenda, secretariat):
    assert secretariat.post(_url("meeting_pack_pdf", agenda)).status_code == 405


def test_minutes_are_404_until_drafted(agenda, secretariat):
    assert secretariat.get(_url("minutes_pdf", agenda)).status_code == 404


@pytest.mark.parametrize(
    ("persona", "draft", "circulated"),
    [
        ("applicant", 403, 403),
        ("other_committee_member", 403, 403),
        ("member", 404, 200),
        ("recused_member", 404, 200),
        ("secretariat", 200, 200),
    ],
)
def test_minutes_access_per_persona(agenda, personas, secretariat_user, persona, draft, circulated):
    minutes = closed_with_minutes(agenda, secretariat_user)
    client = signed_in(personas[persona])

    assert client.get(_url("minutes_pdf", agenda)).status_code == draft
    transition_minutes(minutes=minutes, to_status=MinutesStatus.CIRCULATED, by=secretariat_user)
    response = client.get(_url("minutes_pdf", agenda))

    assert response.status_code == circulated
    if circulated == 200:
        assert response["Content-Disposition"] == (
            'inline; filename="minutes-sub-committee-1-2569.pdf"'
        )
        assert (RECUSED_TITLE in Reader(response.content)) is (persona != "recused_member")


def test_anonymous_is_sent_to_sign_in_for_the_minutes(agenda, anonymous, secretariat_user):
    closed_with_minutes(agenda, secretariat_user)

    assert anonymous.get(_url("minutes_pdf", agenda)).status_code == 302
