"""The dashboard's task panels: the Government Office's count of the directive's lead
tasks as of the chosen day, a bar per task group, a row per lead agency; every number the
same as the accounting page it links to."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from directives.models import Agency, Assignment, SchoolYear
from directives.task_state import Category, accounting_queryset, task_accounting
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
ON = datetime.date(2025, 5, 1)
DUE = datetime.date(2025, 3, 31)


# --- reading the page ------------------------------------------------------------------


def dashboard(client, directive, on=ON):
    query = {"year": directive.school_year.start_year, "directive": directive.pk}
    query["on"] = on.strftime("%d/%m/%Y")
    response = client.get(reverse("dashboard:dashboard"), query)
    assert response.status_code == 200
    return response.content.decode()


def table(html, css_class):
    """The rows of the table with this class: each a list of (column, text, link)."""
    found = re.search(rf'<table class="[^"]*\b{css_class}\b[^"]*".*?</table>', html, re.S)
    assert found, css_class
    body = found.group(0).split("<tbody>")[1]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = []
        for label, inner in re.findall(r'<td[^>]*data-label="([^"]*)"[^>]*>(.*?)</td>', row, re.S):
            link = re.search(r'href="([^"]*)"', inner)
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", inner)).strip()
            cells.append((label, text, link.group(1).replace("&amp;", "&") if link else None))
        rows.append(cells)
    return rows


def headline(html):
    """{category label: {column: (count, link)}} of the headline table."""
    return {
        row[0][1]: {label: (text, link) for label, text, link in row[1:]}
        for row in table(html, "task-headline")
    }


def accounting_link(directive, **params):
    query = {"on": ON.strftime("%d/%m/%Y"), "role": "lead", **params}
    url = reverse("directives:directive_accounting", args=[directive.pk])
    return f"{url}?{urlencode(query)}"


def accounting_counts(client, url):
    """The accounting page's count per category label, as a user reads it."""
    html = client.get(url).content.decode()
    return {row[0][1]: row[1][1] for row in table(html, "accounting")}


LABELS = {c: str(label) for c, label in Category.LABELS.items()}
VI = {
    Category.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Category.DONE_LATE: "Hoàn thành quá hạn",
    Category.OPEN_IN_TIME: "Chưa hoàn thành, còn trong hạn",
    Category.OPEN_OVERDUE: "Chưa hoàn thành, quá hạn",
    Category.NO_DEADLINE_DONE: "Không có thời hạn: đã hoàn thành",
    Category.NO_DEADLINE_OPEN: "Không có thời hạn: đang thực hiện",
}


# --- a directive built with factories ------------------------------------------------


@pytest.fixture
def directive(db):
    return DirectiveFactory(school_year=SchoolYear.objects.get(start_year=2024))


@pytest.fixture
def phongtho(db):
    return Agency.objects.get(code="lc-phongtho-ubnd")


@pytest.fixture
def finance(db):
    return AgencyFactory(short_name="Sở Tài chính")


def lead(group, agency, *, due=DUE, done_on=None, status=Status.IN_PROGRESS, **extra):
    if done_on:
        status = Status.DONE
    return AssignmentFactory(
        task=TaskFactory(group=group, due_on=due),
        agency=agency,
        status=status,
        completed_on=done_on,
        **extra,
    )


@pytest.fixture
def groups(directive, phongtho, finance):
    """Group 1: Phong Thổ done on time, done late, no deadline; Sở Tài chính overdue 31
    days. Group 2: Sở Tài chính overdue 90 days, Phong Thổ within its deadline; Phong Thổ
    implements a task (not counted among leads). Group 3: no lead task."""
    first = TaskGroupFactory(directive=directive, order=1, number="1", title="Quản lý nhà nước")
    second = TaskGroupFactory(directive=directive, order=2, number="2", title="Công bằng")
    third = TaskGroupFactory(directive=directive, order=3, number="3", title="Hội nhập")
    lead(first, phongtho, done_on=datetime.date(2025, 3, 1))
    lead(first, phongtho, done_on=datetime.date(2025, 4, 10))
    lead(first, phongtho, due=None)
    lead(first, finance)
    lead(second, finance, due=datetime.date(2025, 1, 31))
    lead(second, phongtho, due=datetime.date(2025, 6, 30))
    lead(second, phongtho, role=Assignment.Role.IMPLEMENT)
    return first, second, third


