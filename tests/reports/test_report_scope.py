"""The report page reads a report's tasks and groups with ``report_scope``, in plain
queries from the unit's assignments and the report's answers; the rules stay those of
``tasks_for``, ``implemented_tasks`` and ``groups_for``, which the workflow uses: both
must list the same tasks and groups in every case a unit meets."""

from decimal import Decimal

import pytest

from directives.models import Assignment, Task
from reports.models import GroupAnswer, IndicatorValue, TaskAnswer
from reports.workflow import (
    groups_for,
    implemented_tasks,
    indicators_for,
    report_scope,
    tasks_for,
)

pytestmark = pytest.mark.django_db

Role = Assignment.Role


def _scope(report):
    return report_scope(
        report,
        answers=list(report.answers.all()),
        group_answers=list(report.group_answers.all()),
        values=list(report.values.all()),
    )


def _roles(tasks):
    return {task.pk: sorted(a.pk for a in task.unit_assignments) for task in tasks}


def test_the_report_page_lists_what_the_scope_rules_list(phongtho_report, tamduong_report):
    report = phongtho_report
    unit = report.agency
    plan = report.period.directive
    tasks = list(Task.objects.filter(group__directive=plan).order_by("group__order", "order"))
    groups = list(plan.task_groups.order_by("order"))
    by_group = {group.pk: [t for t in tasks if t.group_id == group.pk] for group in groups}
    first, second, third, fourth = (by_group[group.pk] for group in groups[:4])

    def assign(task, role, agency=unit):
        Assignment.objects.get_or_create(task=task, agency=agency, defaults={"role": role})

    assign(first[0], Role.LEAD)  # answered alone
    assign(first[1], Role.COORDINATE)  # answered alone
    for task in second:
        assign(task, Role.IMPLEMENT)  # by group
    # Another unit's assignment of the same task is not this unit's.
    assign(first[0], Role.IMPLEMENT, agency=tamduong_report.agency)
    # Answered though no longer assigned: stays in the report.
    TaskAnswer.objects.create(report=report, task=third[0], results="Đã tổ chức tập huấn.")
    # An answer with nothing in it is no answer.
    TaskAnswer.objects.create(report=report, task=third[1])
    # An answered task the unit implements is answered with its group, not alone.
    TaskAnswer.objects.create(report=report, task=second[0], progress="in_progress")
    # Another report's answer does not count for this one.
    TaskAnswer.objects.create(report=tamduong_report, task=fourth[0], results="Khác")
    # A group answered as a whole though none of its tasks is implemented any more, and
    # an empty group answer.
    GroupAnswer.objects.create(report=report, group=fourth[0].group, results="Đã thực hiện.")
    GroupAnswer.objects.create(report=report, group=third[0].group)

    scope = _scope(report)

    expected_alone = list(tasks_for(report))
    expected_implemented = list(implemented_tasks(report))
    assert scope.tasks == expected_alone
    assert scope.implemented == expected_implemented
    assert scope.groups == list(groups_for(report))
    # The cases above, beside what the seed plan already assigns the unit.
    alone = {t.pk for t in scope.tasks}
    assert {first[0].pk, first[1].pk, third[0].pk} <= alone
    assert third[1].pk not in alone and second[0].pk not in alone
    assert {t.pk for t in second} <= {t.pk for t in scope.implemented}
    assert fourth[0].pk not in alone | {t.pk for t in scope.implemented}
    assert {second[0].group_id, fourth[0].group_id} <= {g.pk for g in scope.groups}
    # Each task carries the unit's own assignments of it, as the page shows its role.
    own = {
        task.pk: sorted(a.pk for a in task.assignments.filter(agency=unit))
        for task in expected_alone + expected_implemented
    }
    assert _roles(scope.tasks) | _roles(scope.implemented) == own


def test_a_task_the_unit_leads_and_implements_is_in_both_lists(phongtho_report):
    report = phongtho_report
    task = Task.objects.filter(group__directive=report.period.directive).first()
    # One assignment per agency and task: a lead that also implements in its own area is
    # recorded through its assignment's role; the page then lists it once, led.
    Assignment.objects.update_or_create(
        task=task, agency=report.agency, defaults={"role": Role.LEAD}
    )
    scope = _scope(report)
    assert scope.tasks == list(tasks_for(report))
    assert scope.implemented == list(implemented_tasks(report))
    assert task in scope.tasks


def test_a_report_with_no_task_lists_nothing(phongtho_report):
    Assignment.objects.filter(agency=phongtho_report.agency).delete()
    scope = _scope(phongtho_report)
    assert (scope.tasks, scope.implemented, scope.groups) == ([], [], [])
    assert list(tasks_for(phongtho_report)) == []
    assert list(groups_for(phongtho_report)) == []


def test_the_report_page_lists_the_indicators_the_scope_rules_list(phongtho_report):
    """Indicators with a target for the unit (2 and 8 here), and those the report gave a
    figure for though the unit has no target; an empty row is no figure."""
    report = phongtho_report
    plan = report.period.directive
    given, empty = plan.indicators.get(order=5), plan.indicators.get(order=6)
    IndicatorValue.objects.create(report=report, indicator=given, value=4)
    IndicatorValue.objects.create(report=report, indicator=empty)
    IndicatorValue.objects.create(report=report, indicator=plan.indicators.get(order=2))

    scope = _scope(report)

    expected = list(indicators_for(report))
    assert scope.indicators == expected
    assert [i.order for i in scope.indicators] == [2, 5, 8]
    targets = {i.order: [t.target_value for t in i.own_targets] for i in scope.indicators}
    assert targets == {2: [Decimal("99.8")], 5: [], 8: [Decimal(3)]}


def test_the_report_page_reads_its_rows_without_the_joins_their_orderings_make(
    phongtho_report, admin_user
):
    """The answers, values, assignments, targets and files of one report are read into
    mappings: their models' orderings (by the report's period and agency, the task's group
    and directive) would join five tables a query only to sort. The files keep their
    upload order."""
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.models import Evidence
    from reports.selectors import report_page

    report = phongtho_report
    for name in ("bien-ban-2.pdf", "bien-ban-1.pdf"):
        Evidence.objects.create(
            report=report,
            file=ContentFile(b"%PDF-1.4\n", name=name),
            original_name=name,
            size=9,
            uploaded_by=admin_user,
        )
    with CaptureQueriesContext(connection) as queries:
        page = report_page(report)
    joined = [
        q["sql"]
        for q in queries.captured_queries
        if '"reports_reportingperiod"' in q["sql"] or '"directives_directive"' in q["sql"]
    ]
    assert joined == []
    assert [e.original_name for e in page.evidence] == ["bien-ban-2.pdf", "bien-ban-1.pdf"]
