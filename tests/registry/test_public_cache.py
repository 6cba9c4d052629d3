"""Public pages are kept for anonymous readers (core.public_cache), and no kept page
survives a change: after every service that changes what the registry shows, the next
anonymous home page, list, area page and export show it, in Thai and in English, today
and as of a date. Conditional requests answer 304 until the version moves; a signed-in
reader is never answered from the anonymous cache."""

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.messages import INFO
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from smartcity.certification.enums import CertificateStatus, DisplayStatus
from smartcity.certification.history.reading import read
from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.batches import set_ceremony
from smartcity.certification.services.history import record_certified_areas
from smartcity.certification.services.issuing import certify
from smartcity.certification.services.status import transition_certificate
from smartcity.committee.enums import CommitteeKind, Outcome
from smartcity.committee.services.meetings import schedule_meeting
from smartcity.core import public_cache, versions
from tests.accounts.factories import UserFactory
from tests.certification.factories import (
    ROW_1,
    CertificateFactory,
    CertifiedAreaFactory,
    MeetingFactory,
    csv_text,
)
from tests.committee.factories import committee, evaluated, meeting_in_session
from tests.committee.replay import (  # noqa: F401 (fixtures)
    STEERING_DAY,
    SUB_COMMITTEE_DAY,
    batch_b1,
    batch_b2_evaluated,
)
from tests.committee.replay import decide as replay_decide

pytestmark = pytest.mark.django_db

KORAT = "Korat Smart City"
# A date after every change below takes effect (today, 2 December 2026 or later, is the
# other reading): "as of" pages are kept apart from today's.
AS_OF = dt.date(2026, 12, 1)
READINGS = [
    pytest.param("th", None, id="th-today"),
    pytest.param("en", None, id="en-today"),
    pytest.param("th", AS_OF, id="th-as-of"),
    pytest.param("en", AS_OF, id="en-as-of"),
]


def reader(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def text(client: Client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


class Pages:
    """The four public readings of the registry, for one reader and one date."""

    def __init__(self, language: str, as_of: dt.date | None):
        self.client = reader(language)
        self.language = language
        self.params = {"as_of": as_of.isoformat()} if as_of else {}

    def home(self) -> str:
        return text(self.client, reverse("registry:home"), self.params)

    def areas(self) -> str:
        return text(self.client, reverse("registry:area_list"), self.params)

    def area(self, area: CertifiedArea) -> str:
        return text(self.client, reverse("registry:area_detail", args=[area.pk]))

    def export(self) -> str:
        return text(self.client, reverse("registry:export_csv"), self.params)

    def all(self, area: CertifiedArea) -> list[str]:
        return [self.home(), self.areas(), self.area(area), self.export()]

    def name(self, area: CertifiedArea) -> str:
        """The area's name as the list shows it in the reader's language."""
        return area.name_th if self.language == "th" else area.name_en

    def label(self, status: str) -> str:
        with translation.override(self.language):
            return str(DisplayStatus(status).label)


def areas_figure(html: str) -> str:
    start = html.index('data-testid="figure-areas"')
    return html[start : html.index("</span>", start)].rsplit(">", 1)[1]


@pytest.fixture
def officer(db):
    return UserFactory(is_secretariat=True)


@pytest.fixture
def korat(programme_data):
    return CertifiedArea.objects.get(name_en=KORAT)


def certified(officer, day: dt.date):
    """A proposal certified by the steering committee's acknowledgement on `day`."""

    def meeting(kind, on):
        return schedule_meeting(committee=committee(kind), held_on=on, place="ดีป้า", by=officer)

    return certify(
        proposal=evaluated(officer),
        domains=["mobility"],
        approving_meeting=meeting(CommitteeKind.SUB_COMMITTEE, day - dt.timedelta(days=20)),
        acknowledging_meeting=meeting(CommitteeKind.STEERING, day),
        by=officer,
    )


def decide(korat, officer, to_status: str, on: dt.date):
    with transaction.atomic():
        transition_certificate(
            certificate=korat.certificates.get(),
            to_status=to_status,
            reason="ไม่ดำเนินการตามแผน",
            meeting=MeetingFactory(held_on=on - dt.timedelta(days=5), year_be=2569),
            on=on,
            by=officer,
        )


# --------------------------------------------------------------------------------------
# No stale page after a change
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "as_of"), READINGS)
def test_a_revocation_shows_on_every_page_at_once(korat, officer, language, as_of):
    pages = Pages(language, as_of)
    home, areas, area, export = pages.all(korat)  # kept now
    assert areas_figure(home) == "30"
    assert pages.name(korat) in areas and KORAT in export
    assert 'data-testid="revoked-notice"' not in area

    decide(korat, officer, CertificateStatus.REVOKED, on=dt.date(2026, 11, 30))

    home, areas, area, export = pages.all(korat)
    assert areas_figure(home) == "29"
    assert pages.name(korat) not in areas
    assert 'data-testid="revoked-notice"' in area
    assert KORAT not in export