def test_the_headline_counts_are_the_task_accounting_of_the_same_day(
    client, staff_user, directive, groups
):
    """Each category's count, the total and the completion rate are task_accounting's over
    the directive's lead assignments as of the chosen day."""
    client.force_login(staff_user)
    counted = task_accounting(accounting_queryset(directive), on=ON)
    cells = headline(dashboard(client, directive))
    for category, label in LABELS.items():
        assert cells[label]["Toàn tỉnh"][0] == str(counted.counts[category]), label
    assert cells["Tổng số"]["Toàn tỉnh"][0] == "6"
    assert counted.completion_rate == 50
    assert cells["Tỷ lệ hoàn thành"]["Toàn tỉnh"][0] == (
        "50% (hoàn thành 2 trên 4 nhiệm vụ đã đến hạn)"
    )


def test_the_headline_is_the_same_as_the_accounting_on_plan_3707_with_demo_data(
    client, leadership_user, plan_3707, demo
):
    """On the demo plan, for two days, the dashboard and the accounting page it links to
    give the same counts, and both are task_accounting's."""
    client.force_login(leadership_user)
    for day in (datetime.date(2024, 12, 1), timezone.localdate()):
        counted = task_accounting(accounting_queryset(plan_3707), on=day).counts
        cells = headline(dashboard(client, plan_3707, on=day))
        listed = None
        for category, label in LABELS.items():
            count, link = cells[label]["Toàn tỉnh"]
            assert count == str(counted[category]), (day, label)
            listed = listed or accounting_counts(client, link)
            assert listed[label] == count, (day, label)
        assert sum(counted.values()) > 0


def test_each_headline_count_links_to_its_list_on_the_accounting_page(
    client, staff_user, directive, groups
):
    client.force_login(staff_user)
    cells = headline(dashboard(client, directive))
    for category, label in LABELS.items():
        assert cells[label]["Toàn tỉnh"][1] == accounting_link(directive, category=category)
    assert cells["Tổng số"]["Toàn tỉnh"][1] == accounting_link(directive)
    listed = client.get(cells[LABELS[Category.OPEN_OVERDUE]]["Toàn tỉnh"][1]).content.decode()
    assert listed.count('<span class="late">') == 2  # the two overdue tasks, listed


def test_a_reporting_unit_sees_its_own_count_beside_the_provinces(
    client, unit_user, directive, groups, phongtho
):
    """Phong Thổ reads the province's count and its own; only its own links (its list
    holds its own tasks); the agency table shows its own row and the province's."""
    client.force_login(unit_user)
    html = dashboard(client, directive)
    cells = headline(html)
    own = task_accounting(accounting_queryset(directive).filter(agency=phongtho), on=ON).counts
    province = task_accounting(accounting_queryset(directive), on=ON).counts
    for category, label in LABELS.items():
        assert cells[label]["Toàn tỉnh"] == (str(province[category]), None)
        count, link = cells[label]["Đơn vị của bạn"]
        assert count == str(own[category])
        assert link == accounting_link(directive, category=category)
        assert accounting_counts(client, link)[label] == count
    assert cells[LABELS[Category.OPEN_OVERDUE]]["Toàn tỉnh"][0] == "2"
    assert cells[LABELS[Category.OPEN_OVERDUE]]["Đơn vị của bạn"][0] == "0"
    agencies = [row[0][1] for row in table(html, "task-agencies")]
    assert agencies == [str(phongtho), "Toàn tỉnh"]
    assert "Sở Tài chính" not in html.split('id="tasks-agencies-heading"')[1]


def test_staff_see_no_unit_column(client, staff_user, directive, groups):
    client.force_login(staff_user)
    cells = headline(dashboard(client, directive))
    assert set(cells[LABELS[Category.DONE_ON_TIME]]) == {"Toàn tỉnh"}


# --- progress by task group --------------------------------------------------------


def bars(html):
    """Each bar of the chart: its group title and its counts as written under it."""
    svg = re.search(r'<svg class="task-chart".*?</svg>', html, re.S).group(0)
    found = re.findall(
        r'<g class="task-bar"><title>([^<]*)</title>.*?'
        r"Hoàn thành (\d+) · Đang triển khai (\d+) · Quá hạn (\d+)|"
        r'<g class="task-bar"><title>([^<]*)</title>.*?Chưa có nhiệm vụ chủ trì',
        svg,
        re.S,
    )
    return svg, [
        (title or empty, (done, progress, overdue) if title else ("0", "0", "0"))
        for title, done, progress, overdue, empty in found
    ]


