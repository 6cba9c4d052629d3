"""Every API list runs the same number of queries at two data sizes, in each format."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.geo.models import Province
from smartcity.network.enums import NetworkStatus
from smartcity.network.models import NetworkCity
from tests.api.helpers import body
from tests.certification.factories import CertifiedAreaFactory, MeetingFactory

LISTS = [
    "/api/v1/areas/",
    "/api/v1/areas/?q=เมือง&ordering=province",
    "/api/v1/areas/?domain=mobility&region=northeast",
    "/api/v1/provinces/",
    "/api/v1/provinces.geojson",
    "/api/v1/regions/",
    "/api/v1/meetings/",
    "/api/v1/network-cities/",
    "/api/v1/figures/",
]
FORMATS = ["", "format=csv", "format=geojson"]


def count_queries(client, path) -> int:
    cache.clear()  # the figures are kept between requests: measure their computing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        body(response)  # a stream queries while it is read
    assert response.status_code == 200, path
    return len(queries)


def grow(extra: int) -> None:
    for i in range(extra):
        area = CertifiedAreaFactory(
            domains=["mobility", "living"] if i % 2 else ["energy"],
            acknowledging_meeting=MeetingFactory(
                committee__kind=CommitteeKind.STEERING, status=MeetingStatus.RELEASED
            ),
        )
        NetworkCity.objects.create(
            name_th=f"เมือง {i}",
            name_en=f"City {i}",
            province=area.province,
            status=NetworkStatus.NOMINATED,
            since_year=2024,
            deciding_meeting=area.certificate.acknowledging_meeting,
        )


def _with(path: str, query: str) -> str:
    if not query or path.endswith(".geojson") or path.endswith("figures/"):
        return path
    return f"{path}{'&' if '?' in path else '?'}{query}"


# Each list in each of its formats, once (the map file and the figures have one).
CASES = list(dict.fromkeys(_with(path, query) for path in LISTS for query in FORMATS))


@pytest.mark.django_db
@pytest.mark.parametrize("url", CASES)
def test_query_count_does_not_grow_with_the_data(anonymous, programme_data, url):
    small = count_queries(anonymous, url)

    grow(60)
    large = count_queries(anonymous, url)

    assert large == small
    assert small <= 12
    assert Province.objects.count() == 77
