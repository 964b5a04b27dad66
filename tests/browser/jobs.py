"""A background job in a browser journey: the button's POST opens the job's progress page
(the job waiting its turn), the real worker (django-tasks-db's db_worker, as `make run`
starts it beside the web server) takes it, and the page's script moves on to the page
the job ended on, or shows its file or its error. Shared by the journeys that start jobs."""

from playwright.sync_api import Page, expect

from tests.jobs.worker import run_worker


def let_the_worker_run_the_job(page: Page) -> None:
    """On the progress page of a job that waits: the worker runs every waiting task (its
    --batch mode), then the page, which polls its status, goes on by itself."""
    expect(page.locator("[data-job-status-url]")).to_be_visible()
    expect(page.locator("#job-status")).to_have_text("Đang chờ đến lượt")
    run_worker()
