"""Counting tasks as the Government Office does, as of a date, and the state of record that
the count reads: progress from approved reports, staff corrections, deadline extensions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import roles
from directives.assigning import set_due_dates
from directives.models import Assignment, DeadlineExtension
from directives.task_state import (
    Category,
    CountedTask,
    TaskAccounting,
    assignment_facts,
    classify,
    deadline_on,
    decide_extension,
    record_progress,
    request_extension,
    set_status,
    task_accounting,
)
from tests.factories import AgencyFactory, AssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Assignment.Status
DUE = datetime.date(2025, 3, 31)
NEW_DUE = datetime.date(2025, 6, 30)
GRANTED = datetime.date(2025, 4, 5)


def day(text: str) -> datetime.date:
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def task(*, due=DUE, done_on=None, status=None, agency=None) -> Assignment:
    """A lead assignment due on ``due`` (None: no deadline), done on ``done_on`` if given."""
    extra = {"agency": agency} if agency else {}
    if done_on:
        return AssignmentFactory(
            task__due_on=due, status=Status.DONE, completed_on=done_on, **extra
        )
    return AssignmentFactory(task__due_on=due, status=status or Status.IN_PROGRESS, **extra)


@pytest.fixture
def unit(db):
    return AgencyFactory()


@pytest.fixture
def unit_reporter(unit):
    return UserFactory(role=roles.REPORTING_UNIT, agency=unit)


@pytest.fixture
def staff(db):
    return UserFactory(role=roles.DEPARTMENT_STAFF)


def granted_on(extension: DeadlineExtension, when: datetime.date) -> DeadlineExtension:
    """Date the decision as if staff had made it on ``when`` (noon, local time)."""
    moment = timezone.make_aware(datetime.datetime.combine(when, datetime.time(12)))
    DeadlineExtension.objects.filter(pk=extension.pk).update(decided_at=moment)
    extension.refresh_from_db()
    return extension


def extended(assignment, *, reporter, staff, to=NEW_DUE, granted=GRANTED):
    extension = request_extension(
        assignment=assignment, requested_due_on=to, reason="Chờ kinh phí.", by=reporter
    )
    decide_extension(extension=extension, grant=True, by=staff)
    granted_on(extension, granted)
    return Assignment.objects.prefetch_related("extensions").get(pk=assignment.pk)


# Done, as of a date


def test_a_task_done_before_its_deadline_is_done_on_time():
    counted = classify(task(done_on=day("20/03/2025")), on=day("01/05/2025"))
    assert counted.category == Category.DONE_ON_TIME
    assert counted.deadline == DUE


def test_a_task_done_on_its_deadline_day_is_done_on_time():
    assert classify(task(done_on=DUE), on=DUE).category == Category.DONE_ON_TIME


def test_a_task_done_after_its_deadline_is_done_late_by_the_days_past_it():
    counted = classify(task(done_on=day("03/04/2025")), on=day("01/05/2025"))
    assert counted.category == Category.DONE_LATE
    assert counted.days_late == 3


def test_a_completion_after_the_date_counted_is_not_done_on_that_date():
    """Done on 10/04: on 05/04 it was still open, and five days overdue."""
    assignment = task(done_on=day("10/04/2025"))
    on_the_fifth = classify(assignment, on=day("05/04/2025"))
    assert on_the_fifth.category == Category.OPEN_OVERDUE
    assert on_the_fifth.days_overdue == 5
    assert classify(assignment, on=day("20/03/2025")).category == Category.OPEN_IN_TIME


# Not done


def test_a_task_not_done_is_within_its_deadline_up_to_the_deadline_day():
    assignment = task()
    assert classify(assignment, on=day("01/03/2025")).category == Category.OPEN_IN_TIME
    assert classify(assignment, on=DUE).category == Category.OPEN_IN_TIME


def test_a_task_not_done_after_its_deadline_is_overdue_by_the_days_since():
    assignment = task(status=Status.DELAYED)
    next_day = classify(assignment, on=day("01/04/2025"))
    assert (next_day.category, next_day.days_overdue) == (Category.OPEN_OVERDUE, 1)
    a_month = classify(assignment, on=day("01/05/2025"))
    assert (a_month.category, a_month.days_overdue) == (Category.OPEN_OVERDUE, 31)


def test_an_agencys_own_deadline_counts_before_the_tasks():
    assignment = AssignmentFactory(task__due_on=DUE, due_on=day("15/03/2025"))
    counted = classify(assignment, on=day("20/03/2025"))
    assert (counted.category, counted.days_overdue) == (Category.OPEN_OVERDUE, 5)


# Without a deadline


def test_tasks_without_a_deadline_are_kept_apart_done_or_in_progress():
    on = day("01/05/2025")
    assert classify(task(due=None, done_on=day("01/01/2025")), on=on).category == (
        Category.NO_DEADLINE_DONE
    )
    assert classify(task(due=None), on=on).category == Category.NO_DEADLINE_OPEN
    assert classify(task(due=None, done_on=day("02/05/2025")), on=on).category == (
        Category.NO_DEADLINE_OPEN
    )


# Extensions


def test_an_extension_counts_against_the_original_deadline_until_the_day_it_is_granted(
    unit, unit_reporter, staff
):
    """Due 31/03, extended to 30/06 on 05/04: overdue on 01/04 and 04/04, in time from
    05/04 until 30/06, overdue again after."""
    assignment = extended(task(agency=unit), reporter=unit_reporter, staff=staff)
    before = classify(assignment, on=day("04/04/2025"))
    assert (before.category, before.deadline, before.days_overdue) == (
        Category.OPEN_OVERDUE,
        DUE,
        4,
    )
    on_the_day = classify(assignment, on=day("05/04/2025"))
    assert (on_the_day.category, on_the_day.deadline) == (Category.OPEN_IN_TIME, NEW_DUE)
    after = classify(assignment, on=day("02/07/2025"))
    assert (after.category, after.days_overdue) == (Category.OPEN_OVERDUE, 2)


def test_a_task_done_within_its_extension_is_done_on_time_once_granted(unit, unit_reporter, staff):
    assignment = extended(task(agency=unit), reporter=unit_reporter, staff=staff)
    Assignment.objects.filter(pk=assignment.pk).update(
        status=Status.DONE, completed_on=day("20/05/2025")
    )
    assignment = Assignment.objects.prefetch_related("extensions").get(pk=assignment.pk)
    assert classify(assignment, on=day("01/06/2025")).category == Category.DONE_ON_TIME


def test_granting_keeps_the_original_deadline_beside_the_new_one(unit, unit_reporter, staff):
    assignment = extended(task(agency=unit), reporter=unit_reporter, staff=staff)
    assert (assignment.original_due_on, assignment.deadline) == (DUE, NEW_DUE)
    second = request_extension(
        assignment=assignment,
        requested_due_on=day("31/07/2025"),
        reason="Chưa đủ giáo viên.",
        by=unit_reporter,
    )
    assert second.previous_due_on == NEW_DUE
    decide_extension(extension=second, grant=True, by=staff)
    assignment.refresh_from_db()
    assert (assignment.original_due_on, assignment.deadline) == (DUE, day("31/07/2025"))


def test_a_refused_or_pending_extension_leaves_the_deadline_where_it_was(
    unit, unit_reporter, staff
):
    refused_task, pending_task = task(agency=unit), task(agency=unit)
    refusal = request_extension(
        assignment=refused_task, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=unit_reporter
    )
    decide_extension(extension=refusal, grant=False, note="Không có căn cứ.", by=staff)
    request_extension(
        assignment=pending_task, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=unit_reporter
    )
    for assignment in (refused_task, pending_task):
        assignment = Assignment.objects.prefetch_related("extensions").get(pk=assignment.pk)
        counted = classify(assignment, on=day("10/04/2025"))
        assert (counted.category, counted.deadline, counted.days_overdue) == (
            Category.OPEN_OVERDUE,
            DUE,
            10,
        )
        assert assignment.original_due_on is None


def test_a_deadline_staff_set_after_an_extension_is_the_deadline_from_then_on(
    unit, unit_reporter, staff
):
    """Staff moving the deadline is a new deadline, not an extension: it counts."""
    assignment = extended(task(agency=unit), reporter=unit_reporter, staff=staff)
    set_due_dates(by=staff, due_on=day("31/08/2025"), assignments=[assignment])
    assignment = Assignment.objects.prefetch_related("extensions").get(pk=assignment.pk)
    assert deadline_on(assignment, day("15/07/2025")) == day("31/08/2025")
    assert classify(assignment, on=day("15/07/2025")).category == Category.OPEN_IN_TIME
    assert deadline_on(assignment, day("01/04/2025")) == DUE


# Requesting and deciding


def test_an_extension_needs_a_reason_and_a_later_date(unit, unit_reporter):
    assignment = task(agency=unit)
    with pytest.raises(ValidationError) as refused:
        request_extension(
            assignment=assignment, requested_due_on=DUE, reason="  ", by=unit_reporter
        )
    assert set(refused.value.message_dict) == {"reason", "requested_due_on"}
    assert not DeadlineExtension.objects.exists()


def test_only_a_unit_that_carries_the_task_asks_to_extend_it(unit, staff):
    outsider = UserFactory(role=roles.REPORTING_UNIT, agency=AgencyFactory())
    for user in (outsider, staff):
        with pytest.raises(PermissionDenied):
            request_extension(
                assignment=task(agency=unit), requested_due_on=NEW_DUE, reason="x", by=user
            )


def test_a_refusal_needs_a_note(unit, unit_reporter, staff):
    extension = request_extension(
        assignment=task(agency=unit), requested_due_on=NEW_DUE, reason="x", by=unit_reporter
    )
    with pytest.raises(ValidationError) as refused:
        decide_extension(extension=extension, grant=False, note=" ", by=staff)
    assert "note" in refused.value.message_dict
    extension.refresh_from_db()
    assert extension.decision == DeadlineExtension.Decision.PENDING


def test_someone_who_reports_for_the_agency_cannot_decide_its_request(unit, unit_reporter):
    """A staff member who also reports for the agency is refused, saying why."""
    both = UserFactory(role=roles.DEPARTMENT_STAFF, agency=unit)
    both.groups.add(*UserFactory(role=roles.REPORTING_UNIT).groups.all())
    extension = request_extension(
        assignment=task(agency=unit), requested_due_on=NEW_DUE, reason="x", by=unit_reporter
    )
    with pytest.raises(ValidationError) as refused:
        decide_extension(extension=extension, grant=True, by=both)
    assert "báo cáo cho đơn vị này" in " ".join(refused.value.messages)
    extension.refresh_from_db()
    assert extension.decision == DeadlineExtension.Decision.PENDING


def test_a_request_is_decided_once(unit, unit_reporter, staff):
    extension = request_extension(
        assignment=task(agency=unit), requested_due_on=NEW_DUE, reason="x", by=unit_reporter
    )
    decide_extension(extension=extension, grant=True, by=staff)
    with pytest.raises(ValidationError):
        decide_extension(extension=extension, grant=False, note="Nhầm.", by=staff)


# The count


@pytest.mark.parametrize("on", ["01/04/2025", "10/04/2025", "01/08/2025"])
def test_an_assignments_plain_facts_count_as_the_assignment_does(unit, unit_reporter, staff, on):
    """The dashboard counts from one row of values an assignment (assignment_facts): the
    same categories, deadlines and days, before and after an extension is granted."""
    late = task(agency=unit)
    extended(late, reporter=unit_reporter, staff=staff)
    own_date = AssignmentFactory(task__due_on=DUE, due_on=day("15/04/2025"), agency=unit)
    done_in_extension = task(agency=unit)
    extended(done_in_extension, reporter=unit_reporter, staff=staff)
    Assignment.objects.filter(pk=done_in_extension.pk).update(
        status=Status.DONE, completed_on=day("20/06/2025")
    )
    rows = [late, own_date, done_in_extension, task(done_on=day("15/04/2025")), task(due=None)]
    queryset = Assignment.objects.filter(pk__in=[a.pk for a in rows]).order_by("pk")
    counted = task_accounting(queryset.select_related("task", "agency"), on=day(on))
    from_facts = task_accounting(assignment_facts(queryset), on=day(on))

    def seen(accounting):
        return [
            (t.assignment.pk, t.category, t.deadline, t.days_overdue, t.days_late)
            for t in accounting.tasks
        ]

    assert seen(from_facts) == seen(counted)
    assert from_facts.counts == counted.counts
    assert [t.assignment.agency_name for t in from_facts.tasks] == [
        str(t.assignment.agency) for t in counted.tasks
    ]
    assert [t.assignment.group_id for t in from_facts.tasks] == [
        t.assignment.task.group_id for t in counted.tasks
    ]


def test_the_count_puts_each_task_in_one_category_and_the_rate_is_done_over_fallen_due():
    on = day("01/05/2025")
    assignments = [
        task(done_on=day("01/03/2025")),
        task(done_on=DUE),
        task(done_on=day("15/04/2025")),
        task(),
        task(status=Status.NOT_STARTED),
        task(due=day("31/12/2025")),
        task(due=None, done_on=day("01/02/2025")),
        task(due=None),
    ]
    accounting = task_accounting(assignments, on=on)
    assert accounting.counts == {
        Category.DONE_ON_TIME: 2,
        Category.DONE_LATE: 1,
        Category.OPEN_IN_TIME: 1,
        Category.OPEN_OVERDUE: 2,
        Category.NO_DEADLINE_DONE: 1,
        Category.NO_DEADLINE_OPEN: 1,
    }
    assert accounting.done == 3
    assert accounting.fallen_due == 5
    assert str(accounting.completion_rate) == "60.0"
    assert [t.days_overdue for t in accounting.of(Category.OPEN_OVERDUE)] == [31, 31]


def test_counting_many_reads_their_extensions_once_and_counts_each_as_alone(
    unit, unit_reporter, staff, django_assert_num_queries
):
    """The count of many assignments reads their extensions in one query, and puts each
    where it stands counted on its own: extended twice, refused, pending, moved by staff,
    or never extended."""
    twice = extended(task(agency=unit), reporter=unit_reporter, staff=staff)
    extended(
        twice, reporter=unit_reporter, staff=staff, to=day("31/07/2025"), granted=day("01/07/2025")
    )
    refused, pending, moved = task(agency=unit), task(agency=unit), task(agency=unit)
    refusal = request_extension(
        assignment=refused, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=unit_reporter
    )
    decide_extension(extension=refusal, grant=False, note="Không có căn cứ.", by=staff)
    request_extension(
        assignment=pending, requested_due_on=NEW_DUE, reason="Chờ kinh phí.", by=unit_reporter
    )
    moved = extended(moved, reporter=unit_reporter, staff=staff)
    set_due_dates(by=staff, due_on=day("31/08/2025"), assignments=[moved])
    pks = [twice.pk, refused.pk, pending.pk, moved.pk, task(agency=unit).pk]
    for on in (day("01/04/2025"), day("10/04/2025"), day("15/07/2025"), day("01/09/2025")):
        alone = [
            classify(Assignment.objects.select_related("task").get(pk=pk), on=on) for pk in pks
        ]
        assignments = list(Assignment.objects.select_related("task").filter(pk__in=pks))
        assignments.sort(key=lambda a: pks.index(a.pk))
        with django_assert_num_queries(1):
            counted = task_accounting(assignments, on=on)
        assert [(t.category, t.deadline, t.days_overdue) for t in counted.tasks] == [
            (t.category, t.deadline, t.days_overdue) for t in alone
        ]


def test_the_government_offices_own_figures_give_its_rate():
    """Báo cáo 1270/BC-TCTTTg: 14 068 on time, 1 983 late, 223 overdue: 98,6%."""
    tasks = (
        [CountedTask(None, Category.DONE_ON_TIME, DUE)] * 14_068
        + [CountedTask(None, Category.DONE_LATE, DUE)] * 1_983
        + [CountedTask(None, Category.OPEN_OVERDUE, DUE)] * 223
        + [CountedTask(None, Category.OPEN_IN_TIME, DUE)] * 5_640
    )
    accounting = TaskAccounting(on=DUE, tasks=tasks)
    assert accounting.done == 16_051
    assert str(accounting.completion_rate) == "98.6"


def test_the_rate_rounds_a_half_up_as_reports_do():
    """1 done of 400 fallen due is 0,25%: 0,3% in a report, not 0,2%."""
    tasks = [CountedTask(None, Category.DONE_ON_TIME, DUE)] + [
        CountedTask(None, Category.OPEN_OVERDUE, DUE)
    ] * 399
    assert str(TaskAccounting(on=DUE, tasks=tasks).completion_rate) == "0.3"


def test_nothing_fallen_due_has_no_rate():
    accounting = task_accounting([task(due=day("31/12/2025")), task(due=None)], on=DUE)
    assert accounting.completion_rate is None


# The state of record


def test_progress_from_a_report_moves_the_state_and_a_task_done_stays_done(staff):
    assignment = task()
    record_progress(assignment=assignment, status=Status.DONE, completed_on=DUE, by=staff)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.completed_on) == (Status.DONE, DUE)
    record_progress(assignment=assignment, status=Status.IN_PROGRESS, completed_on=None, by=staff)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.completed_on) == (Status.DONE, DUE)


def test_progress_that_repeats_the_status_changes_nothing(staff):
    """The same status approved again keeps the day it changed, and writes no history."""
    assignment = task(status=Status.NOT_STARTED)
    record_progress(assignment=assignment, status=Status.IN_PROGRESS, completed_on=None, by=staff)
    assignment.refresh_from_db()
    changed_at, rows = assignment.status_changed_at, assignment.history.count()
    record_progress(assignment=assignment, status=Status.IN_PROGRESS, completed_on=None, by=staff)
    assignment.refresh_from_db()
    assert assignment.status_changed_at == changed_at
    assert assignment.history.count() == rows


def test_staff_correct_a_state_with_a_reason_the_history_keeps(staff):
    assignment = task(done_on=DUE)
    set_status(
        assignment=assignment,
        status=Status.IN_PROGRESS,
        completed_on=None,
        reason="Báo cáo nhầm.",
        by=staff,
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.completed_on) == (Status.IN_PROGRESS, None)
    latest = assignment.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("Báo cáo nhầm.", staff)


def test_a_state_correction_needs_a_reason_and_a_completion_date_for_done(staff, unit_reporter):
    assignment = task()
    with pytest.raises(ValidationError) as refused:
        set_status(
            assignment=assignment, status=Status.DONE, completed_on=None, reason="", by=staff
        )
    assert set(refused.value.message_dict) == {"completed_on", "reason"}
    with pytest.raises(PermissionDenied):
        set_status(
            assignment=assignment,
            status=Status.DONE,
            completed_on=DUE,
            reason="x",
            by=unit_reporter,
        )
    assignment.refresh_from_db()
    assert assignment.status == Status.IN_PROGRESS
