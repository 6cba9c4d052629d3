import csv
import io
import json

import pytest
from django.urls import reverse

from smartcity.certification.models import CertifiedArea

PUBLIC_PAGES = [
    ("registry:home", []),
    ("registry:area_list", []),
    ("registry:map", []),
    ("registry:map_geojson", []),
    ("registry:export_csv", []),
    ("registry:export_geojson", []),
    ("registry:province_detail", ["65"]),
]


@pytest.fixture
def korat(programme_data):
    return CertifiedArea.objects.get(name_en="Korat Smart City")


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
@pytest.mark.parametrize("persona", ["anonymous", "secretariat", "admin"])
@pytest.mark.django_db
def test_public_pages_work_for_every_persona(request, programme_data, persona, name, args):
    client = request.getfixturevalue(persona)
    response = client.get(reverse(name, args=args))
    response.close()  # a download streams its kept file: closed as a server closes it

    assert response.status_code == 200


@pytest.mark.django_db
def test_area_page_works_without_login(anonymous, korat):
    response = anonymous.get(reverse("registry:area_detail", args=[korat.pk]))
    assert response.status_code == 200
    assert "โคราชเมืองอัจฉริยะ" in response.text


@pytest.mark.parametrize(("name", "args"), [*PUBLIC_PAGES, ("registry:area_detail", [1])])
@pytest.mark.django_db
def test_public_pages_refuse_post(anonymous, programme_data, name, args):
    assert anonymous.post(reverse(name, args=args)).status_code == 405


@pytest.mark.parametrize(
    "path",
    ["/areas/999999/", "/areas/abc/", "/areas/-1/", "/provinces/99/", "/provinces/%3Cscript%3E/"],
)
@pytest.mark.django_db
def test_bad_identifiers_are_404(anonymous, programme_data, path):
    assert anonymous.get(path).status_code == 404


@pytest.mark.django_db
def test_home_reads_30_areas_in_23_provinces_in_thai(anonymous, programme_data):
    response = anonymous.get("/")
    html = response.text

    assert response.headers["Content-Language"] == "th"
    assert '<span class="number">30</span>' in html
    assert '<span class="number">23</span>' in html
    assert "ไม่มีการรายงาน" in html  # population and investment were never published


@pytest.mark.django_db
def test_home_as_of_a_past_date_reads_15_areas_in_11_provinces(anonymous, programme_data):
    html = anonymous.get("/", {"as_of": "2022-11-08"}).text

    assert '<span class="number">15</span>' in html
    assert '<span class="number">11</span>' in html
    assert "8 พฤศจิกายน 2565" in html


@pytest.mark.django_db
def test_home_as_of_accepts_a_buddhist_era_date(anonymous, programme_data):
    html = anonymous.get("/", {"as_of": "8/11/2565"}).text
    assert '<span class="number">15</span>' in html


@pytest.mark.django_db
def test_home_with_an_unreadable_date_explains_and_shows_today(anonymous, programme_data):
    response = anonymous.get("/", {"as_of": "<b>soon</b>"})

    assert response.status_code == 200
    assert '<span class="number">30</span>' in response.text
    assert "<b>soon</b>" not in response.text
    assert response.context["form"].errors["as_of"]


