"""In Thai: the secretariat builds the sub-committee's agenda, records the resolution and
releases it; the steering committee acknowledges; the certificate PDF downloads, and the
address under its QR code opens the verification page, which says the certificate is in
force ("มีผล")."""

import re
import subprocess

import pytest
from django.conf import settings
from playwright.sync_api import expect

from smartcity.accounts.models import User
from smartcity.certification.models import Certificate
from smartcity.committee.enums import CommitteeKind
from smartcity.geo.services import load_geography
from smartcity.proposals.enums import ProposalState
from tests.browser.helpers import ARTIFACTS, thai_context
from tests.committee.factories import committee, evaluated
from tests.proposals.factories import rolling_call

PASSWORD = "Meeting-Round-2569"


@pytest.fixture
def ready(transactional_db, live_server, monkeypatch):
    load_geography()
    rolling_call()
    # The QR code and the address printed under it point at this live server.
    monkeypatch.setitem(settings.SMARTCITY, "SITE_URL", live_server.url)
    officer = User.objects.create_user(
        email="meetings@depa.example",
        password=PASSWORD,
        full_name="เจ้าหน้าที่ฝ่ายเลขานุการ",
        is_secretariat=True,
    )
    committee(CommitteeKind.SUB_COMMITTEE)
    committee(CommitteeKind.STEERING)
    return officer, evaluated(officer)


def _schedule(page, committee_name: str, day: str) -> None:
    page.get_by_test_id("nav-meetings").click()
    page.get_by_test_id("schedule-link").click()
    page.select_option("select[name=committee]", label=committee_name)
    page.fill("input[name=held_on]", day)
    page.fill("input[name=place]", "ห้องประชุม ชั้น 6 อาคารดีป้า")
    page.get_by_test_id("schedule").click()
    expect(page.get_by_test_id("meeting-reference")).to_contain_text("1/2569")


def _hold(page, proposal, outcome: str) -> None:
    """Everyone present, the proposal on the agenda, the meeting opened, the resolution
    recorded, the meeting closed and its results released."""
    for select in page.get_by_test_id("attendance").locator("select").all():
        select.select_option("present")
    page.get_by_test_id("save-attendance").click()
    expect(page.get_by_test_id("quorum-reached")).to_be_visible()
    page.get_by_test_id(f"add-proposal-{proposal.pk}").click()
    expect(page.get_by_test_id("item-title")).to_contain_text(proposal.name_th)
    page.get_by_test_id("action-open").click()
    form = page.get_by_test_id("resolution-form")
    form.locator(f"input[name$=outcome][value={outcome}]").check()
    form.get_by_test_id("record-resolution").click()
    expect(page.get_by_test_id("resolution-pending")).to_be_visible()
    page.get_by_test_id("action-close").click()
    page.get_by_test_id("release-confirm").check()
    page.get_by_test_id("release-submit").click()
    expect(page.get_by_test_id("resolution-released")).to_be_visible()


def test_from_agenda_to_a_verified_certificate(ready, browser, live_server, tmp_path):
    officer, proposal = ready
    context = thai_context(browser, live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", officer.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The sub-committee approves, for the domains the proposal covers.
    _schedule(page, "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ", "20/11/2569")
    _hold(page, proposal, "approve")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "committee-sub-committee-released.png"), full_page=True)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.APPROVED

    # The steering committee acknowledges: the area is certified.
    _schedule(page, "คณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ", "21/11/2569")
    _hold(page, proposal, "acknowledge")
    page.screenshot(path=str(ARTIFACTS / "committee-steering-released.png"), full_page=True)
    number = Certificate.objects.get(proposal=proposal).number
    assert re.fullmatch(r"SCT-2569-\d{3}", number)

    # The certificate PDF downloads from the verification page.
    page.goto(f"/verify/{number}/")
    href = page.get_by_test_id("certificate-pdf").get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.body())
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert number in text

    # The QR code's address, printed under it, opens the verification page: in force.
    found = re.search(r"(http://\S+/verify/\S+?/)", text.replace("\n", ""))
    assert found, text
    assert found.group(1).startswith(live_server.url)
    visitor = thai_context(browser)
    public = visitor.new_page()
    public.goto(found.group(1))
    expect(public.get_by_test_id("certificate-number")).to_contain_text(number)
    expect(public.get_by_test_id("status")).to_contain_text("มีผล")
    public.screenshot(path=str(ARTIFACTS / "committee-verification.png"), full_page=True)
    visitor.close()
    context.close()
