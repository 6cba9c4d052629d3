"""The public announcements after steering-committee meetings: the replayed meeting
1/2565 on the platform, and the programme's public record (meetings on record only)."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from smartcity.certification.models import CertifiedArea
from smartcity.committee.enums import CommitteeKind, MeetingStatus, Outcome
from smartcity.committee.models import Meeting
from tests.committee.factories import meeting_in_session
from tests.committee.replay import (  # noqa: F401 (fixtures)
    STEERING_DAY,
    SUB_COMMITTEE_DAY,
    batch_b1,
    batch_b2_evaluated,
    decide,
)

pytestmark = pytest.mark.django_db

HEADLINE_1_2565 = (
    "Smart City Development Steering Committee meeting 1/2565 (9 November 2022): "
    "15 more areas in 14 provinces certified; the country now has 30 certified areas in "
    "23 provinces."
)


def english(client):
    client.cookies["smartcity_language"] = "en"
    return client


def text(html: str) -> str:
    """The page's words, without tags and with spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" :", ":").replace(" .", ".")


def steering(year_be=2565, number=1) -> Meeting:
    return Meeting.objects.get(
        committee__kind=CommitteeKind.STEERING, year_be=year_be, number=number
    )


def b1_acknowledgement() -> Meeting:
    return Meeting.objects.get(committee__kind=CommitteeKind.STEERING, number__isnull=True)


def announcement(client, meeting):
    return client.get(reverse("registry:announcement", args=[meeting.pk]))


@pytest.fixture
def replayed(batch_b2_evaluated, secretariat_user):  # noqa: F811
    """Meeting 1/2565 run on the platform: the sub-committee approves the fifteen B2
    proposals, the steering committee acknowledges them on 9 November 2022."""
    sub = meeting_in_session(
        secretariat_user, CommitteeKind.SUB_COMMITTEE, held_on=SUB_COMMITTEE_DAY
    )
    decide(sub, batch_b2_evaluated, Outcome.APPROVE, secretariat_user)
    meeting = meeting_in_session(secretariat_user, CommitteeKind.STEERING, held_on=STEERING_DAY)
    decide(meeting, batch_b2_evaluated, Outcome.ACKNOWLEDGE, secretariat_user)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.RELEASED
    return meeting


# The replayed meeting -----------------------------------------------------------------


def test_replayed_meeting_1_2565_reads_as_the_programme_announced_it(anonymous, replayed):
    response = announcement(english(anonymous), replayed)

    assert response.status_code == 200
    headline = response.text.split('data-testid="headline">')[1].split("</h1>")[0]
    assert headline == HEADLINE_1_2565
    listed = re.findall(
        r'data-testid="announced-area"><a href="/areas/(\d+)/">([^<]+)</a> · <a [^>]+>([^<]+)</a>',
        response.text,
    )
    assert len(listed) == 15
    korat = CertifiedArea.objects.get(name_en="Korat Smart City")
    assert (str(korat.pk), "Korat Smart City", "Nakhon Ratchasima") in listed
    assert len({province for _pk, _name, province in listed}) == 14
    assert "In 14 provinces" in text(response.text)


def test_replayed_announcement_sums_what_was_declared_and_says_by_how_many(anonymous, replayed):
    html = english(anonymous).get(reverse("registry:announcement", args=[replayed.pk])).text

    def cell(testid):
        return text(html.split(f'data-testid="{testid}">')[1].split("</td>")[0]).strip()

    # Each B2 proposal declared 60,000 people and 250 million baht; B1 declared nothing.
    assert cell("batch-population") == "900,000 declared by 15 of 15 areas"
    assert cell("population") == "900,000 declared by 15 of 30 areas"
    assert cell("batch-investment") == "3,750.0 million baht declared by 15 of 15 areas"
    assert cell("investment") == "3,750.0 million baht declared by 15 of 30 areas"


def test_replayed_announcement_in_thai(anonymous, replayed):
    html = announcement(anonymous, replayed).text

    assert "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ" in html
    assert "1/2565" in html
    assert "9 พฤศจิกายน 2565" in html
    assert "โคราชเมืองอัจฉริยะ" in html
    assert "นครราชสีมา" in html


