"""Who reports what: leads answer task by task, implementing units by task group (and may
go down to a task); an approved report moves each assignment's state of record; a new
period starts from the last approved answers."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from directives import assigning
from directives.models import Agency, Assignment, Task
from reports import workflow
from reports.exports.synthesis import task_status_summary
from reports.exports.xlsx.directive import task_status_board
from reports.models import GroupAnswer, TaskAnswer
from tests.reports.conftest import complete_input, make_period

pytestmark = pytest.mark.django_db

Role = Assignment.Role


@pytest.fixture
def group_one(plan_3707):
    """Task group 1 of section III (4 tasks): the Sở leads, Phong Thổ and Tam Đường
    implement it in their area."""
    return plan_3707.task_groups.get(number="1", section__number="III")


@pytest.fixture
def assigned(group_one, staff_user):
    tasks = list(group_one.tasks.all())
    department = Agency.objects.get(code="lc-sgddt")
    districts = list(Agency.objects.filter(code__in=["lc-phongtho-ubnd", "lc-tamduong-ubnd"]))
    assigning.assign(tasks=tasks, agencies=[department], role=Role.LEAD, by=staff_user)
    assigning.assign(
        tasks=tasks,
        agencies=districts,
        role=Role.IMPLEMENT,
        by=staff_user,
        due_on=datetime.date(2024, 12, 31),
    )
    return tasks


@pytest.fixture
def grain_period(assigned, staff_user, targets):
    return make_period(staff=staff_user)


def _report(period, code):
    return period.reports.get(agency__code=code)


def _answer_all(report, by, *, group_progress="done", completed_on=None, own=()):
    data = complete_input(report)
    for item in data.groups:
        item.progress, item.completed_on = group_progress, completed_on
    data.answers += list(own)
    return workflow.save_report(report=report, data=data, expected_version=report.version, by=by)


def test_a_district_answers_the_group_it_implements_once_not_task_by_task(
    grain_period, group_one, client, unit_user
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    assert list(workflow.groups_for(report)) == [group_one]
    assert group_one.tasks.count() == 4
    assert not set(workflow.tasks_for(report)) & set(group_one.tasks.all())

    client.force_login(unit_user)
    page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert f'name="group-{group_one.pk}-progress"' in page
    assert "Nhiệm vụ thực hiện trên địa bàn, báo cáo theo nhóm nhiệm vụ" in page
    for task in group_one.tasks.all():  # each may still be answered on its own
        assert f'name="task-{task.pk}-progress"' in page


def test_submission_asks_for_the_group_answer(grain_period, group_one, unit_user):
    report = _report(grain_period, "lc-phongtho-ubnd")
    data = complete_input(report)
    data.groups = []
    workflow.save_report(report=report, data=data, expected_version=report.version, by=unit_user)
    with pytest.raises(workflow.IncompleteReport) as refused:
        workflow.submit_report(report=report, by=unit_user)
    assert any(
        item.startswith("Nhóm nhiệm vụ") and str(group_one)[:20] in item and "tình trạng" in item
        for item in refused.value.missing
    ), refused.value.missing


def test_a_completion_date_is_for_completed_work_and_not_in_the_future(
    grain_period, group_one, unit_user
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    data = complete_input(report)
    data.groups[0].progress = "in_progress"
    data.groups[0].completed_on = datetime.date(2024, 12, 1)
    with pytest.raises(ValidationError) as refused:
        workflow.save_report(
            report=report, data=data, expected_version=report.version, by=unit_user
        )
    assert f"group-{group_one.pk}-completed_on" in refused.value.message_dict
    data.groups[0].progress = "done"
    data.groups[0].completed_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        workflow.save_report(
            report=report, data=data, expected_version=report.version, by=unit_user
        )


def test_approval_moves_the_state_of_every_task_the_group_answer_stands_for(
    grain_period, group_one, unit_user, staff_user
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    first, *others = list(group_one.tasks.all())
    own = workflow.AnswerInput(task_id=first.pk, progress="in_progress", results="Đang làm.")
    _answer_all(report, unit_user, completed_on=datetime.date(2024, 12, 20), own=[own])
    workflow.submit_report(report=report, by=unit_user)
    workflow.approve_report(report=report, by=staff_user)

    states = {
        a.task_id: a
        for a in Assignment.objects.filter(agency__code="lc-phongtho-ubnd", task__group=group_one)
    }
    # The task answered on its own keeps its own status; the others take the group's.
    assert states[first.pk].status == "in_progress"
    assert states[first.pk].completed_on is None
    for task in others:
        assert states[task.pk].status == "done"
        assert states[task.pk].completed_on == datetime.date(2024, 12, 20)
    # Tam Đường has not reported: its part is untouched.
    assert not Assignment.objects.filter(
        agency__code="lc-tamduong-ubnd", task__group=group_one, status="done"
    ).exists()


def test_a_completed_task_without_a_date_was_completed_when_the_report_was_submitted(
    grain_period, group_one, unit_user, staff_user
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    _answer_all(report, unit_user)
    workflow.submit_report(report=report, by=unit_user)
    workflow.approve_report(report=report, by=staff_user)
    report.refresh_from_db()
    assert set(
        Assignment.objects.filter(
            agency__code="lc-phongtho-ubnd", task__group=group_one
        ).values_list("completed_on", flat=True)
    ) == {timezone.localdate(report.submitted_at)}


def test_a_returned_report_moves_nothing(grain_period, group_one, unit_user, staff_user):
    report = _report(grain_period, "lc-phongtho-ubnd")
    _answer_all(report, unit_user)
    workflow.submit_report(report=report, by=unit_user)
    workflow.return_report(report=report, reason="Bổ sung minh chứng.", by=staff_user)
    assert not Assignment.objects.filter(task__group=group_one, status="done").exists()


def test_the_next_period_starts_from_the_last_approved_answers_and_done_stays_done(
    grain_period, group_one, unit_user, staff_user, client
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    _answer_all(report, unit_user, completed_on=datetime.date(2024, 12, 20))
    workflow.submit_report(report=report, by=unit_user)
    workflow.approve_report(report=report, by=staff_user)

    later = workflow.open_period(
        directive=grain_period.directive,
        school_year=grain_period.school_year,
        kind="year_end",
        name="Tổng kết năm học 2024 - 2025",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2025, 5, 31),
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        locks_on=timezone.localdate() + datetime.timedelta(days=30),
        by=staff_user,
    )
    new = _report(later, "lc-phongtho-ubnd")
    carried = GroupAnswer.objects.get(report=new, group=group_one)
    assert carried.carried_over
    assert (carried.progress, carried.completed_on) == ("done", datetime.date(2024, 12, 20))
    assert carried.results == "Đã triển khai trên địa bàn tới 100% trường học."
    assert TaskAnswer.objects.filter(report=new, carried_over=True).count() == (
        TaskAnswer.objects.filter(report=report).exclude(progress="").count()
    )
    # The unseen Tam Đường report had nothing approved: it starts empty.
    assert not _report(later, "lc-tamduong-ubnd").group_answers.exists()

    client.force_login(unit_user)
    page = client.get(reverse("reports:report_edit", args=[new.pk])).content.decode()
    assert "Chuyển từ báo cáo đã duyệt kỳ trước" in page

    # The unit says "in progress" this time: the answer is its own now, the task stays done.
    data = complete_input(new)
    workflow.save_report(report=new, data=data, expected_version=new.version, by=unit_user)
    carried.refresh_from_db()
    assert not carried.carried_over and carried.progress == "in_progress"
    workflow.submit_report(report=new, by=unit_user)
    workflow.approve_report(report=new, by=staff_user)
    assert set(
        Assignment.objects.filter(
            agency__code="lc-phongtho-ubnd", task__group=group_one
        ).values_list("status", flat=True)
    ) == {"done"}


def test_the_lead_sees_how_many_implementers_have_completed_each_task(
    grain_period, group_one, unit_user, staff_user, client
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    _answer_all(report, unit_user)
    workflow.submit_report(report=report, by=unit_user)
    workflow.approve_report(report=report, by=staff_user)

    department_report = _report(grain_period, "lc-sgddt")
    page = client_page = None
    client.force_login(staff_user)
    client_page = client.get(reverse("reports:report_detail", args=[department_report.pk]))
    page = client_page.content.decode()
    assert "1/2" in page
    assert page.count("1/2") >= group_one.tasks.count()


def test_the_synthesis_counts_a_group_answer_once_for_its_group(
    grain_period, group_one, unit_user, staff_user
):
    report = _report(grain_period, "lc-phongtho-ubnd")
    first = group_one.tasks.first()
    own = workflow.AnswerInput(task_id=first.pk, progress="in_progress", results="Đang làm.")
    _answer_all(report, unit_user, own=[own])
    workflow.submit_report(report=report, by=unit_user)
    workflow.approve_report(report=report, by=staff_user)

    summary = task_status_summary(grain_period)
    row = next(r for r in summary.by_group if r.number == "1" and r.label == group_one.title)
    done_column = [value for value, _label in TaskAnswer.Progress.choices].index("done")
    assert row.total == 1 and row.counts[done_column] == 1

    board = task_status_board(grain_period)
    agency = Agency.objects.get(code="lc-phongtho-ubnd")
    statuses = {board.progress.get((t.pk, agency.pk)) for t in group_one.tasks.all()}
    assert statuses == {"done", "in_progress"}  # the group's, and the task's own


def test_opening_a_period_warns_about_tasks_without_a_lead(plan_3707, client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("reports:period_create") + f"?directive={plan_3707.pk}")
    text = page.content.decode()
    without = assigning.tasks_without_lead(plan_3707).count()
    assert without > 0
    assert f"{without} " in text
    first = assigning.tasks_without_lead(plan_3707).first()
    assert first.text.split()[0] in text


def test_existing_approved_answers_become_the_state_of_record(grain_period, admin_user):
    """The data migration for existing installs reads approved answers into the state."""
    report = _report(grain_period, "lc-sgddt")
    lead_tasks = list(workflow.tasks_for(report))
    answers = [
        workflow.AnswerInput(task_id=t.pk, progress="done", results="Đã hoàn thành.")
        for t in lead_tasks
    ]
    workflow.save_report(
        report=report,
        data=workflow.ReportInput(answers=answers),
        expected_version=report.version,
        by=admin_user,
    )
    TaskAnswer.objects.filter(report=report).update(completed_on=None)
    report.status, report.submitted_at = "approved", timezone.now()
    report.first_submitted_at = report.submitted_at
    report.save()
    Assignment.objects.update(status="not_started", completed_on=None)

    migration = importlib.import_module("reports.migrations.0008_task_state_from_approved_answers")
    migration.state_from_approved_answers(apps, None)
    done = Assignment.objects.filter(agency__code="lc-sgddt", task__in=lead_tasks)
    assert {(a.status, a.completed_on) for a in done} == {
        ("done", timezone.localdate(report.submitted_at))
    }
    assert Task.objects.filter(pk__in=[t.pk for t in lead_tasks]).count() == len(lead_tasks)


def test_the_report_form_costs_the_same_queries_for_one_group_or_the_whole_plan(
    grain_period, plan_3707, unit_user, staff_user, client
):
    """47 tasks × the 8 districts implementing them × 3 roles cost no more than 4 tasks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = _report(grain_period, "lc-phongtho-ubnd")
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[report.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    tasks = list(Task.objects.filter(group__directive=plan_3707))
    districts = list(Agency.objects.filter(kind=Agency.Kind.DISTRICT, code__startswith="lc-"))
    department = Agency.objects.get(code="lc-sgddt")
    assigning.assign(tasks=tasks, agencies=districts, role=Role.IMPLEMENT, by=staff_user)
    assigning.assign(tasks=tasks, agencies=[department], role=Role.LEAD, by=staff_user)
    others = Agency.objects.exclude(pk__in=[a.pk for a in districts + [department]])[:8]
    assigning.assign(tasks=tasks, agencies=list(others), role=Role.COORDINATE, by=staff_user)
    assert len(workflow.groups_for(report)) == plan_3707.task_groups.count()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    # (Here the district implements the tasks it led before: fewer kinds of rows.)
    assert len(many) <= len(few), (
        [q["sql"][:100] for q in few.captured_queries],
        [q["sql"][:100] for q in many.captured_queries],
    )
