"""Reporting panels: the headline reporting rates and each unit's reporting discipline."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dashboard.charts_reporting import rate_bars
from directives.models import Agency
from edu_plans.links import pk_links
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import BoardRow, completeness_board
from reports.workflow import days_late, days_overdue

Status = ProgressReport.Status
# The discipline lists the least disciplined units first and stops there: at national scale
# (thousands of communes) the page stays readable; each period's board lists every unit.
DISCIPLINE_ROWS = 100


def rate(count: int, expected: int) -> Decimal | None:
    """A count as a percentage of the reports expected, to one decimal; None when no
    report is expected (a rate of nothing is not 0 %)."""
    if not expected:
        return None
    return (Decimal(100) * count / expected).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class HeadlineLine:
    key: str
    label: str
    count: int
    rate: Decimal | None  # percent of the reports expected; None for "expected" itself
    url: str


@dataclass
class Headline:
    """A period's reporting as DHIS2's reporting-rate summary counts it: reports
    expected, actual (first submission), on time; reporting rate = submitted ÷ expected,
    on-time rate = submitted on time ÷ expected; approved ÷ expected beside them."""

    period: ReportingPeriod
    expected: int
    submitted: int
    on_time: int
    late: int
    overdue: int  # nothing submitted and past the due date
    approved: int
    lines: list[HeadlineLine]
    chart: str  # inline SVG markup, escaped
    board_url: str
    own_rows: list[BoardRow] = field(default_factory=list)  # a reporting unit's own row

    @property
    def reporting_rate(self) -> Decimal | None:
        return rate(self.submitted, self.expected)

    @property
    def on_time_rate(self) -> Decimal | None:
        return rate(self.on_time, self.expected)

    @property
    def approved_rate(self) -> Decimal | None:
        return rate(self.approved, self.expected)


class Timeliness:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"  # nothing submitted and past the due date
    PENDING = "pending"  # nothing submitted, not due yet


@dataclass
class DisciplineCell:
    """A unit's report for one period, as discipline reads it: submitted on time, late
    (by how many days), or missing (overdue by how many days); returned at least once;
    approved."""

    period: ReportingPeriod
    report: ProgressReport | None  # None: the unit did not report for that period
    timeliness: str = ""
    days: int = 0  # days late, or days overdue
    returned: bool = False
    approved: bool = False
    url: str = ""  # the report's page


@dataclass
class DisciplineRow:
    agency: Agency
    cells: list[DisciplineCell]
    expected: int = 0
    on_time: int = 0
    late: int = 0
    days_late: int = 0
    missing: int = 0
    days_overdue: int = 0
    returned: int = 0
    approved: int = 0

    def sort_key(self):
        """The least disciplined first: most missing, then most late, then most days
        behind, then most returned; then by name."""
        return (
            -self.missing,
            -self.late,
            -(self.days_overdue + self.days_late),
            -self.returned,
            self.agency.name,
        )


@dataclass
class PeriodTotal:
    """A period's column summed over every unit (the province), as its board counts."""

    period: ReportingPeriod
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0
    url: str = ""

    @property
    def reporting_rate(self) -> Decimal | None:
        return rate(self.submitted, self.expected)

    @property
    def on_time_rate(self) -> Decimal | None:
        return rate(self.on_time, self.expected)


@dataclass
class Discipline:
    periods: list[ReportingPeriod]
    rows: list[DisciplineRow]  # the least disciplined first, at most DISCIPLINE_ROWS
    totals: list[PeriodTotal]
    units: int = 0  # units with a report in any of the periods, shown or not

    @property
    def hidden(self) -> int:
        return self.units - len(self.rows)


@dataclass
class ReportingPanels:
    headline: Headline | None
    discipline: Discipline
    own_only: bool  # a reporting unit: its own rows against the province


def reporting_panels(choice, *, user) -> ReportingPanels:
    """The headline of the chosen period (or of the latest period due by the chosen day)
    and the discipline of every unit across the directive's periods of the school year,
    from one query for all their reports whatever the number of periods and units."""
    periods = sorted(
        (
            period
            for period in choice.directive_periods()
            if choice.school_year is None or period.school_year_id == choice.school_year.pk
        ),
        key=lambda period: (period.ends_on, period.due_on, period.pk),
    )
    query = choice.query()
    headline_period = choice.period
    if headline_period is None:
        due = [p for p in periods if p.due_on <= choice.on]
        headline_period = max(due, key=lambda p: (p.due_on, p.ends_on, p.pk)) if due else None
    by_period = {period.pk: period for period in periods}
    reports = list(
        ProgressReport.objects.filter(period__in=periods)
        .select_related("agency")
        .order_by("agency__name", "period_id")
    )
    for report in reports:
        # The period already read, so that the workflow's date rules cost no query.
        report.period = by_period[report.period_id]
    headline = None
    if headline_period is not None:
        # The chosen period's reports are among those read, unless it is of another year.
        own_reports = None
        if headline_period.pk in by_period:
            own_reports = [r for r in reports if r.period_id == headline_period.pk]
        headline = _headline(headline_period, choice, query, own_reports)
    return ReportingPanels(
        headline=headline,
        discipline=_discipline(periods, reports, choice, query),
        own_only=choice.unit_ids is not None,
    )