@pytest.mark.parametrize(("language", "as_of"), READINGS)
def test_a_suspension_shows_on_the_area_page_and_in_the_export(korat, officer, language, as_of):
    pages = Pages(language, as_of)
    before_area, before_export = pages.area(korat), pages.export()
    assert pages.label(DisplayStatus.SUSPENDED) not in before_area
    assert ",active," in next(line for line in before_export.splitlines() if KORAT in line)

    decide(korat, officer, CertificateStatus.SUSPENDED, on=dt.date(2026, 11, 30))

    assert pages.label(DisplayStatus.SUSPENDED) in pages.area(korat)
    korat_line = next(line for line in pages.export().splitlines() if KORAT in line)
    assert ",suspended," in korat_line
    # A suspended area still holds its certification: still counted.
    assert areas_figure(pages.home()) == "30"


@pytest.mark.parametrize(("language", "as_of"), READINGS)
def test_a_certification_shows_on_every_page_at_once(programme_data, officer, language, as_of):
    pages = Pages(language, as_of)
    assert areas_figure(pages.home()) == "30"
    pages.areas(), pages.export()

    with transaction.atomic():
        certificate = certified(officer, day=dt.date(2026, 11, 20))
    area = certificate.area

    assert areas_figure(pages.home()) == "31"
    assert pages.name(area) in pages.areas()
    assert certificate.number in pages.area(area)
    assert certificate.number in pages.export()


@pytest.mark.parametrize(("language", "as_of"), READINGS)
def test_an_import_of_certified_areas_shows_on_every_page(korat, officer, language, as_of):
    pages = Pages(language, as_of)
    home, areas, _, export = pages.all(korat)
    assert "Sukhothai Smart City" not in export and areas_figure(home) == "30"
    assert "สุโขทัยเมืองอัจฉริยะ" not in areas and "Sukhothai Smart City" not in areas

    record_certified_areas(records=read(csv_text(ROW_1)).records, source="upload.csv", by=officer)

    assert areas_figure(pages.home()) == "31"
    sukhothai = CertifiedArea.objects.get(name_en="Sukhothai Smart City")
    assert "Sukhothai Smart City" in pages.export()
    assert sukhothai.certificates.get().number in pages.area(sukhothai)
    assert pages.name(sukhothai) in pages.areas()


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_relabelled_batch_shows_its_new_label_on_the_area_page(korat, officer, language):
    """An area certified before every other one joins the registry: the batches are
    relabelled (the earliest is B1), and Korat's page names its batch's new label."""
    pages = Pages(language, None)
    old_code = korat.batch.code
    assert f"· {_batch_word(language)} {old_code}<" in pages.area(korat)
    earliest = csv_text(ROW_1.replace("15/9/2563", "15/9/2560").replace("2/10/2563", "2/10/2560")
                        .replace("1/2563", "1/2560").replace("2/2563", "2/2560")
                        .replace("2/11/2563", "2/11/2560"))  # fmt: skip

    record_certified_areas(records=read(earliest).records, source="upload.csv", by=officer)

    korat.refresh_from_db()
    korat.batch.refresh_from_db()
    assert korat.batch.code != old_code
    assert f"· {_batch_word(language)} {korat.batch.code}<" in pages.area(korat)


def _batch_word(language: str) -> str:
    with translation.override(language):
        return translation.gettext("Batch")


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_logo_ceremony_shows_on_the_area_page(korat, officer, language):
    pages = Pages(language, None)
    before = pages.area(korat)

    set_ceremony(batch=korat.batch, on=dt.date(2026, 11, 25), by=officer)

    after = pages.area(korat)
    assert after != before
    assert ",2026-11-25," in next(line for line in pages.export().splitlines() if KORAT in line)