def test_the_chart_has_one_bar_per_group_and_its_table_the_same_numbers(
    client, staff_user, directive, groups
):
    client.force_login(staff_user)
    html = dashboard(client, directive)
    svg, drawn = bars(html)
    assert svg.count('<g class="task-bar">') == 3
    assert [title for title, _counts in drawn] == [
        "1. Quản lý nhà nước",
        "2. Công bằng",
        "3. Hội nhập",
    ]
    rows = table(html, "task-groups")
    tabled = [(row[0][1], tuple(text for _label, text, _link in row[1:4])) for row in rows]
    assert tabled == drawn
    assert drawn == [
        ("1. Quản lý nhà nước", ("2", "1", "1")),
        ("2. Công bằng", ("0", "1", "1")),
        ("3. Hội nhập", ("0", "0", "0")),
    ]
    assert [row[4][1] for row in rows] == ["4", "2", "0"]
    assert 'style="' not in svg  # the CSP refuses inline styles
    assert "tasks-hatch" in svg and "tasks-dots" in svg  # a pattern, not colour alone


def test_a_group_links_to_its_tasks_and_the_accounting_page_counts_that_group(
    client, staff_user, directive, groups
):
    first, second, _third = groups
    client.force_login(staff_user)
    html = dashboard(client, directive)
    rows = table(html, "task-groups")
    assert rows[1][0][2] == accounting_link(directive, group=second.pk)
    assert rows[1][3][2] == accounting_link(directive, group=second.pk, category="open_overdue")
    svg, _drawn = bars(html)
    assert f'<a href="{accounting_link(directive, group=first.pk).replace("&", "&amp;")}">' in svg
    counts = accounting_counts(client, accounting_link(directive, group=first.pk))
    assert counts == {
        VI[Category.DONE_ON_TIME]: "1",
        VI[Category.DONE_LATE]: "1",
        VI[Category.OPEN_IN_TIME]: "0",
        VI[Category.OPEN_OVERDUE]: "1",
        VI[Category.NO_DEADLINE_DONE]: "0",
        VI[Category.NO_DEADLINE_OPEN]: "1",
    }
    listed = client.get(
        accounting_link(directive, group=second.pk, category="open_overdue")
    ).content.decode()
    assert "Nhóm nhiệm vụ: 2. Công bằng" in listed
    assert '<span class="late">90</span>' in listed and listed.count('<span class="late">') == 1


def test_a_group_title_is_escaped_in_the_chart(client, staff_user, directive, phongtho):
    group = TaskGroupFactory(directive=directive, number="1", title='Nhóm <b>"đậm"</b> & khác')
    lead(group, phongtho)
    client.force_login(staff_user)
    svg, _drawn = bars(dashboard(client, directive))
    assert "<b>" not in svg
    assert "Nhóm &lt;b&gt;&quot;đậm&quot;&lt;/b&gt; &amp; khác" in svg


# --- progress by lead agency ---------------------------------------------------------


def test_the_agencies_with_the_most_overdue_come_first_with_their_longest_delay(
    client, staff_user, directive, groups, phongtho, finance
):
    client.force_login(staff_user)
    rows = table(dashboard(client, directive), "task-agencies")
    assert [row[0][1] for row in rows] == ["Sở Tài chính", str(phongtho), "Toàn tỉnh"]
    finance_row = {label: text for label, text, _link in rows[0]}
    assert finance_row[VI[Category.OPEN_OVERDUE]] == "2 (lâu nhất 90 ngày)"
    phongtho_row = {label: (text, link) for label, text, link in rows[1]}
    assert phongtho_row[VI[Category.DONE_ON_TIME]][0] == "1"
    assert phongtho_row[VI[Category.DONE_LATE]][0] == "1"
    assert phongtho_row[VI[Category.OPEN_IN_TIME]][0] == "1"
    assert phongtho_row[VI[Category.NO_DEADLINE_OPEN]][0] == "1"
    assert phongtho_row["Tổng số"][0] == "4"
    province = {label: text for label, text, _link in rows[2]}
    assert province["Tổng số"] == "6"


def test_each_agency_number_links_to_that_agencys_list(
    client, staff_user, directive, groups, finance
):
    client.force_login(staff_user)
    rows = table(dashboard(client, directive), "task-agencies")
    overdue = {label: link for label, _text, link in rows[0]}[VI[Category.OPEN_OVERDUE]]
    assert overdue == accounting_link(directive, agency=finance.pk, category="open_overdue")
    listed = client.get(overdue).content.decode()
    assert "Cơ quan, đơn vị: Sở Tài chính" in listed
    assert accounting_counts(client, overdue)[VI[Category.OPEN_OVERDUE]] == "2"
    assert accounting_counts(client, overdue)[VI[Category.DONE_ON_TIME]] == "0"
    assert listed.count('<span class="late">') == 2