@pytest.mark.django_db
def test_language_switch_shows_english_and_keeps_the_page(anonymous, programme_data):
    response = anonymous.post(reverse("set_language"), {"language": "en", "next": "/areas/"})
    page = anonymous.get("/areas/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/areas/"
    assert page.headers["Content-Language"] == "en"
    assert "30 areas certified as of" in page.text
    assert "Korat Smart City" in page.text


@pytest.mark.django_db
def test_registry_search_escapes_hostile_text(anonymous, programme_data):
    response = anonymous.get("/areas/", {"q": '<script>alert("x")</script>'})

    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.django_db
def test_registry_search_lists_both_phitsanulok_areas(anonymous, programme_data):
    response = anonymous.get("/areas/", {"q": "พิษณุโลก"})

    assert response.context["page"].paginator.count == 2
    assert response.text.count('data-testid="area-row"') == 2


@pytest.mark.django_db
def test_registry_ignores_an_invalid_filter_value_but_keeps_the_others(anonymous, programme_data):
    response = anonymous.get("/areas/", {"region": "atlantis", "batch": "B1"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 15


@pytest.mark.django_db
def test_registry_page_number_out_of_range_shows_the_last_page(anonymous, programme_data):
    response = anonymous.get("/areas/", {"page": "9999"})
    assert response.context["page"].number == 1


@pytest.mark.django_db
def test_htmx_request_returns_only_the_results(anonymous, programme_data):
    response = anonymous.get("/areas/", {"q": "พิษณุโลก"}, headers={"HX-Request": "true"})

    assert "<html" not in response.text
    assert response.text.count('data-testid="area-row"') == 2


@pytest.mark.django_db
def test_area_page_shows_unknowns_honestly(anonymous, programme_data):
    area = CertifiedArea.objects.get(name_en="Saen Suk Smart City")
    html = anonymous.get(reverse("registry:area_detail", args=[area.pk])).text

    assert "อนุมาน" in html  # the record is inferred, and says so
    assert html.count("ไม่มีการรายงาน") >= 2  # population and investment
    assert "30 พฤศจิกายน 2564" in html  # B1 certified at the end of Nov 2021


@pytest.mark.django_db
def test_province_page_lists_its_areas(anonymous, programme_data):
    html = anonymous.get(reverse("registry:province_detail", args=["65"])).text

    assert "พิษณุโลก" in html
    assert html.count('data-testid="area-row"') == 2


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.mark.django_db
def test_csv_export_has_every_area_with_unknowns_left_empty(anonymous, programme_data):
    response = anonymous.get(reverse("registry:export_csv"))
    rows = read_csv(response)

    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    assert len(rows) == 30
    korat = next(r for r in rows if r["name_en"] == "Korat Smart City")
    assert korat["name_th"] == "โคราชเมืองอัจฉริยะ"
    assert korat["province_iso"] == "TH-30"
    assert korat["domains"] == "economy energy environment governance living mobility people"
    assert (korat["population_served"], korat["expected_investment_baht"]) == ("", "")


@pytest.mark.django_db
def test_csv_export_keeps_typed_formulas_from_being_computed(anonymous, programme_data):
    CertifiedArea.objects.filter(name_en="Korat Smart City").update(
        name_th='=HYPERLINK("http://attacker.example","คลิก")',
        name_en="+1",
        note="@SUM(A1:A9)\r\nบรรทัดที่สอง",
        population_served=120000,
    )

    rows = read_csv(anonymous.get(reverse("registry:export_csv")))

    korat = next(r for r in rows if r["province_iso"] == "TH-30" and r["name_en"] == "'+1")
    assert (korat["name_th"], korat["note"]) == (
        '\'=HYPERLINK("http://attacker.example","คลิก")',
        "'@SUM(A1:A9)\r\nบรรทัดที่สอง",
    )
    assert korat["population_served"] == "120000"  # a number is a value
    assert len(rows) == 30  # the line break stayed inside its cell


@pytest.mark.django_db
def test_csv_export_follows_the_filters(anonymous, programme_data):
    rows = read_csv(anonymous.get(reverse("registry:export_csv"), {"q": "พิษณุโลก"}))
    assert sorted(r["province_code"] for r in rows) == ["65", "65"]


@pytest.mark.django_db
def test_geojson_export_is_a_feature_collection_of_points(anonymous, programme_data):
    response = anonymous.get(reverse("registry:export_geojson"), {"as_of": "2022-11-08"})
    body = json.loads(b"".join(response.streaming_content))

    assert response.headers["Content-Type"].startswith("application/geo+json")
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 15
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["location_precision"] == "province"
    assert feature["properties"]["population_served"] is None


@pytest.mark.django_db
def test_map_layer_counts_areas_per_province(anonymous, programme_data):
    body = json.loads(anonymous.get(reverse("registry:map_geojson")).content)
    counts = {f["properties"]["code"]: f["properties"]["areas"] for f in body["features"]}

    assert len(body["features"]) == 77
    assert sum(counts.values()) == 30
    assert sum(1 for n in counts.values() if n) == 23
    assert (counts["10"], counts["65"], counts["47"]) == (4, 2, 0)
    assert body["features"][0]["properties"]["url"] == reverse(
        "registry:province_detail", args=["10"]
    )


@pytest.mark.django_db
def test_healthz_reports_ok(anonymous):
    assert anonymous.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_admin_needs_a_login(anonymous):
    response = anonymous.get("/admin/")
    assert (response.status_code, response.headers["Location"].startswith("/admin/login/")) == (
        302,
        True,
    )
