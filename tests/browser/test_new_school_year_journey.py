"""A new school year across the 2025 reform, end to end in a real Chromium.

From the seed data (Lai Châu's districts closed on 30/06/2025, its 38 communes open from
01/07/2025) and the 2024 - 2025 demo with its approved year-end review, staff roll
3707/KH-UBND into 2025 - 2026, settle what could not be carried, set the targets, open
the new year's first period for the communes; a commune reports, staff approve, and
leadership read the trend on the dashboard: last year's figure beside the new period's,
with the commune's note that it has no figures from before the reform.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from directives.models import Agency, Directive
from indicators.models import IndicatorTarget
from reports.demo import YEAR_END_NAME, load_demo_data
from reports.models import ProgressReport, ReportingPeriod
from tests.browser.jobs import let_the_worker_run_the_job
from tests.browser.test_reporting_journey import confirming

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-edu-plans"  # the demo accounts' password
# The indicator followed through the journey: a rate, reported as numerator/denominator.
INDICATOR = "Tỷ lệ huy động trẻ mẫu giáo"
COMMUNE = "UBND xã Bình Lư"  # formed on 01/07/2025 from part of Tam Đường
OTHER_COMMUNE = "UBND xã Bản Bo"
PERIOD_NAME = "Sơ kết học kỳ I năm học 2025 - 2026"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()


def test_staff_carry_a_plan_into_the_new_school_year_across_the_reform(
    page: Page, seeded_live_server, settings
):
    settings.DEBUG = True
    load_demo_data()
    base = seeded_live_server.url
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    year_end = ReportingPeriod.objects.get(directive=plan, name=YEAR_END_NAME)
    order = plan.indicators.get(name=INDICATOR).order
    commune = Agency.objects.get(code="lc-xa-binhlu")

    # 1. Staff read last year's year-end roll-up, then roll the plan forward.
    log_in(page, base, "chuyenvien")
    page.goto(f"{base}/reporting/periods/{year_end.pk}/rollup/")
    last_year = page.locator(f"#indicator-{order} .province-value").inner_text()
    last_year = last_year.split("\n")[0].strip()
    assert re.fullmatch(r"\d+,\d+", last_year), last_year

    page.goto(f"{base}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Tạo kế hoạch năm học mới từ kế hoạch này").click()
    expect(page.locator("dl.facts")).to_contain_text("Năm học mới")
    expect(page.locator("dl.facts")).to_contain_text("2025 - 2026")
    expect(page.locator("dl.facts")).to_contain_text(YEAR_END_NAME)
    baselines = page.locator("section[aria-labelledby='baselines-heading'] tbody tr")
    row = baselines.filter(has_text=INDICATOR).first
    expect(row.locator("td").last).to_have_text(last_year)
    page.get_by_role("button", name="Tạo dự thảo kế hoạch năm học 2025 - 2026").click()
    # A background job: its progress page, then the worker, then the draft's issues.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dự thảo kế hoạch năm học 2025 - 2026 từ 3707/KH-UBND"
    )
    assert not Directive.objects.filter(previous_year=plan).exists()
    let_the_worker_run_the_job(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Nội dung không chuyển được")
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch năm học 2025 - 2026")).to_be_visible()
    new_plan = Directive.objects.get(previous_year=plan)
    assert new_plan.is_draft and str(new_plan.school_year) == "2025 - 2026"
    issue = page.locator("tbody tr").filter(has_text="chủ trì").first
    issue.get_by_label("Ghi chú (không bắt buộc)").fill("Giao Sở GD&ĐT chủ trì nhiệm vụ này.")
    issue.get_by_role("button", name="Đã xử lý").click()
    expect(page.get_by_text("Đã đánh dấu nội dung là đã xử lý.")).to_be_visible()
    expect(page.get_by_text("Giao Sở GD&ĐT chủ trì nhiệm vụ này.")).to_be_visible()

    # 2. Giao chỉ tiêu: the province target, typed the Vietnamese way, then two communes'.
    page.get_by_role("link", name=new_plan.title[:30]).first.click()
    expect(page.locator("h1.doc-title")).to_contain_text("2025 - 2026")
    page.get_by_role("link", name="Giao chỉ tiêu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Giao chỉ tiêu của kế hoạch")
    province_box = page.get_by_label(f"Chỉ tiêu phấn đấu của tỉnh – TT {order}", exact=True)
    province_box.fill("99,9")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.get_by_text("Đã lưu 1 chỉ tiêu.")).to_be_visible()
    expect(province_box).to_have_value("99,9")

    indicator = new_plan.indicators.get(order=order)
    page.locator(f"#indicator-{indicator.pk}").get_by_role(
        "link", name=re.compile("Giao cho từng đơn vị")
    ).click()
    page.get_by_label(f"Chỉ tiêu giao cho {COMMUNE}", exact=True).fill("99,5")
    page.get_by_label(f"Chỉ tiêu giao cho {OTHER_COMMUNE}", exact=True).fill("98,75")
    page.get_by_role("button", name="Lưu chỉ tiêu", exact=True).click()
    expect(page.get_by_text("Đã lưu 2 chỉ tiêu.")).to_be_visible()
    expect(page.get_by_label(f"Chỉ tiêu giao cho {COMMUNE}", exact=True)).to_have_value("99,5")
    expect(page.get_by_label(f"Chỉ tiêu giao cho {OTHER_COMMUNE}", exact=True)).to_have_value(
        "98,75"
    )
    saved = IndicatorTarget.objects.get(indicator=indicator, agency__code="lc-xa-binhlu")
    assert saved.target_value == Decimal("99.5")

    # 3. The new year's first period asks the communes, never a closed district.
    page.goto(f"{base}/reporting/periods/")
    page.get_by_label("Mở kỳ báo cáo mới cho").select_option(value=str(new_plan.pk))
    page.get_by_role("button", name="Tiếp tục").click()
    ticked = page.locator("fieldset.unit-level input:checked")
    expect(ticked.first).to_be_visible()
    labels = page.locator("fieldset.unit-level label.checkbox").all()
    every_name = [label.inner_text().strip() for label in labels]
    ticked_names = [
        name
        for name, label in zip(every_name, labels, strict=True)
        if label.locator("input").is_checked()
    ]
    communes = [
        n for n in ticked_names if n.startswith(("Ủy ban nhân dân xã", "Ủy ban nhân dân phường"))
    ]
    assert len(communes) == 38, ticked_names
    assert commune.name in communes
    closed = [n for n in every_name if "huyện" in n or n.endswith("thành phố Lai Châu")]
    assert not closed, closed
    page.get_by_label("Tên kỳ báo cáo").fill(PERIOD_NAME)
    page.get_by_label("Loại kỳ báo cáo").select_option(label="Học kỳ I (sơ kết)")
    page.get_by_label("Từ ngày").fill("05/09/2025")
    page.get_by_label("Đến ngày").fill("17/01/2026")
    page.get_by_label("Hạn nộp báo cáo").fill("24/01/2026")
    page.get_by_label("Khóa sổ sau ngày").fill("31/12/2030")
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(
        page.get_by_text(re.compile(r"Đã mở kỳ báo cáo: \d+ đơn vị phải báo cáo."))
    ).to_be_visible()
    period = ReportingPeriod.objects.get(name=PERIOD_NAME)
    assert period.directive == new_plan
    log_out(page)

    # 4. The commune fills and submits its report; staff approve it.
    log_in(page, base, "xa_binhlu")
    page.get_by_role("link", name=PERIOD_NAME).first.click()
    entry = page.locator("fieldset.indicator-entry").filter(has_text=INDICATOR)
    expect(entry).to_contain_text("99,5")  # its target, as staff typed it
    answers = page.locator("fieldset.answer > .answer__grid")
    assert answers.count() > 0
    for index in range(answers.count()):
        answer = answers.nth(index)
        answer.get_by_label("Tình trạng").select_option(label="Đang triển khai")
        answer.get_by_label("Kết quả đạt được").fill(
            "Đã triển khai tới các trường trên địa bàn xã."
        )
    entry.get_by_label("Tử số").fill("412")
    entry.get_by_label("Mẫu số").fill("415")
    with confirming(page, "gửi báo cáo này về Sở"):
        page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Báo cáo đã được gửi về Sở.")).to_be_visible()
    log_out(page)

    log_in(page, base, "chuyenvien")
    page.goto(f"{base}{period.get_absolute_url()}")
    page.get_by_role("link", name=commune.name, exact=True).click()
    with confirming(page, "Duyệt báo cáo này"):
        page.get_by_role("button", name="Duyệt").click()
    expect(page.get_by_text("Đã duyệt báo cáo.")).to_be_visible()
    report = ProgressReport.objects.get(period=period, agency__code="lc-xa-binhlu")
    assert report.status == ProgressReport.Status.APPROVED
    log_out(page)

    # 5. Leadership read the trend: last year's figure beside the new period's, and the
    # commune's line, which starts at the reform.
    log_in(page, base, "lanhdao")
    page.get_by_role("link", name="Bảng điều hành").click()
    expect(page.locator(".dashboard-choice")).to_contain_text("2025 - 2026")
    expect(page.locator(".dashboard-choice")).to_contain_text(PERIOD_NAME)
    page.locator("table.scorecard tr").filter(has_text=COMMUNE).get_by_role(
        "link", name="xu hướng"
    ).click()
    expect(page.locator("h1")).to_have_text("Xu hướng các chỉ tiêu")
    expect(page.get_by_label("Thêm số liệu của đơn vị")).to_have_value(str(commune.pk))
    expect(page.locator(".trend-history")).to_contain_text(
        "Đơn vị hình thành từ 01/07/2025, không có số liệu trước sắp xếp."
    )
    trend = page.locator(f"#trend-{order} table.trend__table")
    expect(trend.locator("thead")).to_contain_text(COMMUNE)
    earlier = trend.locator("tbody tr").filter(has_text=YEAR_END_NAME)
    expect(earlier.locator("td").first).to_have_text(last_year)
    expect(earlier.locator("td").last).to_have_text("—")
    current = trend.locator("tbody tr").filter(has_text=PERIOD_NAME)
    expect(current.locator("td").first).to_have_text("99,28")  # 412 / 415
    expect(current.locator("td").last).to_have_text("99,28")
