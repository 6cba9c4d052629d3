"""A long export, for real: the officer asks for the evaluation CSV, waits on its page
while the task sits in the database, the worker runs it, and the page (polling, no reload)
offers the file."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from smartcity.accounts.models import User
from smartcity.geo.services import load_geography
from tests.browser.conftest import thai_context
from tests.core.conftest import DATABASE_TASKS
from tests.proposals.factories import rolling_call
from tests.reviews.factories import FIRST, PhaseFactory, reviewed

PASSWORD = "Export-Round-2570"


@pytest.fixture
def evaluated(transactional_db, settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    settings.MEDIA_ROOT = tmp_path
    load_geography()
    rolling_call()
    officer = User.objects.create_user(
        email="officer@depa.example", password=PASSWORD, full_name="เจ้าหน้าที่", is_secretariat=True
    )
    reviewed(officer, PhaseFactory(), FIRST, FIRST)
    return officer


def test_the_export_waits_for_the_worker_then_offers_the_file(browser, live_server, evaluated):
    context = thai_context(browser, live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "officer@depa.example")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto("/secretariat/evaluation/")
    with page.expect_navigation():
        page.get_by_test_id("export-csv").click()
    expect(page.get_by_test_id("export-status")).to_have_text("รอคิวจัดทำ")

    call_command("run_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    # The page asks for news by itself and stops once the file is there.
    expect(page.get_by_test_id("export-download")).to_be_visible()
    expect(page.get_by_test_id("export-progress")).to_have_attribute("data-status", "ready")
    expect(page.get_by_test_id("export-progress")).not_to_have_attribute("hx-trigger", "every 2s")
    with page.expect_download() as download:
        page.get_by_test_id("export-download").click()
    assert download.value.suggested_filename.startswith("evaluation-phase-")
    assert download.value.suggested_filename.endswith(".csv")
    context.close()
