"""The applicant's section forms as a person reads them: years in their era, amounts in
grouped baht, rules shown before submitting, provinces by name."""

import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smartcity.accounts.enums import MembershipRole
from smartcity.geo.models import Province
from smartcity.proposals.models import Proposal
from smartcity.proposals.services.submission import submit_proposal
from tests.accounts.factories import OrganisationFactory
from tests.proposals.factories import SQUARE, ProposalFactory, complete, member


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


def _upload_square(client, proposal):
    upload = SimpleUploadedFile(
        "area.geojson", json.dumps(SQUARE).encode(), content_type="application/geo+json"
    )
    return client.post(reverse("proposals:boundary", kwargs={"pk": proposal.pk}), {"file": upload})


def _area(proposal, **changes) -> dict:
    return {
        "revision": Proposal.objects.get(pk=proposal.pk).revision,
        "name_th": proposal.name_th,
        "name_en": proposal.name_en,
        "city_type": "existing",
        "vision": "",
        "goals": "",
        "population_served": "",
        **changes,
    }


def test_the_boundary_warning_goes_once_its_province_is_declared(editor, proposal):
    thai = client_for(editor)
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "area"})
    _upload_square(thai, proposal)
    before = thai.get(url).text

    thai.post(url, _area(proposal, provinces=[Province.objects.get(code="65").pk]))
    after = thai.get(url).text

    assert before.count('data-testid="boundary-warning"') == 1
    assert "ขอบเขตพื้นที่ครอบคลุมถึงจังหวัดพิษณุโลก ซึ่งไม่ได้ระบุไว้" in before
    assert 'data-testid="boundary-warning"' not in after
    assert '<span class="tag" data-testid="boundary-province">พิษณุโลก</span>' in after


def test_the_boundary_names_its_provinces_in_the_readers_language(editor, proposal):
    _upload_square(client_for(editor), proposal)

    page = (
        client_for(editor, "en")
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "area"}))
        .text
    )

    assert '<span class="tag" data-testid="boundary-province">Phitsanulok</span>' in page
    assert "The boundary reaches the province Phitsanulok, which is not declared." in page


def _management(proposal, amount: str) -> dict:
    return {
        "revision": Proposal.objects.get(pk=proposal.pk).revision,
        "management_organisation": "บริษัทพัฒนาเมือง จำกัด",
        "management_model": "ความร่วมมือรัฐและเอกชน",
        "investment_plan": "ลงทุน 5 ปี",
        "expected_private_investment_baht": amount,
        "save": "",
    }


def test_the_expected_investment_is_shown_in_grouped_baht(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"})
    thai = client_for(editor)

    thai.post(url, _management(proposal, "150000000"))
    page = thai.get(url).text

    assert Proposal.objects.get(pk=proposal.pk).expected_private_investment_baht == 150_000_000
    assert 'value="150,000,000"' in page
    assert "150000000" not in page


def test_the_secretariat_reads_the_expected_investment_in_grouped_baht(editor, secretariat):
    proposal = complete(ProposalFactory())
    proposal.expected_private_investment_baht = Decimal("150000000.00")
    proposal.save()
    submit_proposal(proposal=proposal, by=member(proposal.organisation))

    page = secretariat.get(reverse("proposals:review", args=[proposal.pk])).text

    assert "150,000,000 บาท" in page
    assert "5,000,000" in page  # the infrastructure item's cost
    assert "150000000" not in page


def test_a_full_save_tells_the_next_page_to_forget_the_browsers_copy(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"})
    thai = client_for(editor)
    data = _management(proposal, "150000000")
    del data["save"]

    response = thai.post(url, data | {"save_next": ""}, follow=True)
    again = thai.get(response.redirect_chain[-1][0]).text

    key = f"proposal-{proposal.pk}-management"
    assert f'data-autosave-confirmed="{key}"' in response.text
    assert 'data-autosave-confirmed=""' in again


@pytest.mark.parametrize(
    ("language", "shown", "hidden"), [("en", "Version 1", "ฉบับที่"), ("th", "ฉบับที่ 1", "Version")]
)
def test_the_timeline_names_the_version_in_the_readers_language(db, language, shown, hidden):
    proposal = complete(ProposalFactory())
    owner = member(proposal.organisation)
    submit_proposal(proposal=proposal, by=owner)

    page = client_for(owner, language).get(reverse("proposals:detail", args=[proposal.pk])).text

    timeline = page[page.index('data-testid="timeline"') :]
    assert f'data-testid="timeline-reference">{shown}</div>' in timeline
    assert hidden not in timeline.split("</ol>")[0]


def test_the_services_section_shows_the_criteria_sets_domain_rules(editor, proposal):
    criteria_set = proposal.call.criteria_set
    criteria_set.min_domains = 3
    criteria_set.required_domains = ["environment"]
    criteria_set.save()

    page = (
        client_for(editor)
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "services"}))
        .text
    )

    rules = [r.split(">", 1)[1].split("<", 1)[0] for r in page.split('data-testid="rule"')[1:]]
    assert rules == [
        "บริการเมืองอัจฉริยะอย่างน้อยหนึ่งบริการ พร้อมตัวชี้วัด ค่าฐาน และค่าเป้าหมาย",
        "บริการเมืองอัจฉริยะอย่างน้อย 3 ด้าน",
        "บริการเมืองอัจฉริยะในด้านที่กำหนด: สิ่งแวดล้อมอัจฉริยะ",
    ]


