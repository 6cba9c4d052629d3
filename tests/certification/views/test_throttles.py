"""The public verification and the certificate PDF cannot be hammered by one client:
beyond the configured rate it gets a 429 (a page in its language, or JSON), with
Retry-After; other clients carry on. The PDF is rendered once per certificate version."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from smartcity.certification.enums import CertificateStatus
from smartcity.certification.services.status import transition_certificate
from tests.certification.views.certificates import DECIDED_ON, certificate, deciding_meeting
from tests.documents.pdftext import Reader

pytestmark = pytest.mark.django_db


# Windows start on multiples of their length: one this long does not end mid-test.
FOREVER = 10**9


@pytest.fixture
def tight(settings):
    """Three requests per window for every public scope."""
    settings.SMARTCITY_THROTTLES = {
        **settings.SMARTCITY_THROTTLES,
        "verify": (3, FOREVER),
        "pdf": (3, FOREVER),
        "search": (3, FOREVER),
    }


def statuses(client, url, times, **headers):
    """The status of each of `times` requests; each response read to its end, as a server
    reads it (a kept PDF is an open file until then). The test client closes a streamed
    response once its content is consumed; calling close() by hand would also fire
    request_finished, which closes the test's database connection on PostgreSQL."""
    codes = []
    for _ in range(times):
        response = client.get(url, headers=headers)
        if response.streaming:
            b"".join(response.streaming_content)
        codes.append(response.status_code)
    return codes


def test_the_verify_page_answers_429_in_thai_after_the_rate(tight):
    held = certificate()
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("certification:verify", args=[held.number])

    assert statuses(client, url, 3) == [200] * 3
    response = client.get(url)

    assert response.status_code == 429
    assert "คำขอจากที่อยู่ของคุณมากเกินไป" in response.text
    assert 0 < int(response["Retry-After"]) <= FOREVER


def test_the_verify_page_answers_429_in_english_to_an_english_reader(tight):
    held = certificate()
    client = Client(REMOTE_ADDR="203.0.113.9", headers={"accept-language": "en"})
    url = reverse("certification:verify", args=[held.number])

    statuses(client, url, 3)
    response = client.get(url)

    assert response.status_code == 429
    assert "Too many requests from your address" in response.text


def test_the_verify_json_answers_429_as_json_readable_by_other_sites(tight):
    held = certificate()
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("certification:verify_json", args=[held.number])

    statuses(client, url, 3)
    response = client.get(url)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    assert body["error"] == "too_many_requests"
    assert body["retry_after"] == int(response["Retry-After"])


def test_the_page_and_the_json_and_the_search_share_one_allowance(tight):
    held = certificate()
    client = Client(REMOTE_ADDR="203.0.113.9")

    codes = [
        client.get(reverse("certification:verify", args=[held.number])).status_code,
        client.get(reverse("certification:verify_json", args=[held.number])).status_code,
        client.get(reverse("certification:verify_search"), {"number": "x"}).status_code,
        client.get(reverse("certification:verify_json", args=[held.number])).status_code,
    ]

    assert codes == [200, 200, 200, 429]


def test_one_client_over_the_rate_does_not_stop_another(tight):
    held = certificate()
    url = reverse("certification:verify", args=[held.number])
    statuses(Client(REMOTE_ADDR="203.0.113.9"), url, 4)

    assert Client(REMOTE_ADDR="198.51.100.4").get(url).status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(tight, settings):
    settings.SMARTCITY_TRUST_X_FORWARDED_FOR = True
    held = certificate()
    url = reverse("certification:verify", args=[held.number])
    proxy = Client(REMOTE_ADDR="10.0.0.2")

    first = statuses(proxy, url, 4, **{"x-forwarded-for": "203.0.113.9"})
    second = proxy.get(url, headers={"x-forwarded-for": "198.51.100.4"})

    assert first == [200, 200, 200, 429]
    assert second.status_code == 200


def test_the_certificate_pdf_answers_429_after_the_rate(tight):
    held = certificate()
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("certification:certificate_pdf", args=[held.number])

    assert statuses(client, url, 4) == [200, 200, 200, 429]


# The PDF is drawn once per version


def test_the_certificate_pdf_is_drawn_once_per_version(drawn):
    held = certificate()
    area = held.area
    url = reverse("certification:certificate_pdf", args=[held.number])
    client = Client()
    first = client.get(url).getvalue()
    kept = client.get(url).getvalue()

    # The version is what the page shows, however the change was made.
    type(area).objects.filter(pk=area.pk).update(name_en="Renamed Without A Trace")
    fresh = Reader(client.get(url).getvalue())

    assert kept == first
    assert len(drawn) == 2
    assert "Renamed Without A Trace" in fresh


def test_a_suspension_gives_a_fresh_pdf_that_says_so(secretariat_user):
    held = certificate()
    url = reverse("certification:certificate_pdf", args=[held.number])
    client = Client(headers={"accept-language": "en"})
    before = Reader(client.get(url).getvalue())

    transition_certificate(
        certificate=held,
        to_status=CertificateStatus.SUSPENDED,
        reason="ไม่ส่งรายงานความก้าวหน้าตามกำหนด",
        meeting=deciding_meeting(),
        on=DECIDED_ON,
        by=secretariat_user,
    )
    after = Reader(client.get(url).getvalue())

    assert "SUSPENDED" not in before
    assert "SUSPENDED" in after
