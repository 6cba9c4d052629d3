"""Playwright driving Debian's Chromium against the live server, as a Thai reader."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django's ORM is called from test code beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

from tests.browser.helpers import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, thai_context

# On SQLite the test database is in memory and the live server's threads share the test's
# one connection: two of the page's requests at once (an autosave and an htmx fetch) then
# collide on a table lock ("database table is locked: django_session", a 400). One request
# at a time, as the browser's requests are queued; Django closes each connection on a
# server without threads, so a kept-alive one blocks nobody.


class OneRequestAtATime(WSGIServer):
    # The live server thread has already put the test's connection in place for itself
    # (LiveServerThread.run), and requests are served in that thread.
    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if "postgres" not in os.environ.get("DATABASE_URL", ""):
    LiveServerThread.server_class = OneRequestAtATime


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