def test_a_field_the_submission_needs_says_so_before_submitting(editor, proposal):
    page = (
        client_for(editor, "en")
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "management"}))
        .text
    )

    field = re.search(r'<input[^>]*name="expected_private_investment_baht"[^>]*>', page).group()
    label = re.search(r'<label for="id_expected_private_investment_baht">.*?</label>', page)
    assert 'aria-required="true"' in field
    assert label.group() == (
        '<label for="id_expected_private_investment_baht">Expected private investment'
        ' <span class="required-mark">needed to submit</span></label>'
    )
    assert page.count('<span class="required-mark">needed to submit</span>') == 4


def test_the_rows_a_submission_needs_are_explained_above_the_table(editor, proposal):
    page = (
        client_for(editor, "en")
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "data"}))
        .text
    )

    assert '<li data-testid="rule">At least one dataset and who shares it</li>' in page


def _districts_url(proposal) -> str:
    return reverse("proposals:area_districts", kwargs={"pk": proposal.pk})


def _province(code: str) -> Province:
    return Province.objects.get(code=code)


def test_the_area_form_offers_provinces_as_checkboxes_grouped_by_region(editor, proposal):
    page = (
        client_for(editor)
        .get(reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "area"}))
        .text
    )

    assert "<select" not in page[page.index('id="field-provinces"') :].split("</fieldset>")[0]
    assert page.count('type="checkbox" name="provinces"') == 77
    assert "<legend>ภาคเหนือ</legend>" in page
    assert 'hx-get="' + _districts_url(proposal) + '"' in page


def test_the_districts_follow_the_provinces_ticked(editor, proposal):
    phitsanulok, bangkok = _province("65"), _province("10")
    kept = phitsanulok.districts.order_by("code").first()

    page = (
        client_for(editor)
        .get(
            _districts_url(proposal),
            {"provinces": [phitsanulok.pk, bangkok.pk], "districts": [kept.pk]},
        )
        .text
    )

    offered = page.count('type="checkbox" name="districts"')
    assert offered == phitsanulok.districts.count() + bangkok.districts.count()
    assert re.search(rf'value="{kept.pk}" id="[^"]+" checked', page)
    assert page.count(" checked") == 1
    assert "<legend>พิษณุโลก</legend>" in page and "<legend>กรุงเทพมหานคร</legend>" in page


def test_the_districts_endpoint_asks_the_same_queries_for_one_or_many_provinces(editor, proposal):
    client = client_for(editor)
    few = [_province("65").pk]
    many = list(Province.objects.values_list("pk", flat=True)[:20])
    counts = []
    for provinces in (few, many):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_districts_url(proposal), {"provinces": provinces})
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_districts_endpoint_is_not_found_for_an_outsider(proposal):
    outsider = member(OrganisationFactory())

    assert client_for(outsider).get(_districts_url(proposal)).status_code == 404


def test_the_districts_endpoint_reads_only(editor, proposal):
    assert client_for(editor).post(_districts_url(proposal)).status_code == 405


def test_unticking_a_province_drops_its_districts_when_saving(editor, proposal):
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "area"})
    phitsanulok, bangkok = _province("65"), _province("10")
    stale = phitsanulok.districts.first()
    kept = bangkok.districts.first()

    client_for(editor).post(
        url, _area(proposal, provinces=[bangkok.pk], districts=[stale.pk, kept.pk])
    )

    assert list(proposal.provinces.all()) == [bangkok]
    assert list(proposal.districts.all()) == [kept]


def test_a_section_with_rows_saves_with_its_empty_row_untouched(db):
    proposal = complete(ProposalFactory())
    thai = client_for(member(proposal.organisation))
    url = reverse("proposals:section", kwargs={"pk": proposal.pk, "section": "services"})
    page = thai.get(url).text
    # What the browser sends for the empty row's domain: the option shown first.
    offered = re.search(r'<select name="solutions-2-domain"[^>]*>\s*<option value="(\w*)"', page)
    data = {
        "revision": proposal.revision,
        "solutions-TOTAL_FORMS": "3",
        "solutions-INITIAL_FORMS": "2",
        "solutions-MIN_NUM_FORMS": "0",
        "solutions-MAX_NUM_FORMS": "1000",
        "solutions-2-domain": offered.group(1),
    }
    for index, solution in enumerate(proposal.solutions.order_by("position")):
        data |= {
            f"solutions-{index}-name": solution.name,
            f"solutions-{index}-domain": solution.domain,
            f"solutions-{index}-indicator": "ผู้ใช้บริการ",
            f"solutions-{index}-baseline": "0",
            f"solutions-{index}-target": "100",
            f"solutions-{index}-target_year": "2571",
        }

    response = thai.post(url, data)

    assert response.status_code == 302
    assert list(proposal.solutions.values_list("target_year", flat=True)) == [2028, 2028]
