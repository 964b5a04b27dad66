"""Browser tests drive the system Chromium (Debian's package) through Playwright.

Playwright never downloads a browser here. Its sync API runs an event loop in the test
thread, so Django's async-safety check is relaxed for these tests only.
"""

import os
import shutil

import pytest

from accounts.roles import ensure_role_groups
from directives.seed_data import load_seed_data

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    """A live server over a database holding the seed documents and role groups."""
    load_seed_data()
    ensure_role_groups()
    return live_server


@pytest.fixture
def page(page):
    """Every page the journeys open passes the Content-Security-Policy: Chromium reports
    each refused script or style on the console, and any report fails the test."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not refused, refused
