"""Every public list page and export runs the same number of queries at two data sizes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.certification.factories import CertifiedAreaFactory

PAGES = [
    ("registry:home", {}),
    ("registry:area_list", {}),
    ("registry:area_list", {"q": "เมือง", "sort": "province"}),
    ("registry:area_list", {"domain": "mobility", "region": "northeast"}),
    ("registry:map", {}),
    ("registry:map_geojson", {}),
    ("registry:export_csv", {}),
    ("registry:export_geojson", {}),
    ("registry:province_detail", {}),
]


def count_queries(client, name, params) -> int:
    args = ["65"] if name == "registry:province_detail" else []
    # The rendering is measured here, not the kept page (tests/registry/test_public_cache.py).
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=args), params)
        if response.streaming:  # exports query while they stream, 500 rows a batch
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def grow(extra: int) -> None:
    for i in range(extra):
        CertifiedAreaFactory(domains=["mobility", "living"] if i % 2 else ["energy"])


@pytest.mark.parametrize(("name", "params"), PAGES)
@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(anonymous, programme_data, name, params):
    anonymous.get("/")  # session and language set-up happen once, outside the measure
    small = count_queries(anonymous, name, params)

    grow(80)
    large = count_queries(anonymous, name, params)

    assert large == small
    assert small <= 10
