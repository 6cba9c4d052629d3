import pytest

from smartcity.network.models import NetworkCity
from smartcity.network.services import import_network_cities


@pytest.mark.django_db
def test_network_import_links_nominations_to_the_steering_meeting(programme_data):
    nominated = NetworkCity.objects.filter(status="nominated").select_related("deciding_meeting")
    assert sorted(c.name_en for c in NetworkCity.objects.filter(status="member")) == [
        "Bangkok",
        "Chon Buri",
        "Phuket",
    ]
    assert sorted(c.name_en for c in nominated) == [
        "Chachoengsao",
        "Chiang Mai",
        "Khon Kaen",
        "Rayong",
    ]
    assert {c.deciding_meeting.reference for c in nominated} == {"1/2565"}


@pytest.mark.django_db
def test_network_import_is_idempotent(programme_data):
    assert import_network_cities() == (0, 0)
    assert NetworkCity.objects.count() == 7


@pytest.mark.django_db
def test_the_home_page_marks_members_apart_from_nominated_cities(client, programme_data):
    page = client.get("/").content.decode()
    network = page[page.index("เครือข่ายเมืองอัจฉริยะอาเซียน") :].split("</ul>")[0]
    badges = {}
    for line in network.split("<li>")[1:]:
        name = line.split("</a>")[0].rsplit(">", 1)[1]
        badges[name] = "badge-ok" if "badge badge-ok" in line else "badge-muted"
    assert badges["ภูเก็ต"] == "badge-ok"
    assert badges["ระยอง"] == "badge-muted"
    assert sorted(n for n, b in badges.items() if b == "badge-ok") == sorted(
        c.name_th for c in NetworkCity.objects.all() if c.is_member
    )
