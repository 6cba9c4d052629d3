"""My work: each person lands on what waits for each of their roles, and sees nothing
their roles do not show them elsewhere."""

import pytest
from django.urls import reverse

from smartcity.committee.enums import MinutesStatus
from smartcity.committee.models import Minutes
from smartcity.core.dates import format_date
from tests.accounts.factories import UserFactory
from tests.dashboard.world import (
    LATE_RETURN_TH,
    TO_SCORE_TH,
    TO_SCREEN_TH,
    build_people,
    client_for,
)
from tests.reviews.factories import FIRST, PhaseFactory, ReviewerFactory, dossier_of, reviewed

URL = "/work/"
SECTIONS = ["work-secretariat", "work-reviewer", "work-committee", "work-applicant"]
PASSWORD = "a-long-enough-pass-phrase-2569"


@pytest.fixture
def people(secretariat_user):
    return build_people(secretariat_user)


def sections_in(html: str) -> list[str]:
    return [s for s in SECTIONS if f'data-testid="{s}"' in html]


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


def page(user) -> str:
    response = client_for(user).get(URL)
    assert response.status_code == 200
    return response.text


def test_dashboard_url_is_work():
    assert reverse("dashboard:home") == URL


@pytest.mark.django_db
def test_dashboard_sends_the_anonymous_to_sign_in(anonymous):
    response = anonymous.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={URL}"


@pytest.mark.django_db
def test_dashboard_refuses_post(secretariat):
    assert secretariat.post(URL).status_code == 405


@pytest.mark.django_db
def test_signing_in_lands_on_my_work(anonymous):
    UserFactory(email="officer@example.go.th", password=PASSWORD, is_secretariat=True)

    response = anonymous.post(
        reverse("accounts:login"), {"username": "officer@example.go.th", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == URL


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [("/reviews/", "/reviews/"), ("https://evil.example/", URL), ("//evil.example/", URL)],
)
@pytest.mark.django_db
def test_signing_in_follows_a_safe_next_only(anonymous, next_url, lands_on):
    UserFactory(email="officer@example.go.th", password=PASSWORD)

    response = anonymous.post(
        f"{reverse('accounts:login')}?next={next_url}",
        {"username": "officer@example.go.th", "password": PASSWORD},
    )

    assert response.url == lands_on


@pytest.mark.django_db
def test_menu_links_to_my_work_when_signed_in(secretariat, anonymous):
    assert f'href="{URL}"' in secretariat.get(reverse("registry:home")).text
    assert f'href="{URL}"' not in anonymous.get(reverse("registry:home")).text


@pytest.mark.django_db
def test_secretariat_sees_screening_late_returns_evaluation_meetings(people, secretariat_user):
    html = page(secretariat_user)

    assert sections_in(html) == ["work-secretariat"]
    screening = section(html, "work-secretariat")
    assert TO_SCREEN_TH in screening
    assert reverse("proposals:review", args=[people.to_screen.pk]) in screening
    late = html[html.index('data-testid="work-overdue-returns"') :]
    assert LATE_RETURN_TH in late
    assert format_date(people.late_return.information_due_on, "th", style="short") in late
    assert reverse("committee:meeting", args=[people.committee.meeting.pk]) in screening


@pytest.mark.django_db
def test_secretariat_sees_an_evaluation_once_every_review_is_in(secretariat_user):
    proposal = reviewed(secretariat_user, PhaseFactory(), FIRST)

    html = section(page(secretariat_user), "work-secretariat")

    assert reverse("reviews:dossier", args=[dossier_of(proposal).pk]) in html


@pytest.mark.django_db
def test_reviewer_sees_the_overdue_assignment_highlighted(people):
    html = page(people.reviewer)

    assert sections_in(html) == ["work-reviewer"]
    mine = section(html, "work-reviewer")
    assert TO_SCORE_TH in mine
    assert reverse("reviews:score_sheet", args=[people.assignment.pk]) in mine
    assert mine.count('data-testid="work-overdue"') == 1


@pytest.mark.django_db
def test_conflicted_reviewer_does_not_see_the_conflicted_proposal(people):
    html = page(people.conflicted)

    assert sections_in(html) == ["work-reviewer"]
    assert TO_SCORE_TH not in html
    assert people.to_score.organisation.name_th not in html
    assert 'data-testid="work-assignment"' not in html


@pytest.mark.django_db
def test_committee_member_sees_the_meeting_and_its_items(people):
    world = people.committee

    html = page(world.member.user)

    assert sections_in(html) == ["work-committee"]
    mine = section(html, "work-committee")
    assert reverse("committee:member_meeting", args=[world.meeting.pk]) in mine
    assert world.open_item.title_th in mine
    assert world.secret_item.title_th in mine


@pytest.mark.django_db
def test_recused_member_does_not_see_the_item(people):
    world = people.committee

    mine = section(page(world.recused.user), "work-committee")

    assert world.open_item.title_th in mine
    assert world.secret_item.title_th not in mine
    assert world.secret_proposal.name_th not in mine


@pytest.mark.django_db
def test_member_sees_circulated_minutes_only(people, secretariat_user):
    world = people.committee
    minutes = Minutes.objects.create(meeting=world.meeting, body="ร่างรายงานการประชุม")
    assert 'data-testid="work-minutes"' in page(world.member.user)
    draft = section(page(world.member.user), "work-committee")
    assert draft.count(reverse("committee:member_meeting", args=[world.meeting.pk])) == 1

    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.CIRCULATED)

    circulated = section(page(world.member.user), "work-committee")
    assert circulated.count(reverse("committee:member_meeting", args=[world.meeting.pk])) == 2


@pytest.mark.django_db
def test_applicant_sees_what_is_asked_with_its_due_date(people):
    html = page(people.applicant)

    assert sections_in(html) == ["work-applicant"]
    asked = html[html.index('data-testid="work-asked"') :]
    assert LATE_RETURN_TH in asked
    assert reverse("proposals:detail", args=[people.late_return.pk]) in asked
    assert format_date(people.late_return.information_due_on, "th", style="short") in asked
    assert TO_SCREEN_TH not in html


@pytest.mark.django_db
def test_a_person_with_two_roles_sees_both_sections(people):
    ReviewerFactory(user=people.applicant)

    assert sections_in(page(people.applicant)) == ["work-reviewer", "work-applicant"]


@pytest.mark.django_db
def test_a_person_without_a_role_is_told_how_to_start():
    html = page(UserFactory())

    assert sections_in(html) == []
    assert 'class="empty"' in html
