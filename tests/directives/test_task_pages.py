"""The task state pages: a unit's assigned tasks and its extension requests, staff's
decisions, and a directive's task accounting as of a date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from directives.models import Assignment, DeadlineExtension
from directives.task_state import decide_extension, request_extension
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Status = Assignment.Status
DUE = datetime.date(2025, 3, 31)
NEW_DUE = datetime.date(2025, 6, 30)


@pytest.fixture
def district(db):
    return AgencyFactory(name="Phòng Giáo dục và Đào tạo huyện Thử", short_name="PGD Thử")


@pytest.fixture
def reporter(district):
    return UserFactory(role=roles.REPORTING_UNIT, agency=district)


@pytest.fixture
def directive(db):
    return DirectiveFactory(number="77", symbol="KH-SGDĐT")


def assignment_of(directive, agency, *, due=DUE, text="Tổ chức hội thi giáo viên giỏi.", **kw):
    group = TaskGroupFactory(directive=directive)
    return AssignmentFactory(
        task=TaskFactory(group=group, text=text, due_on=due), agency=agency, **kw
    )


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# The unit's tasks


def test_a_unit_sees_its_tasks_by_directive_with_role_deadline_and_state(
    client, reporter, district, directive, staff_user
):
    extended = assignment_of(directive, district, status=Status.IN_PROGRESS)
    done = assignment_of(
        directive,
        district,
        text="Báo cáo sơ kết học kỳ I.",
        role=Assignment.Role.IMPLEMENT,
        status=Status.DONE,
        completed_on=datetime.date(2025, 1, 15),
    )
    assignment_of(directive, AgencyFactory(), text="Nhiệm vụ của đơn vị khác.")
    extension = request_extension(
        assignment=extended, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=reporter
    )
    decide_extension(extension=extension, grant=True, by=staff_user)
    client.force_login(reporter)
    html = page(client, reverse("directives:unit_tasks"))
    assert "Nhiệm vụ được giao" in html
    assert "77/KH-SGDĐT" in html
    assert "Tổ chức hội thi giáo viên giỏi." in html
    assert "30/06/2025" in html and "(hạn ban đầu 31/03/2025)" in html
    assert "Đồng ý gia hạn đến ngày 30/06/2025" in html
    assert "Báo cáo sơ kết học kỳ I." in html and "15/01/2025" in html
    assert "Chủ trì" in html and "Thực hiện" in html
    assert "Nhiệm vụ của đơn vị khác." not in html
    # The open task with a deadline offers a request; the one done does not.
    assert reverse("directives:extension_request", args=[extended.pk]) in html
    assert reverse("directives:extension_request", args=[done.pk]) not in html
    assert 'data-label="Gia hạn"' in html


def test_staff_who_do_not_report_choose_an_agency_to_read(client, staff_user, district, directive):
    assignment = assignment_of(directive, district)
    client.force_login(staff_user)
    html = page(client, reverse("directives:unit_tasks"))
    assert "Bạn không báo cáo cho cơ quan, đơn vị nào" in html
    assert "Tổ chức hội thi giáo viên giỏi." not in html
    html = page(client, reverse("directives:unit_tasks"), agency=district.pk)
    assert "Tổ chức hội thi giáo viên giỏi." in html
    assert reverse("directives:extension_request", args=[assignment.pk]) not in html


def test_a_unit_asks_for_an_extension_with_a_date_and_a_reason(
    client, reporter, district, directive
):
    assignment = assignment_of(directive, district)
    client.force_login(reporter)
    url = reverse("directives:extension_request", args=[assignment.pk])
    response = client.post(
        url,
        {
            f"ext-{assignment.pk}-requested_due_on": "30/06/2025",
            f"ext-{assignment.pk}-reason": "Chờ kinh phí.",
        },
        follow=True,
    )
    assert "Đã gửi đề nghị gia hạn." in response.content.decode()
    extension = DeadlineExtension.objects.get(assignment=assignment)
    assert (extension.requested_due_on, extension.previous_due_on) == (NEW_DUE, DUE)
    assert extension.decision == DeadlineExtension.Decision.PENDING
    html = response.content.decode()
    assert "Đã xin gia hạn đến ngày 30/06/2025, đang chờ quyết định." in html
    assert url not in html  # one request at a time


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2025", "Hãy nhập ngày theo dạng ngày/tháng/năm"),
        ("15/03/2025", "Thời hạn mới phải sau thời hạn hiện tại (31/03/2025)."),
    ],
)
def test_a_wrong_date_is_refused_beside_the_field_keeping_what_was_typed(
    client, reporter, district, directive, typed, message
):
    assignment = assignment_of(directive, district)
    client.force_login(reporter)
    prefix = f"ext-{assignment.pk}"
    response = client.post(
        reverse("directives:extension_request", args=[assignment.pk]),
        {f"{prefix}-requested_due_on": typed, f"{prefix}-reason": "Lý do riêng của đơn vị"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{prefix}-requested_due_on_error"><p class="field__error">{message}' in html
    assert f'value="{typed}"' in html
    assert "Lý do riêng của đơn vị" in html
    assert not DeadlineExtension.objects.exists()


def test_a_request_without_a_reason_is_refused_in_vietnamese(client, reporter, district, directive):
    assignment = assignment_of(directive, district)
    client.force_login(reporter)
    prefix = f"ext-{assignment.pk}"
    response = client.post(
        reverse("directives:extension_request", args=[assignment.pk]),
        {f"{prefix}-requested_due_on": "30/06/2025", f"{prefix}-reason": ""},
    )
    assert "Nêu lý do xin gia hạn." in response.content.decode()
    assert not DeadlineExtension.objects.exists()


def test_only_the_unit_that_carries_a_task_asks_to_extend_it(
    client, unit_user, staff_user, district, directive
):
    assignment = assignment_of(directive, district)
    prefix = f"ext-{assignment.pk}"
    for user in (unit_user, staff_user):
        client.force_login(user)
        response = client.post(
            reverse("directives:extension_request", args=[assignment.pk]),
            {f"{prefix}-requested_due_on": "30/06/2025", f"{prefix}-reason": "x"},
        )
        assert response.status_code == 403
    assert not DeadlineExtension.objects.exists()


def test_the_tasks_page_costs_a_bounded_number_of_queries(
    client, reporter, district, directive, staff_user, django_assert_max_num_queries
):
    for n in range(40):
        assignment = assignment_of(directive, district, text=f"Nhiệm vụ {n}")
        extension = request_extension(
            assignment=assignment, requested_due_on=NEW_DUE, reason="x", by=reporter
        )
        if n % 2:
            decide_extension(extension=extension, grant=True, by=staff_user)
    client.force_login(reporter)
    with django_assert_max_num_queries(10):
        html = page(client, reverse("directives:unit_tasks"))
    assert "Nhiệm vụ 39" in html


# Deciding on requests


@pytest.fixture
def pending(reporter, district, directive):
    assignment = assignment_of(directive, district)
    return request_extension(
        assignment=assignment, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=reporter
    )


def decide(client, extension, **data):
    prefix = f"decide-{extension.pk}"
    return client.post(
        reverse("directives:extension_decide", args=[extension.pk]),
        {f"{prefix}-{key}": value for key, value in data.items()},
        follow=True,
    )


def test_staff_see_requests_awaiting_a_decision_before_those_decided(
    client, staff_user, reporter, district, directive, pending
):
    other = request_extension(
        assignment=assignment_of(directive, district, text="Nhiệm vụ đã quyết định."),
        requested_due_on=NEW_DUE,
        reason="Lý do đã quyết định.",
        by=reporter,
    )
    decide_extension(extension=other, grant=False, note="Không có căn cứ.", by=staff_user)
    client.force_login(staff_user)
    html = page(client, reverse("directives:extension_list"))
    assert html.index("Chờ kinh phí.") < html.index("Lý do đã quyết định.")
    assert "Không có căn cứ." in html
    assert html.count("Đồng ý gia hạn</button>") == 1


def test_staff_grant_a_request_and_the_deadline_moves_keeping_the_original(
    client, staff_user, pending
):
    client.force_login(staff_user)
    response = decide(client, pending, decision="grant", note="")
    assert "Đã đồng ý gia hạn." in response.content.decode()
    assignment = Assignment.objects.get(pk=pending.assignment_id)
    assert (assignment.deadline, assignment.original_due_on) == (NEW_DUE, DUE)


def test_a_refusal_without_a_note_is_refused_beside_the_note(client, staff_user, pending):
    client.force_login(staff_user)
    response = decide(client, pending, decision="refuse", note="")
    html = response.content.decode()
    assert (
        f'id="id_decide-{pending.pk}-note_error"><p class="field__error">Nêu lý do không đồng ý gia hạn.'
        in html
    )
    pending.refresh_from_db()
    assert pending.decision == DeadlineExtension.Decision.PENDING
    response = decide(client, pending, decision="refuse", note="Không có căn cứ.")
    assert "Đã không đồng ý gia hạn." in response.content.decode()
    pending.refresh_from_db()
    assert pending.decision == DeadlineExtension.Decision.REFUSED


def test_staff_who_report_for_the_agency_cannot_decide_its_request(client, district, pending):
    both = UserFactory(role=roles.DEPARTMENT_STAFF, agency=district)
    both.groups.add(*UserFactory(role=roles.REPORTING_UNIT).groups.all())
    client.force_login(both)
    html = page(client, reverse("directives:extension_list"))
    assert "Bạn báo cáo cho đơn vị này" in html
    assert f"decide-{pending.pk}-decision" not in html
    response = decide(client, pending, decision="grant", note="")
    assert "Bạn báo cáo cho đơn vị này" in response.content.decode()
    pending.refresh_from_db()
    assert pending.decision == DeadlineExtension.Decision.PENDING


def test_leadership_reads_the_requests_and_decides_none(client, leadership_user, pending):
    client.force_login(leadership_user)
    html = page(client, reverse("directives:extension_list"))
    assert "Chờ kinh phí." in html and "Chờ quyết định" in html
    assert f"decide-{pending.pk}-decision" not in html
    assert decide(client, pending, decision="grant").status_code == 403
    pending.refresh_from_db()
    assert pending.decision == DeadlineExtension.Decision.PENDING


def test_the_request_list_costs_a_bounded_number_of_queries(
    client, staff_user, reporter, district, directive, django_assert_max_num_queries
):
    for n in range(40):
        extension = request_extension(
            assignment=assignment_of(directive, district, text=f"Nhiệm vụ {n}"),
            requested_due_on=NEW_DUE,
            reason=f"Lý do {n}",
            by=reporter,
        )
        if n % 2:
            decide_extension(extension=extension, grant=True, by=staff_user)
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        html = page(client, reverse("directives:extension_list"))
    assert "Lý do 39" in html


# The accounting page


@pytest.fixture
def counted(directive, district):
    """Due 31/03/2025: one done on time, one late, one open, one no deadline; another
    agency's task overdue; an implementing unit's part not counted among leads."""
    other = AgencyFactory(short_name="Sở Tài chính")
    assignment_of(directive, district, status=Status.DONE, completed_on=datetime.date(2025, 3, 1))
    assignment_of(
        directive,
        district,
        text="Nhiệm vụ hoàn thành muộn.",
        status=Status.DONE,
        completed_on=datetime.date(2025, 4, 10),
    )
    assignment_of(directive, district, text="Nhiệm vụ còn dở dang.")
    assignment_of(directive, district, due=None, text="Nhiệm vụ thường xuyên.")
    assignment_of(directive, other, text="Nhiệm vụ của Sở Tài chính.")
    assignment_of(directive, district, role=Assignment.Role.IMPLEMENT, text="Phần thực hiện.")


def accounting_url(directive):
    return reverse("directives:directive_accounting", args=[directive.pk])


def count_cells(html):
    return {
        label: html.split(f'data-label="Phân loại">{label}</td>')[1]
        .split("</a>")[0]
        .rsplit(">", 1)[1]
        for label in (
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Chưa hoàn thành, còn trong hạn",
            "Chưa hoàn thành, quá hạn",
            "Không có thời hạn: đã hoàn thành",
            "Không có thời hạn: đang thực hiện",
        )
    }


def test_staff_count_the_lead_tasks_as_of_a_date(client, staff_user, directive, counted):
    client.force_login(staff_user)
    html = page(client, accounting_url(directive), on="01/05/2025")
    assert "Tình hình thực hiện nhiệm vụ" in html
    assert count_cells(html) == {
        "Hoàn thành đúng hạn": "1",
        "Hoàn thành quá hạn": "1",
        "Chưa hoàn thành, còn trong hạn": "0",
        "Chưa hoàn thành, quá hạn": "2",
        "Không có thời hạn: đã hoàn thành": "0",
        "Không có thời hạn: đang thực hiện": "1",
    }
    assert "Tỷ lệ hoàn thành" in html and "50%" in html
    assert "hoàn thành 2 trên 4 nhiệm vụ đã đến hạn" in html
    assert 'value="01/05/2025"' in html  # the date chosen stays in the box


def test_the_count_changes_with_the_date(client, staff_user, directive, counted):
    client.force_login(staff_user)
    html = page(client, accounting_url(directive), on="05/04/2025")
    cells = count_cells(html)
    assert (cells["Hoàn thành đúng hạn"], cells["Hoàn thành quá hạn"]) == ("1", "0")
    assert cells["Chưa hoàn thành, quá hạn"] == "3"  # the late one was not done yet
    html = page(client, accounting_url(directive), on="15/03/2025")
    assert count_cells(html)["Chưa hoàn thành, còn trong hạn"] == "3"


def test_each_count_lists_its_tasks_with_days_overdue(client, staff_user, directive, counted):
    client.force_login(staff_user)
    html = page(client, accounting_url(directive), on="01/05/2025")
    link = "?on=01%2F05%2F2025&amp;role=lead&amp;category=open_overdue"
    assert f'href="{link}"' in html
    html = page(
        client, accounting_url(directive), on="01/05/2025", role="lead", category="open_overdue"
    )
    listed = html.split('id="listed-heading"')[1]
    assert "Chưa hoàn thành, quá hạn" in listed
    assert "Nhiệm vụ còn dở dang." in listed and "Nhiệm vụ của Sở Tài chính." in listed
    assert "Nhiệm vụ hoàn thành muộn." not in listed
    assert '<span class="late">31</span>' in listed


def test_the_role_filter_counts_implementing_units(client, staff_user, directive, counted):
    client.force_login(staff_user)
    html = page(client, accounting_url(directive), on="01/05/2025", role="implement")
    assert count_cells(html)["Chưa hoàn thành, quá hạn"] == "1"
    assert "vai trò: Thực hiện" in html


def test_a_reporting_unit_counts_only_its_own_tasks(client, reporter, directive, counted):
    client.force_login(reporter)
    html = page(client, accounting_url(directive), on="01/05/2025")
    assert count_cells(html)["Chưa hoàn thành, quá hạn"] == "1"
    assert "Chỉ tính nhiệm vụ của đơn vị bạn." in html


def test_leadership_reads_the_count(client, leadership_user, directive, counted):
    client.force_login(leadership_user)
    html = page(client, accounting_url(directive), on="01/05/2025")
    assert count_cells(html)["Chưa hoàn thành, quá hạn"] == "2"


def test_the_count_defaults_to_today_in_viet_nam_and_a_mistyped_date_says_so(
    client, staff_user, directive, counted
):
    client.force_login(staff_user)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f'value="{today}"' in page(client, accounting_url(directive))
    html = page(client, accounting_url(directive), on="32/13/2025")
    assert "Hãy nhập ngày theo dạng ngày/tháng/năm" in html
    assert f"tính đến ngày {today}" in html


def test_the_directive_page_links_to_its_count(client, any_user, plan_3707):
    client.force_login(any_user)
    html = page(client, plan_3707.get_absolute_url())
    assert accounting_url(plan_3707) in html


def test_the_count_costs_a_bounded_number_of_queries(
    client, staff_user, directive, reporter, district, django_assert_max_num_queries
):
    agencies = [AgencyFactory() for _ in range(8)]
    for _ in range(30):
        task = TaskFactory(group=TaskGroupFactory(directive=directive), due_on=DUE)
        for agency in agencies:
            AssignmentFactory(task=task, agency=agency)
        extended = AssignmentFactory(task=task, agency=district)
        request_extension(assignment=extended, requested_due_on=NEW_DUE, reason="x", by=reporter)
    client.force_login(staff_user)
    with django_assert_max_num_queries(10):
        html = page(client, accounting_url(directive), on="01/05/2025", category="open_overdue")
    assert count_cells(html)["Chưa hoàn thành, quá hạn"] == "270"
