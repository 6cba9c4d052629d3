"""A municipal officer registers, writes a proposal in Thai, and the secretariat screens it."""

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from smartcity.accounts.models import User
from smartcity.geo.services import load_geography
from smartcity.proposals.models import Proposal
from tests.browser.helpers import ARTIFACTS, thai_context
from tests.proposals.factories import SQUARE, rolling_call

PASSWORD = "Phitsanulok-Smart-2569"


@pytest.fixture
def programme(transactional_db):
    load_geography()
    rolling_call()
    User.objects.create_user(
        email="officer@depa.example",
        password=PASSWORD,
        full_name="เจ้าหน้าที่ตรวจสอบ",
        is_secretariat=True,
    )


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def wait_saved(page):
    expect(page.locator('#autosave-status [data-saved="true"]')).to_be_visible()


def save_section(page):
    with page.expect_navigation():
        page.locator("form.section-form button[name=save]").click()


def test_proposal_from_sign_up_to_evaluation_in_thai(
    page, browser, live_server, programme, screenshot
):
    # The municipal officer registers with a new organisation.
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "somchai@phitsanulok.example")
    page.fill("input[name=full_name]", "สมชาย ใจดี")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=organisation_name_th]", "เทศบาลนครพิษณุโลก")
    page.fill("input[name=organisation_name_en]", "Phitsanulok City Municipality")
    page.select_option("select[name=organisation_type]", "municipality")
    page.select_option("select[name=province]", label="พิษณุโลก")
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    page.get_by_test_id("nav-proposals").click()
    page.get_by_test_id("new-proposal").click()
    expect(page).to_have_url(re.compile(r"/proposals/\d+/edit/area/$"))

    # A draft saves itself as the officer types.
    page.fill("input[name=name_th]", "พิษณุโลกเมืองอัจฉริยะน่าอยู่")
    wait_saved(page)
    page.fill("input[name=name_en]", "Phitsanulok Livable Smart City")
    page.select_option("select[name=city_type]", "existing")
    page.fill("textarea[name=vision]", "เมืองน่าอยู่ ปลอดภัย และยั่งยืน สำหรับทุกคน")
    page.fill("textarea[name=goals]", "ลดการใช้พลังงานร้อยละ 20 ภายในปี 2570")
    page.fill("input[name=population_served]", "65000")
    # Provinces are ticked, not Ctrl-clicked; their districts appear as they are ticked.
    page.get_by_role("checkbox", name="พิษณุโลก", exact=True).check()
    page.get_by_role("checkbox", name="เมืองพิษณุโลก", exact=True).check()
    save_section(page)
    expect(page.get_by_role("checkbox", name="เมืองพิษณุโลก", exact=True)).to_be_checked()

    # The boundary file: its area and the province it touches are shown.
    page.set_input_files(
        "#id_boundary_file",
        files=[
            {
                "name": "ขอบเขต.geojson",
                "mimeType": "application/geo+json",
                "buffer": json.dumps(SQUARE).encode(),
            }
        ],
    )
    with page.expect_navigation():
        page.get_by_test_id("boundary-save").click()
    expect(page.get_by_test_id("boundary-summary")).to_contain_text("1.1")
    expect(page.get_by_test_id("boundary-province")).to_have_text(["พิษณุโลก"])
    screenshot("proposal-area-th")

    # Submitting too early lists what is missing.
    proposal = Proposal.objects.get()
    page.goto(f"/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("missing-item").first).to_be_visible()
    expect(page.get_by_test_id("proposal-state")).to_have_class(re.compile("state-draft"))
    screenshot("proposal-missing-th")

    # The other four sections.
    page.goto(f"/proposals/{proposal.pk}/edit/infrastructure/")
    page.fill("input[name='infrastructure_items-0-title']", "โครงข่ายเส้นใยแก้วนำแสง")
    page.fill("input[name='infrastructure_items-0-cost_baht']", "12000000")
    page.fill("input[name='infrastructure_items-0-year']", "2570")
    save_section(page)
    page.goto(f"/proposals/{proposal.pk}/edit/data/")
    page.fill("textarea[name=data_platform_design]", "แพลตฟอร์มข้อมูลเมืองแบบเปิด")
    page.fill("textarea[name=data_security]", "เข้ารหัสข้อมูลและควบคุมสิทธิ์การเข้าถึง")
    page.fill("textarea[name=personal_data_protection]", "เป็นไปตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล")
    page.fill("input[name='datasets-0-name']", "คุณภาพอากาศ")
    page.fill("input[name='datasets-0-provider']", "เทศบาลนครพิษณุโลก")
    page.select_option("select[name='datasets-0-openness']", "open")
    save_section(page)
    page.goto(f"/proposals/{proposal.pk}/edit/services/")
    for index, domain in enumerate(["mobility", "environment"]):
        page.fill(f"input[name='solutions-{index}-name']", f"บริการที่ {index + 1}")
        page.select_option(f"select[name='solutions-{index}-domain']", domain)
        page.fill(f"input[name='solutions-{index}-indicator']", "จำนวนผู้ใช้บริการ")
        page.fill(f"input[name='solutions-{index}-baseline']", "0")
        page.fill(f"input[name='solutions-{index}-target']", "10000")
        page.fill(f"input[name='solutions-{index}-target_year']", "2571")
        save_section(page)
    page.goto(f"/proposals/{proposal.pk}/edit/management/")
    page.fill("textarea[name=management_organisation]", "บริษัทพัฒนาเมืองพิษณุโลก จำกัด")
    page.fill("textarea[name=management_model]", "ความร่วมมือระหว่างรัฐและเอกชน")
    page.fill("textarea[name=investment_plan]", "ลงทุน 5 ปี")
    page.fill("input[name=expected_private_investment_baht]", "250000000")
    save_section(page)
    # Saved: the amount reads grouped, and no "text not saved" banner, now or on reload.
    expect(page.locator("input[name=expected_private_investment_baht]")).to_have_value(
        "250,000,000"
    )
    for _visit in ("saved", "reloaded"):
        page.wait_for_function(
            f"() => localStorage.getItem('smartcity:proposal-{proposal.pk}-management') === null"
        )
        expect(page.locator("form.section-form .restore")).to_be_hidden()
        page.reload()

    page.goto(f"/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("proposal-state")).to_have_class(re.compile("state-submitted"))

    # The secretariat returns it with the missing item named.
    officer = thai_context(browser, live_server.url)
    desk = officer.new_page()
    sign_in(desk, "officer@depa.example")
    desk.get_by_test_id("nav-queue").click()
    desk.get_by_role("link", name="พิษณุโลกเมืองอัจฉริยะน่าอยู่").click()
    with desk.expect_navigation():
        desk.get_by_test_id("start-screening").click()
    desk.check("input[name=outcome][value=return]")
    # Each criterion is named in Thai, with its own box for what is missing under it.
    expect(desk.get_by_test_id("criterion-title")).to_have_count(5)
    desk.fill("textarea[name=missing_management]", "แผนการลงทุนแยกรายปี")
    desk.fill("input[name=due_on]", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    with desk.expect_navigation():
        desk.get_by_test_id("screen").click()
    assert Proposal.objects.get().state == "returned"

    # The officer revises and resubmits; the secretariat sees what changed and passes it.
    page.goto(f"/proposals/{proposal.pk}/")
    expect(page.get_by_test_id("returned-notice")).to_contain_text("แผนการลงทุนแยกรายปี")
    page.goto(f"/proposals/{proposal.pk}/edit/management/")
    page.fill("textarea[name=investment_plan]", "ลงทุน 5 ปี แยกรายปี: 2570 50 ล้านบาท, 2571 50 ล้านบาท")
    save_section(page)
    page.goto(f"/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("proposal-state")).to_have_class(re.compile("state-resubmitted"))
    screenshot("proposal-resubmitted-th")

    desk.goto(f"/secretariat/proposals/{proposal.pk}/")
    expect(desk.get_by_test_id("change-investment_plan")).to_be_visible()
    with desk.expect_navigation():
        desk.get_by_test_id("start-screening").click()
    desk.check("input[name=outcome][value=pass]")
    with desk.expect_navigation():
        desk.get_by_test_id("screen").click()
    desk.goto(f"/secretariat/proposals/{proposal.pk}/")
    expect(desk.get_by_test_id("proposal-state")).to_have_class(re.compile("state-in_evaluation"))
    desk.screenshot(path=str(ARTIFACTS / "secretariat-review-th.png"), full_page=True)
    officer.close()
    assert Proposal.objects.get().versions.count() == 2
