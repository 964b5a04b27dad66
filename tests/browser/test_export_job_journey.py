"""A large export in a real Chromium, with a worker running beside the live server: the
synthesis PDF button starts a job, its progress page moves on its own until the download
link appears, and the file is the period's synthesis; a job that cannot be done (its
period deleted before the worker reached it) says so in Vietnamese."""

import re
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from accounts import roles
from directives.models import Agency
from tests.browser.test_reporting_journey import log_in
from tests.factories import UserFactory
from tests.reports.conftest import make_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_on_their_period(page: Page, seeded_live_server):
    """A Sở staff member signed in, on the page of a period of 3707/KH-UBND."""
    staff = UserFactory(
        username="chuyenvien-tonghop",
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )
    period = make_period(staff=staff)
    log_in(page, seeded_live_server.url, staff.username)
    page.goto(f"{seeded_live_server.url}{period.get_absolute_url()}")
    return period


def test_the_synthesis_pdf_is_made_in_the_background_and_downloaded(
    page: Page, staff_on_their_period, job_worker, tmp_path
):
    period = staff_on_their_period

    # No worker yet: the job waits, and its page says so.
    page.get_by_role("button", name="Báo cáo tổng hợp (PDF)").click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    expect(page.locator("h1")).to_contain_text("Báo cáo tổng hợp (PDF), " + period.name)
    expect(page.locator("#job-status")).to_have_text("Đang chờ đến lượt")
    expect(page.locator("progress")).to_have_attribute("value", "0")
    expect(page.get_by_role("link", name="Tệp đang tạo / đã tạo").first).to_contain_text("1")

    # The page's script asks for the job's status...
    with page.expect_response(lambda response: response.url.endswith("/status")) as poll:
        pass
    assert poll.value.json()["status"] == "queued"
    # ... and, once a worker has started, follows the job to its end by itself.
    job_worker()
    download_link = page.get_by_role("link", name=re.compile(r"^Tải về bao-cao-3707"))
    expect(download_link).to_be_visible(timeout=60_000)
    expect(page.locator("#job-status")).to_have_text("Đã xong")
    expect(page.locator("progress")).to_have_attribute("value", "100")
    with page.expect_download() as download:
        download_link.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".pdf")
    text = unicodedata.normalize(
        "NFC", " ".join(" ".join(p.extract_text().split()) for p in PdfReader(saved).pages)
    )
    assert period.name in text and "3707/KH-UBND" in text

    # The list of the user's files shows it, finished.
    page.get_by_role("link", name="Tệp đang tạo / đã tạo").first.click()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Báo cáo tổng hợp (PDF)")
    expect(row).to_contain_text("Đã xong")
    expect(row.get_by_role("link", name=re.compile("^Tải về"))).to_be_visible()


def test_a_job_that_cannot_be_done_says_why(page: Page, staff_on_their_period, job_worker):
    period = staff_on_their_period
    page.get_by_role("button", name="Bảng tổng hợp (Excel)").click()
    expect(page.locator("#job-status")).to_have_text("Đang chờ đến lượt")

    period.delete()  # before any worker took the job
    job_worker()
    expect(page.get_by_role("alert")).to_have_text(
        "Kỳ báo cáo đã bị xóa trước khi tạo xong tệp.", timeout=30_000
    )
    expect(page.locator("#job-status")).to_have_text("Không thành công")
    expect(page.get_by_role("link", name=re.compile("^Tải về"))).to_have_count(0)


def test_a_second_click_while_the_first_is_on_its_way_sends_nothing_more(
    page: Page, staff_on_their_period
):
    """On a slow line the page stays while the form is sent, and a user clicks again: the
    form went twice, and two jobs made the same file. The second sending of an unchanged
    form is dropped. (The requests are held here, as a slow line would, and counted.)"""
    held = []
    page.route("**/export.pdf", lambda route: held.append(route))
    page.get_by_role("button", name="Báo cáo tổng hợp (PDF)").click(no_wait_after=True)
    while not held:
        page.wait_for_timeout(50)
    # Playwright's own click waits for the page on its way; a key press does not.
    page.keyboard.press("Enter")  # the clicked button has the focus
    page.wait_for_timeout(500)  # a second sending, if any, reaches the route by then
    assert len(held) == 1
