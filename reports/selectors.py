"""Reads for the reporting pages: scoped by user, joined and prefetched here."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet, Sum

from directives.models import Agency, Assignment, Directive, Task, TaskGroup
from indicators.models import Indicator, IndicatorTarget
from indicators.rollup import Judgement, UnitFigure, achievement, judge, roll_up
from reports import permissions
from reports.models import (
    Evidence,
    GroupAnswer,
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)
from reports.workflow import (
    days_late,
    days_overdue,
    is_locked,
    is_resubmitted,
    report_scope,
)

Status = ProgressReport.Status


def reports_visible_to(user) -> QuerySet[ProgressReport]:
    """Staff and leadership see every report; a unit only its own (and sub-agencies')."""
    reports = ProgressReport.objects.select_related(
        "period__directive", "period__school_year", "agency"
    )
    if permissions.sees_everything(user):
        return reports
    return reports.filter(agency_id__in=permissions.unit_agency_ids(user))


def periods_visible_to(user) -> QuerySet[ReportingPeriod]:
    periods = ReportingPeriod.objects.select_related("directive", "school_year").annotate(
        report_count=Count("reports", distinct=True),
        approved_count=Count("reports", filter=Q(reports__status=Status.APPROVED), distinct=True),
        submitted_count=Count("reports", filter=Q(reports__status=Status.SUBMITTED), distinct=True),
    )
    if permissions.sees_everything(user):
        return periods
    return periods.filter(reports__agency_id__in=permissions.unit_agency_ids(user)).distinct()


@dataclass
class OwedReport:
    report: ProgressReport
    days_late: int
    days_overdue: int
    editable: bool


def reports_owed_by(user) -> list[OwedReport]:
    """What the user still owes for the agencies they report for (newest due first),
    returned ones included; a user who reports for no agency but is not staff or
    leadership sees what their agency's reports are waiting for."""
    reports = reports_visible_to(user).exclude(status__in=[Status.APPROVED])
    if permissions.sees_everything(user):
        reports = reports.filter(agency_id__in=permissions.reporting_agency_ids(user))
    reports = reports.order_by("period__due_on", "agency__name")
    return [
        OwedReport(
            r, days_late(r), days_overdue(r), r.status != Status.SUBMITTED and not is_locked(r)
        )
        for r in reports
    ]


def reports_to_review(user) -> QuerySet[ProgressReport]:
    """The submitted reports waiting for the user's review: none of their own agencies'
    and none they submitted (nobody reviews their own work), oldest first."""
    return (
        reports_visible_to(user)
        .filter(status=Status.SUBMITTED)
        .exclude(agency_id__in=permissions.own_agency_ids(user))
        .exclude(submitted_by=user)
        .order_by("submitted_at", "agency__name")
    )


@dataclass
class BoardRow:
    """A unit's report on the board. Timeliness is that of its first submission: a report
    returned and submitted again after the due date was still on time."""

    report: ProgressReport
    days_late: int  # first submission after the due date
    days_overdue: int  # never submitted, and the due date has passed
    on_time: bool | None  # None while nothing is submitted
    resubmitted: bool

    @property
    def being_corrected(self) -> bool:
        """Submitted once, now back with the unit (returned, or reopened by staff)."""
        return self.report.first_submitted_at is not None and self.report.status in (
            Status.DRAFT,
            Status.RETURNED,
        )


@dataclass
class CompletenessBoard:
    period: ReportingPeriod
    rows: list[BoardRow]
    counts: list[tuple[str, str, int]]  # status, label, number of units
    late_count: int  # units whose first submission came after the due date
    overdue_count: int  # units that have submitted nothing and are past the due date


def completeness_board(
    period: ReportingPeriod, *, reports: list[ProgressReport] | None = None
) -> CompletenessBoard:
    """Every unit of the period with its status and timeliness, in two queries.
    ``reports`` are the period's, with their agencies and in their names' order, when
    they were read already (the dashboard reads every period's at once)."""
    if reports is None:
        reports = list(period.reports.select_related("agency", "period").order_by("agency__name"))
    rows = []
    for report in reports:
        late = days_late(report)
        rows.append(
            BoardRow(
                report,
                days_late=late,
                days_overdue=days_overdue(report),
                on_time=(late == 0) if report.first_submitted_at else None,
                resubmitted=is_resubmitted(report),
            )
        )
    counts = Counter(r.status for r in reports)
    return CompletenessBoard(
        period=period,
        rows=rows,
        counts=[(status, label, counts.get(status, 0)) for status, label in Status.choices],
        late_count=sum(1 for row in rows if row.days_late),
        overdue_count=sum(1 for row in rows if row.days_overdue),
    )


@dataclass
class TaskRow:
    task: Task
    answer: TaskAnswer | None
    roles: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    deadline: datetime.date | None = None
    implementers_done: int = 0
    implementers: int = 0  # units implementing the task, for its lead to see


@dataclass
class GroupRow:
    """A task group an implementing unit answers as a whole, with the tasks it stands
    for (each of which may also be answered on its own)."""

    group: TaskGroup
    answer: GroupAnswer | None
    task_rows: list[TaskRow]


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: IndicatorValue | None
    unit_target: IndicatorTarget | None
    judgement: Judgement | None


@dataclass
class ReportPage:
    report: ProgressReport
    task_rows: list[TaskRow]
    group_rows: list[GroupRow]
    indicator_rows: list[IndicatorRow]
    evidence: list[Evidence]  # every file, the report's and its tasks'
    report_evidence: list[Evidence]  # the files for the report as a whole
    locked: bool
    days_late: int
    days_overdue: int
    resubmitted: bool


def _implementer_state(task_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each task, how many implementing units have completed it, of how many."""
    state = {}
    rows = (
        Assignment.objects.filter(task_id__in=task_ids, role=Assignment.Role.IMPLEMENT)
        # Grouped, the model's ordering is dropped but its joins stay: cleared here.
        .order_by()
        .values("task_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=Assignment.Status.DONE)))
    )
    for row in rows:
        state[row["task_id"]] = (row["done"], row["total"])
    return state


def report_page(report: ProgressReport) -> ReportPage:
    """A report with its tasks, answers, indicators, values and evidence: a fixed number
    of queries whatever the number of tasks and indicators."""
    # Read into mappings by task, group and indicator: unordered, for the models' orderings
    # join the report's period and agency, and the task, group or indicator, only to sort.
    all_answers = list(report.answers.order_by())
    all_group_answers = list(report.group_answers.order_by())
    all_values = list(report.values.order_by())
    scope = report_scope(
        report, answers=all_answers, group_answers=all_group_answers, values=all_values
    )
    tasks, implemented, groups = scope.tasks, scope.implemented, scope.groups
    implementer_state = _implementer_state([t.pk for t in tasks])
    answers = {a.task_id: a for a in all_answers}
    indicators = scope.indicators
    values = {v.indicator_id: v for v in all_values}
    evidence = list(
        report.evidence.select_related("uploaded_by", "task").order_by("uploaded_at", "pk")
    )
    evidence_by_task = defaultdict(list)
    for item in evidence:
        evidence_by_task[item.task_id].append(item)
    indicator_rows = []
    for indicator in indicators:
        target = indicator.own_targets[0] if indicator.own_targets else None
        value = values.get(indicator.pk)
        indicator_rows.append(
            IndicatorRow(
                indicator,
                value,
                target,
                judge(
                    value=value.value if value else None,
                    baseline=target.baseline_value if target else None,
                    target=target.target_value if target else None,
                    direction=indicator.direction,
                ),
            )
        )

    def task_row(task):
        done, total = implementer_state.get(task.pk, (0, 0))
        own_deadlines = [a.due_on for a in task.unit_assignments if a.due_on]
        return TaskRow(
            task,
            answers.get(task.pk),
            [a.get_role_display() for a in task.unit_assignments],
            evidence_by_task[task.pk],
            deadline=own_deadlines[0] if own_deadlines else task.due_on,
            implementers_done=done,
            implementers=total,
        )

    group_answers = {a.group_id: a for a in all_group_answers}
    implemented_by_group = defaultdict(list)
    for task in implemented:
        implemented_by_group[task.group_id].append(task_row(task))
    answerable = {t.pk for t in tasks} | {t.pk for t in implemented}
    return ReportPage(
        report=report,
        task_rows=[task_row(t) for t in tasks],
        group_rows=[
            GroupRow(g, group_answers.get(g.pk), implemented_by_group[g.pk]) for g in groups
        ],
        indicator_rows=indicator_rows,
        evidence=evidence,
        # A file for a task no longer assigned to the unit stays in sight with the report's.
        report_evidence=[e for e in evidence if e.task_id not in answerable],
        locked=is_locked(report),
        days_late=days_late(report),
        days_overdue=days_overdue(report),
        resubmitted=is_resubmitted(report),
    )


@dataclass
class UnitValueRow:
    agency: Agency
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None
    judgement: Judgement | None


@dataclass
class RollupRow:
    indicator: Indicator
    province_value: Decimal | None
    achievement: Decimal | None
    judgement: Judgement | None
    units: list[UnitValueRow] = field(default_factory=list)
    missing_units: list[Agency] = field(default_factory=list)
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def indicator_rollup(period: ReportingPeriod) -> list[RollupRow]:
    """Each indicator's province value for the period, from approved reports only, beside
    baseline and target, with every unit's own value and the units still missing."""
    return indicator_rollups(period.directive, [period])[period.pk]


class _Value(NamedTuple):
    """An approved figure, read as plain values: thousands of units times dozens of
    indicators times several periods are too many rows to build as model instances."""

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None


class _Target(NamedTuple):
    baseline_value: Decimal | None
    target_value: Decimal | None


def indicator_rollups(
    directive: Directive, periods: list[ReportingPeriod], *, listed: set[int] | None = None
) -> dict[int, list[RollupRow]]:
    """Each period's roll-up rows, by period pk, in five queries at most whatever the
    number of periods, units and indicators: the roll-up page, the synthesis and the dashboard all
    read their figures here. With ``listed`` (agency ids), the rows list those units
    only, in ``units`` and ``missing_units``; the province figures and judgements still
    count every unit (a trend reads the province and one unit of an earlier year)."""
    period_ids = [period.pk for period in periods]
    indicators = list(directive.indicators.select_related("baseline_year").order_by("order"))
    targets = defaultdict(dict)
    # The figures below are read into mappings: unordered, for the models' orderings join
    # the directive, the period, the indicator and the agency only to sort.
    for indicator_id, agency_id, baseline, target in (
        IndicatorTarget.objects.filter(indicator__directive_id=directive.pk)
        .order_by()
        .values_list("indicator_id", "agency_id", "baseline_value", "target_value")
    ):
        targets[indicator_id][agency_id] = _Target(baseline, target)
    approved = defaultdict(dict)  # period → (indicator, agency) → value
    approved_units = defaultdict(lambda: defaultdict(set))  # period → indicator → agencies
    rows = (
        IndicatorValue.objects.filter(
            report__period_id__in=period_ids, report__status=ProgressReport.Status.APPROVED
        )
        .order_by()
        .values_list(
            "report__period_id",
            "report__agency_id",
            "indicator_id",
            "value",
            "numerator",
            "denominator",
        )
    )
    for period_id, agency_id, indicator_id, value, numerator, denominator in rows.iterator(
        chunk_size=10_000
    ):
        approved[period_id][(indicator_id, agency_id)] = _Value(value, numerator, denominator)
        approved_units[period_id][indicator_id].add(agency_id)
    province_values = defaultdict(dict)
    # Only an indicator the units do not report has its province value entered.
    if any(indicator.rollup_rule == Indicator.RollupRule.NONE for indicator in indicators):
        for period_id, indicator_id, value in ProvinceValue.objects.filter(
            period_id__in=period_ids
        ).values_list("period_id", "indicator_id", "value"):
            province_values[period_id][indicator_id] = value
    unit_ids = {pk for by_unit in targets.values() for pk in by_unit}
    unit_ids |= {pk for by_period in approved.values() for _i, pk in by_period}
    agencies = Agency.objects.order_by().in_bulk(unit_ids)
    # Every row lists its units by name: the units are sorted once, not once a row.
    order = {
        agency.pk: position
        for position, agency in enumerate(sorted(agencies.values(), key=lambda a: (a.name, a.pk)))
    }
    return {
        period.pk: [
            _row(
                indicator,
                targets=targets[indicator.pk],
                approved=approved[period.pk],
                unit_ids=set(targets[indicator.pk]) | approved_units[period.pk][indicator.pk],
                agencies=agencies,
                order=order,
                province_value=province_values[period.pk].get(indicator.pk),
                listed=listed,
            )
            for indicator in indicators
        ]
        for period in periods
    }


def province_figures(
    indicators: list[Indicator], periods: list[ReportingPeriod]
) -> dict[int, dict[int, Decimal | None]]:
    """Each period's province value of each indicator, by period and indicator pk: the
    value ``indicator_rollups`` gives (the approved figures under the indicator's rule, a
    province-only figure as entered), with the units' figures added up by the database:
    a trend reads only the province value of an earlier school year, and building every
    unit's row of it cost more than the rest of the dashboard's indicators."""
    period_ids = [period.pk for period in periods]
    # The figures a ratio counts: a numerator over a denominator that is not zero.
    counted = Q(numerator__isnull=False, denominator__isnull=False) & ~Q(denominator=0)
    sums = (
        IndicatorValue.objects.filter(
            report__period_id__in=period_ids,
            report__status=ProgressReport.Status.APPROVED,
            indicator_id__in=[indicator.pk for indicator in indicators],
        )
        .values("report__period_id", "indicator_id")
        .annotate(
            values=Sum("value"),
            numerators=Sum("numerator", filter=counted),
            denominators=Sum("denominator", filter=counted),
        )
        .order_by()
    )
    added = {
        (row["report__period_id"], row["indicator_id"]): UnitFigure(
            row["values"], row["numerators"], row["denominators"]
        )
        for row in sums
    }
    # Only an indicator the units do not report has its province value entered.
    entered_only = [i for i in indicators if i.rollup_rule == Indicator.RollupRule.NONE]
    entered = (
        {
            (period_id, indicator_id): value
            for period_id, indicator_id, value in ProvinceValue.objects.filter(
                period_id__in=period_ids, indicator_id__in=[i.pk for i in entered_only]
            ).values_list("period_id", "indicator_id", "value")
        }
        if entered_only
        else {}
    )
    figures = {}
    for period_id in period_ids:
        by_indicator = figures[period_id] = {}
        for indicator in indicators:
            if indicator.rollup_rule == Indicator.RollupRule.NONE:
                by_indicator[indicator.pk] = entered.get((period_id, indicator.pk))
                continue
            total = added.get((period_id, indicator.pk))
            by_indicator[indicator.pk] = roll_up(
                rule=indicator.rollup_rule,
                figures=[total] if total else [],
                ratio_scale=indicator.ratio_scale,
            )
    return figures


def _row(
    indicator: Indicator,
    *,
    targets: dict[int, _Target],
    approved: dict[tuple[int, int], _Value],
    unit_ids: set[int],
    agencies: dict[int, Agency],
    order: dict[int, int],
    province_value: Decimal | None,
    listed: set[int] | None = None,
) -> RollupRow:
    """One indicator's row for one period. Units with a target, and units whose approved
    figure stays when their target is removed later: what was approved counts as it was
    approved. A sum over part of the units is not the province's figure yet: no judgement."""
    units, figures, missing, any_missing = [], [], [], False
    indicator_pk, direction = indicator.pk, indicator.direction
    for agency_id in sorted(unit_ids, key=order.__getitem__):
        value = approved.get((indicator_pk, agency_id))
        if value is None:
            any_missing = True
        else:
            # An approved figure has the fields roll_up reads of a UnitFigure.
            figures.append(value)
        if listed is not None and agency_id not in listed:
            continue
        agency = agencies[agency_id]
        target = targets.get(agency_id)
        target_value = target.target_value if target is not None else None
        if value is None:
            missing.append(agency)
            units.append(UnitValueRow(agency, None, None, None, target_value, None))
            continue
        units.append(
            UnitValueRow(
                agency,
                value.value,
                value.numerator,
                value.denominator,
                target_value,
                judge(
                    value=value.value,
                    baseline=target.baseline_value if target is not None else None,
                    target=target_value,
                    direction=direction,
                ),
            )
        )
    if indicator.rollup_rule == Indicator.RollupRule.NONE:
        province = province_value
    else:
        province = roll_up(
            rule=indicator.rollup_rule, figures=figures, ratio_scale=indicator.ratio_scale
        )
    partial_sum = indicator.rollup_rule == Indicator.RollupRule.SUM and any_missing
    row = RollupRow(
        indicator=indicator,
        province_value=province,
        achievement=None if partial_sum else achievement(province, indicator.target_value),
        judgement=None
        if partial_sum
        else judge(
            value=province,
            baseline=indicator.baseline_value,
            target=indicator.target_value,
            direction=indicator.direction,
        ),
        units=units,
        missing_units=missing,
    )
    if indicator.rollup_rule == Indicator.RollupRule.RATIO and figures:
        row.numerator = sum((f.numerator for f in figures if f.numerator is not None), Decimal(0))
        row.denominator = sum(
            (f.denominator for f in figures if f.denominator is not None), Decimal(0)
        )
    return row


def rollup_visible_to(user, period: ReportingPeriod) -> list[RollupRow]:
    """The roll-up as a user may read it, on the page as in the exports: staff and
    leadership see every unit's values; a reporting unit sees the province values and its
    own rows only, never another unit's figures."""
    return visible_rollup(user, indicator_rollup(period))


def visible_rollup(user, rows: list[RollupRow]) -> list[RollupRow]:
    """Roll-up rows cut to what the user may read (see ``rollup_visible_to``)."""
    if permissions.sees_everything(user):
        return rows
    own = permissions.unit_agency_ids(user)
    for row in rows:
        row.units = [unit for unit in row.units if unit.agency.pk in own]
        row.missing_units = [agency for agency in row.missing_units if agency.pk in own]
    return rows
