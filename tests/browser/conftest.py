"""Playwright driving Debian's Chromium against the live server, as a Thai reader."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django's ORM is called from test code beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from tests.browser.helpers import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, thai_context


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make system-deps'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = thai_context(browser, live_server.url, viewport={"width": 1280, "height": 900})
    external = []
    # The platform must work on a closed network: no request may leave the live server.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else (external.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    yield page
    context.close()
    assert external == [], f"requests left the site: {external}"


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
