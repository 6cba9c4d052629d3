"""Saving as one types, when the page's scripts are slow to arrive (a provincial mobile
connection, a loaded server): what is typed before them is neither lost nor left without
a word about whether it was saved."""

import pytest
from playwright.sync_api import expect

from smartcity.accounts.enums import MembershipRole
from smartcity.geo.services import load_geography
from tests.proposals.factories import ProposalFactory, member, rolling_call

PASSWORD = "correct horse battery staple"


@pytest.fixture
def draft(transactional_db):
    load_geography()
    proposal = ProposalFactory(call=rolling_call(), name_th="", name_en="")
    member(proposal.organisation, MembershipRole.OWNER, email="writer@city.example")
    return proposal


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_text_typed_before_the_scripts_arrive_is_saved_and_says_so(page, draft):
    sign_in(page, "writer@city.example")
    typed = []

    def type_while_the_scripts_load(route):
        # The page is on screen and htmx is still on its way: the officer types now.
        page.fill("input[name=name_th]", "เทศบาลนครพิษณุโลกเมืองอัจฉริยะ")
        typed.append(True)
        route.continue_()

    page.route("**/static/vendor/htmx/htmx.min.js", type_while_the_scripts_load)
    page.goto(f"/proposals/{draft.pk}/edit/area/")
    assert typed == [True]

    expect(page.locator('#autosave-status [data-saved="true"]')).to_be_visible()
    draft.refresh_from_db()
    assert draft.name_th == "เทศบาลนครพิษณุโลกเมืองอัจฉริยะ"


def test_a_save_the_server_does_not_answer_says_so_and_the_text_stays_in_the_browser(
    page, draft, screenshot
):
    sign_in(page, "writer@city.example")
    page.goto(f"/proposals/{draft.pk}/edit/area/")
    status = page.locator("#autosave-status")
    kept = f"smartcity:proposal-{draft.pk}-area"
    # Opening the page saves nothing (it has loaded: an early-typing check has run).
    assert status.inner_text() == ""
    answered = []

    def fail(route):
        if route.request.method != "POST":
            route.continue_()
        elif not answered:
            # While the server is thinking, the page says it is saving; then a fault.
            expect(status).to_contain_text("กำลังบันทึก")
            answered.append("server fault")
            route.fulfill(status=500, body="Server Error")
        else:
            answered.append("connection lost")
            route.abort("connectionreset")

    page.route(f"**/proposals/{draft.pk}/edit/area/", fail)

    page.fill("input[name=name_th]", "เมืองอัจฉริยะ")
    expect(status).to_contain_text("ยังไม่ได้บันทึก")
    page.fill("input[name=name_th]", "เมืองอัจฉริยะน่าอยู่")
    expect(status).to_contain_text("ยังไม่ได้บันทึก")
    assert answered == ["server fault", "connection lost"]
    screenshot("autosave-not-saved-th")
    assert "เมืองอัจฉริยะน่าอยู่" in page.evaluate(f"localStorage.getItem('{kept}')")
    draft.refresh_from_db()
    assert draft.name_th == ""

    # The server answers again: the next change saves everything typed.
    page.unroute(f"**/proposals/{draft.pk}/edit/area/")
    page.fill("input[name=name_en]", "Livable Smart City")
    expect(status.locator('[data-saved="true"]')).to_be_visible()
    draft.refresh_from_db()
    assert (draft.name_th, draft.name_en) == ("เมืองอัจฉริยะน่าอยู่", "Livable Smart City")
    assert page.evaluate(f"localStorage.getItem('{kept}')") is None