@pytest.mark.parametrize("language", ["th", "en"])
def test_a_second_term_shows_on_the_area_page(korat, language):
    """The renewal service is not written yet; the factory writes a second certificate
    and moves the version as that service will."""
    pages = Pages(language, None)
    pages.area(korat)

    CertificateFactory(
        area=korat,
        number="SCT-2569-777",
        certified_on=dt.date(2026, 11, 1),
        valid_from=dt.date(2026, 11, 1),
        valid_until=dt.date(2029, 10, 31),
    )

    assert "SCT-2569-777" in pages.area(korat)


def test_languages_and_dates_are_kept_apart(korat):
    thai, english = Pages("th", None), Pages("en", None)
    past = Pages("en", dt.date(2022, 11, 8))

    assert thai.home() != english.home()
    assert areas_figure(english.home()) == "30"
    assert areas_figure(past.home()) == "15"
    assert 'lang="th"' in thai.home() and 'lang="en"' in english.home()


def test_the_list_fragment_and_the_full_list_are_kept_apart(korat):
    client = Client()
    url = reverse("registry:area_list")

    page = text(client, url)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    again = text(client, url)

    assert "<html" in page and "<html" not in fragment and "<html" in again


# --------------------------------------------------------------------------------------
# Conditional requests
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/areas/",
        "/areas/export.csv",
        "/areas/export.geojson",
        "/map/provinces.geojson",
        "/announcements/",
    ],
)
def test_an_unchanged_version_answers_304_and_a_bump_200(programme_data, url):
    client = Client()
    first = client.get(url)
    if first.streaming:  # a kept export is an open file until read to its end
        b"".join(first.streaming_content)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    with transaction.atomic():
        versions.bump(versions.REGISTRY)
    again = client.get(url, headers={"If-None-Match": etag})
    if again.streaming:
        b"".join(again.streaming_content)
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_last_modified_is_not_before_todays_midnight():
    """A page's default date is today: its figures change at midnight with no write, so a
    copy from before midnight is never "not modified"."""
    today = dt.date(2026, 12, 2)
    midnight = timezone.make_aware(dt.datetime(2026, 12, 2))
    old = versions.Version("registry", 4, midnight - dt.timedelta(days=7))
    new = versions.Version("registry", 5, midnight + dt.timedelta(hours=9))

    assert public_cache.last_modified(old, today) == int(midnight.timestamp())
    assert public_cache.last_modified(new, today) == int(new.changed_at.timestamp())


def test_a_certificate_that_expires_tonight_leaves_the_pages_tomorrow(programme_data):
    """No write happens at midnight: the kept page of today is not tomorrow's."""
    today = timezone.localdate()
    CertifiedAreaFactory(certified_on=dt.date(2023, 6, 1), valid_until=today, domains=["energy"])
    client = Client()
    assert areas_figure(text(client, "/")) == "31"

    with mock.patch("django.utils.timezone.localdate", return_value=today + dt.timedelta(days=1)):
        tomorrow = client.get("/")

    assert areas_figure(tomorrow.content.decode()) == "30"


def test_the_etag_differs_by_language(programme_data):
    assert reader("th").get("/")["ETag"] != reader("en").get("/")["ETag"]


def test_a_304_and_a_kept_page_cost_no_search_allowance(programme_data, settings):
    settings.SMARTCITY_THROTTLES = {**settings.SMARTCITY_THROTTLES, "search": (2, 10**9)}
    client = Client(REMOTE_ADDR="203.0.113.9")
    export = client.get("/areas/export.csv")
    etag = export["ETag"]
    b"".join(export.streaming_content)

    codes = [client.get("/areas/export.csv", headers={"If-None-Match": etag}).status_code
             for _ in range(3)]  # fmt: skip
    kept = [client.get("/areas/", {"q": "ขอนแก่น"}).status_code for _ in range(3)]

    assert codes == [304, 304, 304]
    assert kept == [200, 200, 200]  # one search rendered, two answered from the cache
    assert client.get("/areas/export.csv").status_code == 429


