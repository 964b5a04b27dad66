"""Every task has an owner, in a real Chromium: staff accept the plan's own proposal and
hand a task group to a division of the Sở; the division's staff member records progress
on a section III task and submits; leadership approves it; a district reports the same
group as implementer; the task count as of a date shows it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts import roles
from directives.models import Agency, Assignment, Directive
from reports.models import ProgressReport
from tests.browser.test_reporting_journey import confirming, log_in, log_out
from tests.factories import UserFactory
from tests.reports.conftest import make_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_division_reports_a_section_iii_task_and_a_district_implements_it(
    page: Page, seeded_live_server
):
    base = seeded_live_server.url
    department = Agency.objects.get(code="lc-sgddt")
    division = Agency.objects.create(
        code="lc-sgddt-gdpt",
        name="Phòng Giáo dục Phổ thông",
        short_name="Phòng GDPT",
        kind=Agency.Kind.UNIT,
        parent=department,
    )
    district = Agency.objects.get(code="lc-phongtho-ubnd")
    staff = UserFactory(username="chuyenvien", is_staff=True, role=roles.DEPARTMENT_STAFF)
    staff.agency = department
    staff.save()
    division_staff = UserFactory(username="cv_gdpt", role=roles.DEPARTMENT_STAFF, agency=division)
    division_staff.groups.add(roles.ensure_role_groups()[roles.REPORTING_UNIT])
    UserFactory(username="lanhdao", is_staff=True, role=roles.LEADERSHIP, agency=department)
    UserFactory(username="pgd_phongtho", role=roles.REPORTING_UNIT, agency=district)
    plan = Directive.objects.get(number="3707")
    group = plan.task_groups.get(number="2", section__number="III")

    # Staff accept the proposal of section IV for the whole plan, then give group III.2
    # to the division with a deadline.
    log_in(page, base, "chuyenvien")
    page.goto(base + reverse("directives:directive_assignments", args=[plan.pk]))
    expect(page.locator("#without-lead")).to_contain_text("Chưa giao chủ trì")
    page.get_by_role("button", name="Nhận đề xuất cho toàn bộ kế hoạch").click()
    expect(page.locator("#proposals")).to_be_visible()
    page.locator(f"#pick-group-{group.pk}").check()
    page.locator("#assign-form label.agency-choice", has_text="Phòng Giáo dục Phổ thông").click()
    page.locator("#assign-form").get_by_label("Chủ trì").check()
    page.locator("#assign-form").get_by_label("Hạn hoàn thành").fill("15/01/2025")
    page.locator("#assign-form").get_by_role("button", name="Giao nhiệm vụ").click()
    first_task = group.tasks.order_by("order").first()
    expect(page.locator(f"#task-{first_task.pk}")).to_contain_text("Phòng Giáo dục Phổ thông")
    log_out(page)
    assert (
        Assignment.objects.filter(
            task__group=group, agency=division, role="lead", due_on=datetime.date(2025, 1, 15)
        ).count()
        == group.tasks.count()
    )
    assert Assignment.objects.filter(task__group=group, agency=district, role="implement").count()

    period = make_period(staff=staff)
    division_report = period.reports.get(agency=division)

    # The division's staff member records progress on the group's tasks and submits.
    log_in(page, base, "cv_gdpt")
    page.goto(base + reverse("reports:report_edit", args=[division_report.pk]))
    tasks = page.locator("fieldset.answer")
    expect(tasks).to_have_count(group.tasks.count())
    for index in range(group.tasks.count()):
        task = tasks.nth(index)
        if index == 0:
            task.get_by_label("Tình trạng").select_option(label="Hoàn thành")
            task.get_by_label("Ngày hoàn thành").fill("10/01/2025")
        else:
            task.get_by_label("Tình trạng").select_option(label="Đang triển khai")
        task.get_by_label("Kết quả đạt được").fill("Đã hướng dẫn các trường rà soát, thực hiện.")
    with confirming(page, "gửi báo cáo này về Sở"):
        page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Báo cáo đã được gửi về Sở.")).to_be_visible()
    # Nobody approves a report of their own agency.
    page.goto(base + reverse("reports:report_detail", args=[division_report.pk]))
    expect(page.get_by_role("button", name="Duyệt")).to_have_count(0)
    log_out(page)

    # Leadership approves it: the task it finished is done, on time.
    log_in(page, base, "lanhdao")
    page.goto(base + reverse("reports:report_detail", args=[division_report.pk]))
    with confirming(page, "Duyệt báo cáo này"):
        page.get_by_role("button", name="Duyệt").click()
    expect(page.get_by_text("Đã duyệt báo cáo.")).to_be_visible()
    log_out(page)
    done = Assignment.objects.get(task=first_task, agency=division)
    assert (done.status, done.completed_on) == ("done", datetime.date(2025, 1, 10))

    # The district reports the same group as implementer, once for the whole group.
    district_report = period.reports.get(agency=district)
    log_in(page, base, "pgd_phongtho")
    page.goto(base + reverse("reports:report_edit", args=[district_report.pk]))
    block = page.locator(f"#group-{group.pk}")
    expect(block).to_be_visible()
    block.get_by_label("Tình trạng").first.select_option(label="Đang triển khai")
    block.get_by_label("Kết quả đạt được").first.fill(
        "Huy động 100% trẻ trong độ tuổi ra lớp; hỗ trợ học sinh dân tộc thiểu số."
    )
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    log_out(page)
    answer = ProgressReport.objects.get(pk=district_report.pk).group_answers.get(group=group)
    assert answer.progress == "in_progress"

    # The task count as of a date: one done on time among the division's tasks.
    log_in(page, base, "chuyenvien")
    on = timezone.localdate().strftime("%d/%m/%Y")
    page.goto(base + reverse("directives:directive_accounting", args=[plan.pk]) + f"?on={on}")
    on_time = page.locator("table.accounting tr", has_text="Hoàn thành đúng hạn")
    expect(on_time.locator("td.num")).to_have_text("1")
    # The division's other three tasks of the group were due on 15/01/2025: overdue.
    overdue = page.locator("table.accounting tr", has_text="Chưa hoàn thành, quá hạn")
    expect(overdue.locator("td.num")).to_have_text(str(group.tasks.count() - 1))
    on_time.get_by_role("link").click()
    expect(page.locator("#listed-heading")).to_have_text("Hoàn thành đúng hạn")
    expect(page.locator("main")).to_contain_text("Phòng GDPT")
