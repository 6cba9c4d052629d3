"""axe-core, injected into each page in Chromium, finds no WCAG 2.1 A or AA violation on the
public pages and the main forms, in Thai. A failure prints every violation with its nodes."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from smartcity.certification.models import Certificate
from smartcity.certification.services.history import import_certified_areas
from smartcity.committee.services.agenda import add_information_item
from smartcity.geo.services import load_geography
from smartcity.network.services import import_network_cities
from smartcity.proposals.services.screening import start_screening
from smartcity.proposals.services.submission import submit_proposal
from smartcity.reviews.services import assign_reviewer
from tests.committee.factories import add_proposal_item, evaluated, meeting_in_session
from tests.proposals.factories import ProposalFactory, complete, member, rolling_call
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(result =>
  result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, why: n.failureSummary})),
  })))"""
SECTIONS = ["area", "infrastructure", "data", "services", "management"]


def violations(page) -> list[dict]:
    return page.evaluate(RUN_AXE, TAGS)


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for url, page_violations in found.items():
        for v in page_violations:
            lines.append(f"{url}: {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"]:
                lines.append(f"    {node['target']}\n      {node['html'][:200]}")
                lines.append("      " + node["why"].replace("\n", "\n      "))
    return "\n".join(lines)


class Audit:
    """Visit pages, run axe on each, and fail once at the end with everything found."""

    def __init__(self, page):
        self.page = page
        # axe arrives as an init script: the CSP refuses the inline <script> add_script_tag makes.
        page.add_init_script(path=str(AXE))
        self.found: dict[str, list[dict]] = {}

    def check(self, url: str, ready: str = "main h1") -> None:
        self.page.goto(url)
        expect(self.page.locator(ready).first).to_be_visible()
        self.page.wait_for_load_state("networkidle")
        if page_violations := violations(self.page):
            self.found[url] = page_violations

    def assert_clean(self) -> None:
        if self.found:
            print(describe(self.found))
        assert not self.found, "axe found WCAG 2.1 A/AA violations:\n" + describe(self.found)


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def registry_data(transactional_db):
    load_geography()
    import_certified_areas()
    import_network_cities()


def test_axe_core_is_vendored_from_the_pinned_package():
    package = json.loads((settings.BASE_DIR / "frontend" / "package.json").read_text())
    assert "axe-core" in package["dependencies"]
    assert f"axe v{package['dependencies']['axe-core']}" in AXE.read_text()[:200]


def test_public_pages_have_no_wcag_violation(page, registry_data):
    certificate = Certificate.objects.select_related("area").order_by("pk").first()
    area = certificate.area
    audit = Audit(page)
    audit.check("/", ready="[data-testid=figure-areas]")
    audit.check(reverse("registry:area_list"), ready="[data-testid=area-row]")
    audit.check(reverse("registry:area_detail", args=[area.pk]))
    audit.check(reverse("registry:province_detail", args=["65"]))
    audit.check(reverse("registry:map"), ready='path[data-province="65"]')
    audit.check(reverse("registry:announcements"))
    page.goto(reverse("registry:announcements"))
    first = page.locator("main a[href^='/announcements/']").first.get_attribute("href")
    audit.check(first)
    audit.check(reverse("certification:verify_search"))
    audit.check(f"{reverse('certification:verify_search')}?q={certificate.number}")
    audit.check(reverse("certification:verify", args=[certificate.number]))
    audit.check(reverse("accounts:login"))
    audit.check(reverse("accounts:signup"))
    audit.assert_clean()


@pytest.fixture
def forms_data(transactional_db):
    load_geography()
    rolling_call()


def test_main_forms_have_no_wcag_violation(page, live_server, forms_data, secretariat_user):
    officer = secretariat_user
    draft = complete(ProposalFactory())
    applicant = member(draft.organisation)
    screened = complete(ProposalFactory())
    submit_proposal(proposal=screened, by=member(screened.organisation))
    start_screening(proposal=screened, by=officer)
    reviewer = ReviewerFactory()
    assignment = assign_reviewer(
        phase=PhaseFactory(), dossier=dossier_of(in_evaluation(officer)), reviewer=reviewer, due_on=DUE,
        by=officer,
    )  # fmt: skip
    meeting = meeting_in_session(officer)
    add_proposal_item(meeting=meeting, proposal=evaluated(officer), by=officer)
    add_information_item(meeting=meeting, title_th="รายงานความก้าวหน้า", title_en="", by=officer)
    seat = meeting.attendees.select_related("member__user").first().member
    audit = Audit(page)

    sign_in(page, live_server, applicant)
    audit.check(reverse("dashboard:home"))
    for section in SECTIONS:
        audit.check(reverse("proposals:section", args=[draft.pk, section]))
    audit.check(reverse("proposals:detail", args=[draft.pk]))
    sign_in(page, live_server, officer)
    audit.check(reverse("dashboard:home"))
    audit.check(reverse("proposals:review", args=[screened.pk]))
    audit.check(reverse("committee:meeting", args=[meeting.pk]))
    sign_in(page, live_server, reviewer.user)
    audit.check(reverse("dashboard:home"))
    audit.check(reverse("reviews:score_sheet", args=[assignment.pk]))
    sign_in(page, live_server, seat.user)
    audit.check(reverse("dashboard:home"))
    audit.check(reverse("committee:member_meeting", args=[meeting.pk]))
    audit.assert_clean()
