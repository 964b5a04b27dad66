"""Browser tests drive the system Chromium (Debian's package) through Playwright.

Playwright never downloads a browser here. Its sync API runs an event loop in the test
thread, so Django's async-safety check is relaxed for these tests only.
"""

import os
import shutil

import pytest

from accounts.roles import ensure_role_groups
from directives.seed_data import load_seed_data
from tests.jobs.worker import WorkerThread

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


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists: on SQLite
    that database lives in memory, and only then does the server (as Django's
    LiveServerThread does) share the tests' connection to it. Otherwise each thread has a
    connection of its own to the shared in-memory database, and a worker running beside
    the server meets "database table is locked" (SQLite does not wait on those locks)."""
    return live_server


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


@pytest.fixture
def job_worker(seeded_live_server):
    """Starts a worker beside the live server (tests/jobs/worker.py), as `make run` and the
    production start run one beside the web server; ``stop()`` and the teardown stop it."""
    started = []

    def start():
        thread = WorkerThread()
        thread.start()
        started.append(thread)
        return thread

    yield start
    for thread in started:
        thread.stop()
