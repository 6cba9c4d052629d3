"""What the browser tests share: Chromium's path and flags, where screenshots go, the
generous ceilings for waits, and a browser context as a Thai reader."""

import os
from pathlib import Path

from playwright.sync_api import expect

CHROMIUM = os.environ.get("SMARTCITY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Tests wait on conditions (expect, expect_navigation), never on sleeps. These are only the
# ceilings, set once for every test: generous, because a loaded two-core CI machine can take
# many seconds over a first request (a cold import, a dictionary load) that takes 100 ms on a
# quiet one. A short ceiling turns a slow machine into a red build.
EXPECT_TIMEOUT_MS = 30_000
ACTION_TIMEOUT_MS = 60_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def thai_context(browser, base_url=None, **options):
    """A browser context as a Thai reader in Bangkok, with the generous ceilings."""
    options = {"locale": "th-TH", "timezone_id": "Asia/Bangkok", **options}
    if base_url:
        options["base_url"] = base_url
    context = browser.new_context(**options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return context
