"""Nothing typed in the report form is lost, in a real Chromium: attaching a file,
removing one, downloading the template save the typing first; leaving by a link asks."""

import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from accounts import roles
from directives.models import Agency, Directive
from indicators.models import IndicatorTarget
from tests.browser.test_reporting_journey import confirming, log_in
from tests.factories import UserFactory
from tests.reports.conftest import make_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULTS = "Đã tổ chức 12 hội nghị tập huấn cho giáo viên cốt cán."
DIFFICULTIES = "Thiếu kinh phí cho điểm trường lẻ."
PROPOSALS = "Đề nghị bổ sung biên chế giáo viên Tiếng Anh."


def a_pdf(folder) -> str:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = folder / "bien-ban.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_nothing_typed_is_lost_by_any_button_or_link(page: Page, seeded_live_server, tmp_path):
    base = seeded_live_server.url
    district = Agency.objects.get(code="lc-phongtho-ubnd")
    staff = UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    UserFactory(username="pgd_phongtho", role=roles.REPORTING_UNIT, agency=district)
    plan = Directive.objects.get(number="3707")
    IndicatorTarget.objects.create(
        indicator=plan.indicators.get(order=8), agency=district, target_value=Decimal(3)
    )
    period = make_period(staff=staff, units=[district])
    edit_url = f"{base}/reporting/reports/{period.reports.get().pk}/edit/"

    log_in(page, base, "pgd_phongtho")
    page.goto(edit_url)
    task = page.locator("fieldset.answer").first
    results = task.get_by_label("Kết quả đạt được")
    difficulties = task.get_by_label("Tồn tại, hạn chế, nguyên nhân")
    proposals = task.get_by_label("Đề xuất, kiến nghị")

    # Type, choose a file for the task and attach it: the text is saved first, still there.
    results.fill(RESULTS)
    task.get_by_label("Đính kèm tệp cho nhiệm vụ này").set_input_files(a_pdf(tmp_path))
    task.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(page.get_by_text("Đã đính kèm tệp: bien-ban.pdf.")).to_be_visible()
    expect(results).to_have_value(RESULTS)
    expect(task.locator("ul.evidence")).to_contain_text("bien-ban.pdf")

    # Type more and follow a link away: the browser asks, and staying keeps the text.
    difficulties.fill(DIFFICULTIES)
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Kỳ báo cáo").click()
    expect(difficulties).to_have_value(DIFFICULTIES)
    assert asked == ["beforeunload"]
    assert page.url == edit_url

    # Remove the file: asked first; the text is saved, the file gone.
    with confirming(page, "Gỡ tệp “bien-ban.pdf” khỏi báo cáo?"):
        task.get_by_role("button", name="Gỡ bien-ban.pdf").click()
    expect(page.get_by_text("Đã gỡ tệp: bien-ban.pdf.")).to_be_visible()
    expect(difficulties).to_have_value(DIFFICULTIES)
    expect(task.locator("ul.evidence")).to_have_count(0)

    # Type, download the Excel template: the text is saved, and in the workbook.
    proposals.fill(PROPOSALS)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải mẫu Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as saved:
        workbook = openpyxl.load_workbook(io.BytesIO(saved.read()))
    cells = {cell for row in workbook["Nhiệm vụ"].iter_rows(values_only=True) for cell in row}
    assert {RESULTS, DIFFICULTIES, PROPOSALS} <= cells
    expect(proposals).to_have_value(PROPOSALS)
    expect(results).to_have_value(RESULTS)

    # Saved everywhere, nothing left to ask about: leaving now asks nothing.
    page.get_by_role("link", name="Kỳ báo cáo").click()
    expect(page).to_have_url(f"{base}/reporting/periods/")
