"""The secretariat assigns reviewers automatically; two reviewers score; the second sees
the first one's scores only after submitting; the secretariat reads the ranking."""

import re

import pytest
from playwright.sync_api import expect

from smartcity.accounts.models import User
from smartcity.geo.services import load_geography
from smartcity.reviews.models import Review, Reviewer
from tests.browser.helpers import ARTIFACTS, thai_context
from tests.proposals.factories import rolling_call
from tests.reviews.factories import PhaseFactory, dossier_of, in_evaluation

PASSWORD = "Evaluation-Round-2570"


@pytest.fixture
def evaluation(transactional_db):
    load_geography()
    rolling_call()
    officer = User.objects.create_user(
        email="officer@depa.example", password=PASSWORD, full_name="เจ้าหน้าที่", is_secretariat=True
    )
    for n in (1, 2):
        user = User.objects.create_user(
            email=f"expert{n}@uni.example", password=PASSWORD, full_name=f"ผู้เชี่ยวชาญ {n}"
        )
        Reviewer.objects.create(
            user=user, organisation_name=f"มหาวิทยาลัย {n}", expertise=["mobility"], max_load=5
        )
    PhaseFactory(score_visibility="after_submitting", reviewers_per_proposal=2)
    first = in_evaluation(officer)
    second = in_evaluation(officer)
    return first, second


def sign_in(browser, live_server, email):
    context = thai_context(browser, live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return context, page


def score_and_submit(page, proposal, score: str):
    page.get_by_test_id("nav-reviews").click()
    page.get_by_role("link", name=proposal.name_th).click()
    expect(page.get_by_test_id("score-sheet")).to_be_visible()
    for select in page.locator("select[name^='score-']").all():
        select.select_option(score)
    for area in page.locator("textarea[name^='comment-'], textarea[name^='domain-']").all():
        area.fill("สอดคล้องกับหลักเกณฑ์ มีตัวชี้วัดชัดเจน")
    page.select_option("select[name=recommendation]", "approve")
    expect(page.locator('#autosave-status [data-saved="true"]')).to_be_visible()
    with page.expect_navigation():
        page.get_by_test_id("submit-review").click()


def test_evaluation_round_in_thai(page, browser, live_server, evaluation):
    first, second = evaluation

    desk_context, desk = sign_in(browser, live_server, "officer@depa.example")
    desk.get_by_test_id("nav-evaluation").click()
    desk.goto("/secretariat/evaluation/assign/")
    with desk.expect_navigation():
        desk.get_by_test_id("assign-auto").click()
    expect(desk.get_by_test_id("auto-assigned-row")).to_have_count(4)

    one_context, one = sign_in(browser, live_server, "expert1@uni.example")
    two_context, two = sign_in(browser, live_server, "expert2@uni.example")

    # The second expert opens the sheet first: nothing of the other review shows.
    two.get_by_test_id("nav-reviews").click()
    two.get_by_role("link", name=first.name_th).click()
    expect(two.get_by_test_id("other-reviews")).to_have_count(0)

    score_and_submit(one, first, "9")
    two.reload()
    expect(two.get_by_test_id("other-reviews")).to_have_count(0)  # not before submitting
    score_and_submit(two, first, "6")
    own = Review.objects.get(
        assignment__reviewer__user__email="expert2@uni.example",
        assignment__dossier=dossier_of(first),
    )
    two.goto(f"/reviews/{own.assignment_id}/")
    expect(two.get_by_test_id("other-reviews")).to_be_visible()
    expect(two.get_by_test_id("other-total")).to_contain_text("90")
    two.screenshot(path=str(ARTIFACTS / "score-sheet-after-submitting-th.png"), full_page=True)

    desk.goto("/secretariat/evaluation/")
    expect(desk.get_by_test_id("board-row").first).to_contain_text(first.name_th)
    expect(desk.get_by_test_id("rank").first).to_have_text("1")
    desk.get_by_role("link", name=first.name_th).click()
    expect(desk).to_have_url(
        re.compile(rf"/secretariat/evaluation/dossiers/{dossier_of(first).pk}/$")
    )
    expect(desk.get_by_test_id("mean-total")).to_contain_text("75")
    expect(desk.get_by_test_id("disagreement")).to_be_visible()
    desk.screenshot(path=str(ARTIFACTS / "evaluation-aggregate-th.png"), full_page=True)

    for context in (desk_context, one_context, two_context):
        context.close()
    assert Review.objects.filter(state="submitted").count() == 2
    assert second.pk  # the second proposal is on the board, unscored