def _board_url(period: ReportingPeriod, query: str) -> str:
    return f"{reverse('reports:period_detail', args=[period.pk])}?{query}"


def _headline(period: ReportingPeriod, choice, query: str, reports) -> Headline:
    """The counts of the period's completeness board, so that both say the same."""
    board = completeness_board(period, reports=reports)
    rows = board.rows
    submitted = sum(1 for row in rows if row.report.first_submitted_at is not None)
    on_time = sum(1 for row in rows if row.on_time)
    approved = sum(1 for row in rows if row.report.status == Status.APPROVED)
    expected = len(rows)
    url = _board_url(period, query)
    lines = [
        HeadlineLine("expected", _("Reports expected"), expected, None, url),
        HeadlineLine("submitted", _("Submitted"), submitted, rate(submitted, expected), url),
        HeadlineLine("on_time", _("Submitted on time"), on_time, rate(on_time, expected), url),
        HeadlineLine("approved", _("Approved"), approved, rate(approved, expected), url),
    ]
    own_rows = []
    if choice.unit_ids is not None:
        own_rows = [row for row in rows if row.report.agency_id in choice.unit_ids]
    return Headline(
        period=period,
        expected=expected,
        submitted=submitted,
        on_time=on_time,
        late=board.late_count,
        overdue=board.overdue_count,
        approved=approved,
        lines=lines,
        chart=rate_bars([(line.label, line.rate) for line in lines[1:]]),
        board_url=url,
        own_rows=own_rows,
    )


def _cell(period: ReportingPeriod, report: ProgressReport | None, report_url) -> DisciplineCell:
    cell = DisciplineCell(period, report)
    if report is None:
        return cell
    cell.url = report_url(report.pk)
    late, overdue = days_late(report), days_overdue(report)
    if report.first_submitted_at is not None:
        cell.timeliness = Timeliness.LATE if late else Timeliness.ON_TIME
        cell.days = late
    elif overdue:
        cell.timeliness, cell.days = Timeliness.MISSING, overdue
    else:
        cell.timeliness = Timeliness.PENDING
    # A reason stays on the report once given: returned at least once, fixed or not.
    cell.returned = report.status == Status.RETURNED or bool(report.return_reason)
    cell.approved = report.status == Status.APPROVED
    return cell


def _discipline(
    periods: list[ReportingPeriod], reports: list[ProgressReport], choice, query: str
) -> Discipline:
    """Every unit × every period, from their reports (read in one query), by unit name."""
    found: dict[int, dict[int, ProgressReport]] = defaultdict(dict)
    agencies: dict[int, Agency] = {}
    totals = {period.pk: PeriodTotal(period, url=_board_url(period, query)) for period in periods}
    for report in reports:
        total = totals[report.period_id]
        total.expected += 1
        if report.first_submitted_at is not None:
            total.submitted += 1
            total.on_time += days_late(report) == 0
        total.approved += report.status == Status.APPROVED
        if choice.unit_ids is not None and report.agency_id not in choice.unit_ids:
            continue
        found[report.agency_id][report.period_id] = report
        agencies[report.agency_id] = report.agency
    rows = []
    report_url = pk_links("reports:report_detail")
    for agency_id, by_unit in found.items():
        row = DisciplineRow(
            agencies[agency_id],
            [_cell(period, by_unit.get(period.pk), report_url) for period in periods],
        )
        for cell in row.cells:
            if cell.report is None:
                continue
            row.expected += 1
            row.on_time += cell.timeliness == Timeliness.ON_TIME
            if cell.timeliness == Timeliness.LATE:
                row.late += 1
                row.days_late += cell.days
            if cell.timeliness == Timeliness.MISSING:
                row.missing += 1
                row.days_overdue += cell.days
            row.returned += cell.returned
            row.approved += cell.approved
        rows.append(row)
    rows.sort(key=DisciplineRow.sort_key)
    return Discipline(
        periods=periods,
        rows=rows[:DISCIPLINE_ROWS],
        totals=[totals[p.pk] for p in periods],
        units=len(rows),
    )