def test_the_last_update_is_shown_in_viet_nam_time(client, staff_user, directive, groups, phongtho):
    """The latest change of state of an agency's lead tasks: 20:30 UTC is 03:30 the next
    morning in Hà Nội."""
    moment = datetime.datetime(2025, 4, 30, 20, 30, tzinfo=datetime.UTC)
    Assignment.objects.filter(agency=phongtho, role="lead").update(
        status_changed_at=moment - datetime.timedelta(days=3)
    )
    Assignment.objects.filter(agency=phongtho, role="lead", completed_on__isnull=False).filter(
        completed_on__gt=DUE
    ).update(status_changed_at=moment)
    client.force_login(staff_user)
    rows = table(dashboard(client, directive), "task-agencies")
    last = {row[0][1]: row[-1][1] for row in rows}
    assert last[str(phongtho)] == "01/05/2025 03:30"
    assert last["Sở Tài chính"] == "—"
    assert last["Toàn tỉnh"] == "01/05/2025 03:30"


def test_the_panels_speak_vietnamese(client, leadership_user, directive, groups):
    client.force_login(leadership_user)
    html = dashboard(client, directive)
    for text in (
        "Tình hình thực hiện nhiệm vụ",
        "Số nhiệm vụ theo phân loại",
        "Tiến độ theo nhóm nhiệm vụ",
        "Tiến độ theo đơn vị chủ trì",
        "Đơn vị chủ trì",
        "Cập nhật lần cuối",
        "Tỷ lệ hoàn thành",
        "Nhiệm vụ chủ trì tính đến ngày 01/05/2025",
        *VI.values(),
    ):
        assert text in html, text


# --- the accounting page's filters the panels link to ---------------------------------


def test_the_accounting_page_ignores_a_group_of_another_directive(
    client, staff_user, directive, groups
):
    other = TaskGroupFactory()
    client.force_login(staff_user)
    counts = accounting_counts(client, accounting_link(directive, group=other.pk))
    assert counts[VI[Category.OPEN_OVERDUE]] == "2"  # the whole directive's count


def test_a_unit_asking_for_another_agency_on_the_accounting_page_sees_nothing_of_it(
    client, unit_user, directive, groups, finance
):
    client.force_login(unit_user)
    counts = accounting_counts(client, accounting_link(directive, agency=finance.pk))
    assert set(counts.values()) == {"0"}


def test_the_accounting_page_keeps_its_filter_in_its_links_and_form(
    client, staff_user, directive, groups
):
    first = groups[0]
    client.force_login(staff_user)
    html = client.get(accounting_link(directive, group=first.pk)).content.decode()
    assert f"group={first.pk}&amp;category=open_overdue" in html
    assert f'<input type="hidden" name="group" value="{first.pk}">' in html
    assert "Tất cả nhiệm vụ của văn bản" in html


# --- cost ------------------------------------------------------------------------------


def grow(directive, *, groups, tasks, agencies):
    """Groups of tasks, each led by several agencies, some with state changes."""
    leads = [AgencyFactory() for _ in range(agencies)]
    start = directive.task_groups.count()
    for g in range(groups):
        group = TaskGroupFactory(directive=directive, order=start + g + 1)
        for t in range(tasks):
            task = TaskFactory(group=group, due_on=DUE if t % 2 else None)
            for i, agency in enumerate(leads):
                AssignmentFactory(
                    task=task,
                    agency=agency,
                    status=Status.DONE if i % 3 == 0 else Status.IN_PROGRESS,
                    completed_on=datetime.date(2025, 3, 1) if i % 3 == 0 else None,
                    status_changed_at=timezone.now(),
                )


def test_the_task_panels_cost_the_same_queries_small_or_large(client, staff_user, directive):
    client.force_login(staff_user)
    grow(directive, groups=1, tasks=1, agencies=1)
    dashboard(client, directive)  # warm the session and the role caches
    with CaptureQueriesContext(connection) as small:
        dashboard(client, directive)
    grow(directive, groups=8, tasks=6, agencies=7)
    with CaptureQueriesContext(connection) as large:
        html = dashboard(client, directive)
    assert len(large) == len(small)
    assert html.count('<g class="task-bar">') == 9
    assert len(table(html, "task-agencies")) == 9  # 8 agencies and the province


def test_a_unit_reads_the_dashboard_in_a_bounded_number_of_queries(
    client, directive, phongtho, django_assert_max_num_queries
):
    unit = UserFactory(role=roles.REPORTING_UNIT, agency=phongtho)
    grow(directive, groups=5, tasks=5, agencies=5)
    client.force_login(unit)
    with django_assert_max_num_queries(30):
        dashboard(client, directive)