# --------------------------------------------------------------------------------------
# Signed-in readers, tokens, messages
# --------------------------------------------------------------------------------------


def test_a_signed_in_reader_is_never_answered_from_the_anonymous_cache(korat, officer):
    anonymous = Client()
    assert 'data-testid="sign-in"' in text(anonymous, "/")

    signed_in = Client()
    signed_in.force_login(UserFactory())
    page = signed_in.get("/")

    assert 'data-testid="account-link"' in page.text
    assert 'data-testid="sign-in"' not in page.text
    assert "private" in page["Cache-Control"] and "public" not in page["Cache-Control"]
    assert not page.has_header("ETag")
    # ... and the anonymous page kept does not pick up the signed-in header either.
    assert 'data-testid="account-link"' not in text(anonymous, "/")


def test_a_signed_in_reader_sees_a_change_at_once(korat, officer):
    signed_in = Client()
    signed_in.force_login(UserFactory())
    assert areas_figure(signed_in.get("/").text) == "30"

    decide(korat, officer, CertificateStatus.REVOKED, on=dt.date(2026, 11, 30))

    assert areas_figure(signed_in.get("/").text) == "29"


def test_a_public_page_holds_no_csrf_token_and_the_language_switch_needs_none(programme_data):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/areas/")

    assert "csrfmiddlewaretoken" not in page.text
    assert settings.CSRF_COOKIE_NAME not in page.cookies
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/areas/"})
    assert switched.status_code == 302
    assert client.get("/areas/")["Content-Language"] == "en"


def test_a_page_with_a_message_for_its_reader_is_not_kept(programme_data):
    """A message shown once (after an action) makes the page its reader's: answered
    fresh, marked private, never kept for the next reader."""
    assert "ข้อความสำหรับคุณเท่านั้น" not in text(Client(), "/")  # kept now
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(INFO, "ข้อความสำหรับคุณเท่านั้น")
    carrier = HttpResponse()
    storage.update(carrier)
    client = Client()
    client.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value

    own = client.get("/")

    assert "ข้อความสำหรับคุณเท่านั้น" in own.text
    assert "private" in own["Cache-Control"]
    assert "ข้อความสำหรับคุณเท่านั้น" not in text(Client(), "/")


# --------------------------------------------------------------------------------------
# Cost
# --------------------------------------------------------------------------------------


def grow(extra: int) -> None:
    for i in range(extra):
        CertifiedAreaFactory(domains=["mobility"] if i % 2 else ["energy"])


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/areas/", "/announcements/"])
def test_a_kept_page_costs_one_query_whatever_the_data(programme_data, url):
    client = Client()
    client.get(url)
    small = queries_of(client, url)

    grow(60)
    client.get(url)  # the new version's page, rendered once
    large = queries_of(client, url)

    assert small == large == 1  # the version


def test_a_signed_in_home_page_reads_the_kept_figures(programme_data):
    client = Client()
    client.force_login(UserFactory())
    cache.clear()
    first = queries_of(client, "/")
    again = queries_of(client, "/")

    grow(40)
    client.get("/")
    large = queries_of(client, "/")

    assert again < first
    assert large == again


def test_a_released_steering_meeting_appears_in_the_announcements(
    batch_b2_evaluated,  # noqa: F811
    secretariat_user,
):
    client = reader("en")
    before = text(client, reverse("registry:announcements"))
    on_the_day = {"as_of": STEERING_DAY.isoformat()}
    assert areas_figure(text(client, "/", on_the_day)) == "15"  # batch 1, on record
    sub = meeting_in_session(
        secretariat_user, CommitteeKind.SUB_COMMITTEE, held_on=SUB_COMMITTEE_DAY
    )
    replay_decide(sub, batch_b2_evaluated, Outcome.APPROVE, secretariat_user)
    meeting = meeting_in_session(secretariat_user, CommitteeKind.STEERING, held_on=STEERING_DAY)
    replay_decide(meeting, batch_b2_evaluated, Outcome.ACKNOWLEDGE, secretariat_user)

    link = reverse("registry:announcement", args=[meeting.pk])
    assert link not in before
    assert link in text(client, reverse("registry:announcements"))
    assert areas_figure(text(client, "/", on_the_day)) == "30"
