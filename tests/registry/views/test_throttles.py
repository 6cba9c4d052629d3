"""The registry's search, exports and announcement PDFs answer 429 to one client beyond
the configured rate; other clients carry on."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


# Windows start on multiples of their length: one this long does not end mid-test.
FOREVER = 10**9


@pytest.fixture(autouse=True)
def tight(settings):
    settings.SMARTCITY_THROTTLES = {
        **settings.SMARTCITY_THROTTLES,
        "search": (3, FOREVER),
        "pdf": (3, FOREVER),
    }


def statuses(client, url, times, **params):
    return [client.get(url, params).status_code for _ in range(times)]


@pytest.mark.parametrize("name", ["registry:area_list", "registry:export_csv"])
def test_the_search_and_its_exports_answer_429_after_the_rate(name):
    client = Client(REMOTE_ADDR="203.0.113.9")

    # Four different searches: a search asked again is answered from the cache and costs
    # no allowance (tests/registry/test_public_cache.py); every download counts.
    codes = [client.get(reverse(name), {"q": q}).status_code
             for q in ["ขอนแก่น", "ภูเก็ต", "เชียงใหม่", "ยะลา"]]  # fmt: skip
    other = Client(REMOTE_ADDR="198.51.100.4").get(reverse(name))

    assert codes == [200, 200, 200, 429]
    assert other.status_code == 200


def test_a_search_typed_letter_by_letter_shares_one_allowance():
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("registry:area_list")

    codes = [client.get(url, {"q": q}, headers={"HX-Request": "true"}).status_code
             for q in ["ข", "ขอ", "ขอน", "ขอนแ"]]  # fmt: skip

    assert codes == [200, 200, 200, 429]


def test_announcement_pdfs_answer_429_after_the_rate():
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("registry:announcement_pdf", kwargs={"pk": 999999, "lang": "th"})

    assert statuses(client, url, 4) == [404, 404, 404, 429]


def test_the_overview_is_not_throttled():
    client = Client(REMOTE_ADDR="203.0.113.9")

    assert statuses(client, reverse("registry:home"), 5) == [200] * 5