def test_announcement_list_has_the_replayed_meeting_and_the_b1_acknowledgement(anonymous, replayed):
    response = english(anonymous).get(reverse("registry:announcements"))

    meetings = list(response.context["meetings"])
    assert meetings == [replayed, b1_acknowledgement()]  # newest first
    page = text(response.text)
    assert "meeting 1/2565 (9 November 2022)" in page
    assert "15 areas certified · 14 provinces" in page
    assert "(November 2021)" in page


# The public record ----------------------------------------------------------------------


def test_meeting_1_2565_on_record_lists_15_areas_in_14_provinces_and_totals_30_in_23(
    anonymous, programme_data
):
    response = announcement(english(anonymous), steering())

    assert response.status_code == 200
    news = response.context["news"]
    assert (len(news.areas), news.provinces) == (15, 14)
    assert (news.figures.areas, news.figures.provinces) == (30, 23)
    assert HEADLINE_1_2565 in text(response.text)
    assert response.text.count('data-testid="announced-area"') == 15


def test_totals_never_declared_read_not_reported_never_zero(anonymous, programme_data):
    html = announcement(english(anonymous), steering()).text

    for testid in ["batch-population", "population", "batch-investment", "investment"]:
        cell = text(html.split(f'data-testid="{testid}">')[1].split("</td>")[0]).strip()
        assert cell == "not reported", testid


def test_the_b1_acknowledgement_has_no_number_and_shows_its_month(anonymous, programme_data):
    meeting = b1_acknowledgement()
    assert meeting.status == MeetingStatus.HISTORICAL

    response = announcement(english(anonymous), meeting)

    assert response.status_code == 200
    page = text(response.text)
    assert "Smart City Development Steering Committee (November 2021): 15 areas in " in page
    assert "more areas" not in page.split("certified;")[0]  # the programme's first batch
    assert response.text.count('data-testid="announced-area"') == 15


def test_the_b1_acknowledgement_in_thai_shows_the_buddhist_era_month(anonymous, programme_data):
    html = announcement(anonymous, b1_acknowledgement()).text
    assert "(พฤศจิกายน 2564)" in html


def test_announcement_list_of_the_public_record(anonymous, programme_data):
    response = anonymous.get(reverse("registry:announcements"))

    assert response.status_code == 200
    assert list(response.context["meetings"]) == [steering(), b1_acknowledgement()]
    assert [(m.n_areas, m.n_provinces) for m in response.context["meetings"]] == [
        (15, 14),
        (15, 11),
    ]


def test_announcement_links_the_pdfs_only_when_they_exist(anonymous, programme_data):
    html = announcement(anonymous, steering()).text
    try:
        reverse("registry:announcement_pdf", kwargs={"pk": steering().pk, "lang": "th"})
        exists = True
    except NoReverseMatch:
        exists = False
    assert ('data-testid="announcement-pdfs"' in html) == exists


@pytest.mark.parametrize("persona", ["anonymous", "secretariat", "admin"])
def test_announcement_pages_are_public(request, programme_data, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("registry:announcements")).status_code == 200
    assert announcement(client, steering()).status_code == 200


def test_announcement_pages_refuse_post(anonymous, programme_data):
    assert anonymous.post(reverse("registry:announcements")).status_code == 405
    url = reverse("registry:announcement", args=[steering().pk])
    assert anonymous.post(url).status_code == 405


def test_a_sub_committee_meeting_has_no_announcement(anonymous, programme_data):
    sub = Meeting.objects.filter(committee__kind=CommitteeKind.SUB_COMMITTEE).first()
    assert announcement(anonymous, sub).status_code == 404


def test_a_steering_meeting_not_yet_released_has_no_announcement(anonymous, secretariat_user):
    meeting = meeting_in_session(secretariat_user, CommitteeKind.STEERING)
    assert announcement(anonymous, meeting).status_code == 404


@pytest.mark.parametrize("path", ["/announcements/999999/", "/announcements/abc/"])
def test_bad_announcement_identifiers_are_404(anonymous, path):
    assert anonymous.get(path).status_code == 404


def test_announcement_list_without_any_says_so(anonymous):
    response = english(anonymous).get(reverse("registry:announcements"))
    assert "No announcement yet." in response.text
