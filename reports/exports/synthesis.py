"""Plain data for the province synthesis report of a period, in a bounded number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from directives.models import Agency, Assignment, TaskGroup
from indicators.rollup import shortfall
from reports.models import GroupAnswer, ProgressReport, ReportingPeriod, TaskAnswer
from reports.selectors import BoardRow, CompletenessBoard, RollupRow, completeness_board
from reports.selectors import indicator_rollup as rollup_rows

Status = ProgressReport.Status

# Like the indicator roll-up, the synthesis counts what the department has accepted:
# a submitted report may still be returned, a draft is not the unit's word yet.
COUNTED_STATUSES = (Status.APPROVED,)
KEY_INDICATOR_COUNT = 3
# Most behind first: the indicators a leader asks about.


@dataclass
class ProgressCounts:
    """How many answers of a task group or of a unit are at each progress value."""

    label: str
    counts: list[int]  # in the order of TaskAnswer.Progress.choices
    total: int = 0
    number: str = ""  # the task group's number as printed


@dataclass
class UnitConcerns:
    """A unit's difficulties and proposals under one task group, each text once."""

    agency: Agency
    difficulties: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)


@dataclass
class GroupConcerns:
    group: TaskGroup
    units: list[UnitConcerns] = field(default_factory=list)


@dataclass
class TaskStatusSummary:
    columns: list[tuple[str, str]]  # progress value, label
    by_group: list[ProgressCounts]
    by_agency: list[ProgressCounts]
    totals: ProgressCounts
    concerns: list[GroupConcerns]
    report_count: int


@dataclass
class SynthesisData:
    period: ReportingPeriod
    issuer: Agency
    board: CompletenessBoard
    late_rows: list[BoardRow]  # first submission after the due date
    overdue_rows: list[BoardRow]  # nothing submitted, past the due date
    waiting_rows: list[BoardRow]  # nothing submitted, the due date not passed yet
    correcting_rows: list[BoardRow]  # submitted once, back with the unit to correct
    tasks: TaskStatusSummary
    indicators: list[RollupRow]
    key_indicators: list[RollupRow]


def _counts(label: str, answers: list[TaskAnswer], number: str = "") -> ProgressCounts:
    values = [value for value, _label in TaskAnswer.Progress.choices]
    counts = [sum(1 for a in answers if a.progress == value) for value in values]
    return ProgressCounts(label=label, counts=counts, total=sum(counts), number=number)


def task_status_summary(period: ReportingPeriod) -> TaskStatusSummary:
    """Answers of the period's approved reports counted by progress, per task group and
    per unit, with the units' difficulties and proposals gathered by group: three queries.

    An implementing unit's answer for a whole group counts once in that group; its answers
    for single tasks it implements refine it and are not counted again."""
    implements = Assignment.objects.filter(
        task=OuterRef("task"), agency=OuterRef("report__agency"), role=Assignment.Role.IMPLEMENT
    )
    answers = list(
        TaskAnswer.objects.filter(report__period=period, report__status__in=COUNTED_STATUSES)
        .exclude(Exists(implements))
        .select_related("task__group", "report__agency")
        .order_by("task__group__order", "task__order", "report__agency__name")
    )
    for answer in answers:
        answer.group_id = answer.task.group_id
    group_answers = list(
        GroupAnswer.objects.filter(report__period=period, report__status__in=COUNTED_STATUSES)
        .exclude(progress="")
        .select_related("report__agency")
        .order_by("group__order", "report__agency__name")
    )
    answers += group_answers
    groups = list(
        TaskGroup.objects.filter(directive_id=period.directive_id)
        .annotate(task_count=Count("tasks"))
        .filter(task_count__gt=0)
        .order_by("order")
    )
    by_group_id, by_agency_id = {}, {}
    for answer in answers:
        by_group_id.setdefault(answer.group_id, []).append(answer)
        by_agency_id.setdefault(answer.report.agency_id, []).append(answer)

    concerns = []
    for group in groups:
        units = {}
        for answer in by_group_id.get(group.pk, []):
            unit = units.setdefault(
                answer.report.agency_id, UnitConcerns(agency=answer.report.agency)
            )
            for texts, text in (
                (unit.difficulties, answer.difficulties.strip()),
                (unit.proposals, answer.proposals.strip()),
            ):
                if text and text not in texts:
                    texts.append(text)
        kept = [u for u in units.values() if u.difficulties or u.proposals]
        if kept:
            concerns.append(
                GroupConcerns(group=group, units=sorted(kept, key=lambda u: u.agency.name))
            )

    agency_rows = sorted(
        (_counts(items[0].report.agency.name, items) for items in by_agency_id.values()),
        key=lambda row: row.label,
    )
    return TaskStatusSummary(
        columns=list(TaskAnswer.Progress.choices),
        by_group=[
            _counts(group.title, by_group_id.get(group.pk, []), group.number) for group in groups
        ],
        by_agency=agency_rows,
        totals=_counts("", answers),
        concerns=concerns,
        report_count=len({answer.report_id for answer in answers}),
    )


def synthesising_agency(period: ReportingPeriod) -> Agency:
    """The agency that writes the synthesis: the agency of the staff member who opened the
    period; failing that the education department of the issuer's province; else the
    issuer itself."""
    opener = period.created_by
    if opener is not None and opener.agency_id is not None:
        return opener.agency
    issuer = period.directive.issuer
    return education_department_of(issuer) or issuer


def education_department_of(agency: Agency) -> Agency | None:
    """The Sở GD&ĐT under the province an agency belongs to, if the tree has one."""
    province = agency
    while province.kind != Agency.Kind.PROVINCE and province.parent_id is not None:
        province = province.parent
    return (
        Agency.objects.filter(
            parent=province, kind=Agency.Kind.DEPARTMENT, name__istartswith="Sở Giáo dục"
        )
        .order_by("pk")
        .first()
    )


def key_indicators(rows: list[RollupRow], count: int = KEY_INDICATOR_COUNT) -> list[RollupRow]:
    """The indicators units report on that are furthest behind their target, in the
    indicator's direction, furthest first; indicators without a province value yet come
    after those with one."""
    reported = [row for row in rows if any(unit.value is not None for unit in row.units)]

    def behind(row: RollupRow):
        gap = shortfall(
            value=row.province_value,
            target=row.indicator.target_value,
            direction=row.indicator.direction,
        )
        return (gap is None, -(gap or 0), row.indicator.order)

    return sorted(reported, key=behind)[:count]


def synthesis_data(period: ReportingPeriod) -> SynthesisData:
    """Everything the synthesis report shows, in a fixed number of queries."""
    period = ReportingPeriod.objects.select_related(
        "directive__issuer", "directive__school_year", "school_year", "created_by__agency__parent"
    ).get(pk=period.pk)
    board = completeness_board(period)
    indicators = rollup_rows(period)
    return SynthesisData(
        period=period,
        issuer=synthesising_agency(period),
        board=board,
        late_rows=[row for row in board.rows if row.days_late],
        overdue_rows=[row for row in board.rows if row.days_overdue],
        waiting_rows=[
            row
            for row in board.rows
            if row.report.first_submitted_at is None and not row.days_overdue
        ],
        correcting_rows=[row for row in board.rows if row.being_corrected],
        tasks=task_status_summary(period),
        indicators=indicators,
        key_indicators=key_indicators(indicators),
    )
