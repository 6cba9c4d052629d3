"""The pages with the most script (the charts, the maps, the proposal form's autosave and
boundary map, the evaluation board) work under the Content-Security-Policy: the browser
reports no violation while they load and while htmx saves."""

import re

import pytest
from playwright.sync_api import expect

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import User
from smartcity.certification.services.history import import_certified_areas
from smartcity.geo.services import load_geography
from smartcity.network.services import import_network_cities
from smartcity.reviews.services import assign_reviewer
from tests.proposals.factories import ProposalFactory, member, rolling_call
from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, dossier_of, in_evaluation

PASSWORD = "correct horse battery staple"

# Recorded from the first moment of every document, before any of the page's scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation recorded: by the document's event and by the
    console's message (one catches what the other might miss)."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations() -> list[str]:
        return page.evaluate("window.__violations") + console

    return page, violations


@pytest.fixture
def site(transactional_db):
    load_geography()
    import_certified_areas()
    import_network_cities()
    rolling_call()
    draft = ProposalFactory(call=rolling_call(), name_th="", name_en="")
    member(draft.organisation, MembershipRole.OWNER, email="writer@city.example")
    officer = User.objects.create_user(
        email="officer@depa.example", password=PASSWORD, full_name="เจ้าหน้าที่", is_secretariat=True
    )
    phase = PhaseFactory()
    on_the_board = in_evaluation(officer)
    assign_reviewer(
        phase=phase,
        dossier=dossier_of(on_the_board),
        reviewer=ReviewerFactory(),
        due_on=DUE,
        by=officer,
    )
    return draft, on_the_board


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_home_page_and_the_maps_draw_without_a_violation(watched, site):
    page, violations = watched

    page.goto("/")
    expect(page.locator("#region-chart")).to_have_attribute("width", re.compile(r"^\d+$"))
    page.goto("/map/")
    expect(page.locator('path[data-province="65"]')).to_be_visible()
    page.locator('path[data-province="65"]').hover()
    expect(page.locator(".leaflet-tooltip")).to_be_visible()
    page.goto("/provinces/65/")
    expect(page.locator(".leaflet-interactive").first).to_be_visible()

    assert violations() == []


def test_the_recorder_does_see_a_violation(watched, site):
    """The check above can fail: an inline style the policy refuses is recorded."""
    page, violations = watched
    page.goto("/")

    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')"
    )

    page.wait_for_function("window.__violations.length > 0")
    assert any(v.startswith("style-src") for v in violations())


def test_the_proposal_form_saves_as_one_types_without_a_violation(watched, site):
    page, violations = watched
    draft, _ = site
    sign_in(page, "writer@city.example")

    page.goto(f"/proposals/{draft.pk}/edit/area/")
    expect(page.locator(".leaflet-container")).to_be_visible()
    page.fill("input[name=name_th]", "เมืองอัจฉริยะน่าอยู่")
    expect(page.locator('#autosave-status [data-saved="true"]')).to_be_visible()

    draft.refresh_from_db()
    assert (draft.name_th, violations()) == ("เมืองอัจฉริยะน่าอยู่", [])


def test_the_evaluation_board_works_without_a_violation(watched, site):
    page, violations = watched
    sign_in(page, "officer@depa.example")

    page.goto("/secretariat/evaluation/")
    expect(page.get_by_test_id("board-row")).to_have_count(1)
    expect(page.get_by_test_id("submitted")).to_have_text("0 / 1")

    assert violations() == []


def test_the_admin_works_without_a_violation(watched, site):
    page, violations = watched
    User.objects.create_superuser(email="admin@depa.example", password=PASSWORD)
    page.goto("/admin/login/")
    page.fill("input[name=username]", "admin@depa.example")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto("/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.locator("#result_list tbody th a").first.click()
    expect(page.locator("#user_form")).to_be_visible()

    assert violations() == []


@pytest.fixture
def programme(transactional_db):
    load_geography()
    import_certified_areas()
    import_network_cities()


def test_the_api_s_documentation_shows_its_operations_without_a_violation(watched, programme):
    page, violations = watched

    page.goto("/")
    page.get_by_test_id("footer-api").click()
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.locator('.opblock-summary-path[data-path="/api/v1/figures/"]')).to_be_visible()
    page.locator('.opblock-summary-path[data-path="/api/v1/figures/"]').click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_have_text(
        "200"
    )

    assert violations() == []


# Redoc's sidebar asks for Redocly's logo from their CDN; the policy refuses it (nothing is
# fetched from outside at run time) and the image hides itself. The one violation allowed.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_redoc_draws_the_schema_with_its_nonce_and_without_a_violation(watched, programme):
    page, violations = watched

    page.goto("/api/v1/redoc/")

    expect(page.get_by_role("heading", name="National figures on a date").first).to_be_visible()
    nonce = page.locator("#redoc").get_attribute("data-nonce")
    # The browser hides a nonce from the attribute once it is set; the property keeps it.
    nonces = page.evaluate("Array.from(document.querySelectorAll('style'), s => s.nonce)")
    assert len(nonces) > 1 and set(nonces) == {nonce}  # Redoc's own styles and its scroll bars'
    page.get_by_placeholder("Search...").fill("figures")  # the search runs in a worker
    results = page.locator('[data-role="search:results"] [role=menuitem]')
    expect(results.first).to_have_attribute("aria-label", re.compile("National figures"))
    assert [v for v in violations() if REDOCLY_LOGO not in v and "img-src" not in v] == []


def test_a_style_without_the_nonce_is_still_refused_on_redoc(watched, programme):
    """Redoc's page allows its nonce, not inline styles: the check above can fail."""
    page, violations = watched
    page.goto("/api/v1/redoc/")
    expect(page.get_by_role("heading", name="National figures on a date").first).to_be_visible()

    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>body{color:red}</style>')")

    page.wait_for_function("window.__violations.length > 0")
    assert any(v.startswith("style-src") for v in violations())
