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
