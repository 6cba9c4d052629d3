"""The applicant's section forms as a person reads them: years in their era, amounts in
grouped baht, rules shown before submitting, provinces by name."""

import pytest
from django.test import Client
from django.urls import reverse

from smartcity.accounts.enums import MembershipRole
from tests.proposals.factories import ProposalFactory, member


def client_for(user, language: str = "th") -> Client:
    client = Client(headers={"accept-language": language})
    client.cookies["smartcity_language"] = language
    client.force_login(user)
    return client


@pytest.fixture
def proposal(db):
    return ProposalFactory()


@pytest.fixture
def editor(proposal):
    return member(proposal.organisation, role=MembershipRole.EDITOR)


def _solution_row(target_year: str) -> dict:
    return {
        "solutions-TOTAL_FORMS": "1",
        "solutions-INITIAL_FORMS": "0",
        "solutions-MIN_NUM_FORMS": "0",
        "solutions-MAX_NUM_FORMS": "1000",
        "solutions-0-name": "รถโดยสารไฟฟ้า",
        "solutions-0-domain": "mobility",
        "solutions-0-indicator": "ผู้โดยสารต่อวัน",
        "solutions-0-baseline": "0",
        "solutions-0-target": "5000",
        "solutions-0-target_year": target_year,
    }


def test_a_target_year_typed_in_be_comes_back_in_be(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "services"})
    thai = client_for(editor)

    thai.post(url, {"revision": proposal.revision, **_solution_row("2570")})
    page = thai.get(url).text

    assert proposal.solutions.get().target_year == 2027
    assert 'name="solutions-0-target_year" value="2570"' in page
    assert "ปปปป พ.ศ." in page


def test_an_english_reader_sees_the_target_year_in_ce(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "services"})
    client_for(editor).post(url, {"revision": proposal.revision, **_solution_row("2570")})

    page = client_for(editor, "en").get(url).text

    assert 'name="solutions-0-target_year" value="2027"' in page


def test_a_ce_year_typed_in_thai_is_refused_with_a_reason(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "services"})

    page = client_for(editor).post(url, {"revision": proposal.revision, **_solution_row("2027")})

    assert "กรุณาระบุปีเป็น พ.ศ." in page.text
    assert proposal.solutions.count() == 0
