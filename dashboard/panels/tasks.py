"""Task panels: the headline task count and progress by task group and by lead agency.

Every number comes from ``directives.task_state.task_accounting`` over the directive's
lead assignments as of the choice's day, counted once in three queries and then split by
group and by agency, so the panels agree with the accounting page they link to."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dashboard.charts_tasks import Bar, group_progress_chart
from directives.models import Assignment, TaskGroup
from directives.task_state import (
    Category,
    CountedTask,
    TaskAccounting,
    accounting_queryset,
    assignment_facts,
    task_accounting,
)

TASKS = "dashboard tasks"  # the context of short labels other panels may word otherwise
VIET_NAM = ZoneInfo("Asia/Ho_Chi_Minh")
LEAD = Assignment.Role.LEAD
DONE = (Category.DONE_ON_TIME, Category.DONE_LATE, Category.NO_DEADLINE_DONE)
IN_PROGRESS = (Category.OPEN_IN_TIME, Category.NO_DEADLINE_OPEN)


@dataclass(frozen=True)
class Cell:
    """A number in a table, the column it sits in (for phones) and the list behind it."""

    label: str
    count: int | None
    url: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Column:
    """One column of the headline: the province's count, or a reporting unit's own."""

    title: str
    accounting: TaskAccounting
    url: str | None


@dataclass(frozen=True)
class HeadlineRow:
    category: str
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class GroupRow:
    group: TaskGroup
    title: str
    cells: list[Cell]
    url: str | None


@dataclass(frozen=True)
class AgencyRow:
    title: str
    cells: list[Cell]
    last_update: datetime.datetime | None
    is_province: bool = False


@dataclass
class TaskPanels:
    on: datetime.date
    columns: list[Column]
    headline: list[HeadlineRow]
    groups: list[GroupRow]
    group_columns: list[str]
    chart: SafeString
    agency_columns: list[str]
    agencies: list[AgencyRow]
    own_only: bool

    @property
    def total(self) -> int:
        return len(self.columns[0].accounting.tasks)


class _Links:
    """Addresses of the accounting page for this directive and day, lead role, with filters."""

    def __init__(self, choice):
        base = reverse("directives:directive_accounting", args=[choice.directive.pk])
        # Hundreds of links share their start: it is encoded once.
        self.start = f"{base}?{urlencode({'on': choice.on.strftime('%d/%m/%Y'), 'role': LEAD})}"
        self.categories = {category: quote_plus(category) for category in Category.ORDER}

    def __call__(self, *, category: str = "", group: int | None = None, agency: int | None = None):
        # What urlencode() writes for these values, without its general machinery: the
        # panels hold a link for every agency and category.
        query = [f"group={int(group)}"] if group else []
        if agency:
            query.append(f"agency={int(agency)}")
        if category:
            query.append(f"category={self.categories.get(category) or quote_plus(category)}")
        return f"{self.start}&{'&'.join(query)}" if query else self.start


def _last_update(tasks: list[CountedTask]) -> datetime.datetime | None:
    moments = [t.assignment.status_changed_at for t in tasks if t.assignment.status_changed_at]
    return timezone.localtime(max(moments), VIET_NAM) if moments else None


def task_panels(choice, *, user) -> TaskPanels:
    """The directive's lead tasks as of ``choice.on``: the Government Office's count (a
    reporting unit's own beside the province's), a bar per task group, a row per lead
    agency with the most overdue first. A fixed number of queries whatever the size."""
    links = _Links(choice)
    # Staff and leadership read every agency's list; a unit's list is its own agencies'
    # only, so the province's numbers are not linked for it (they would not match).
    province_links = choice.unit_ids is None
    # The accounting page's rows as plain values: the panels read the task groups apart.
    assignments = assignment_facts(accounting_queryset(choice.directive).select_related(None))
    province = task_accounting(assignments, on=choice.on)
    columns = [
        Column(pgettext(TASKS, "Province"), province, links() if province_links else None),
    ]
    if choice.unit_ids is not None:
        own = TaskAccounting(
            on=choice.on,
            tasks=[t for t in province.tasks if t.assignment.agency_id in choice.unit_ids],
        )
        columns.append(Column(pgettext(TASKS, "Your unit"), own, links()))
    headline = [
        HeadlineRow(
            category,
            str(Category.LABELS[category]),
            [
                Cell(
                    column.title,
                    column.accounting.counts[category],
                    links(category=category) if column.url else None,
                )
                for column in columns
            ],
        )
        for category in Category.ORDER
    ]
    groups = _group_rows(choice, province, links if province_links else None)
    agencies = _agency_rows(choice, province, links)
    return TaskPanels(
        on=choice.on,
        columns=columns,
        headline=headline,
        groups=groups,
        group_columns=[
            _("Completed"),
            _("In progress"),
            pgettext(TASKS, "Overdue"),
            pgettext(TASKS, "Total"),
        ],
        chart=group_progress_chart(
            [
                Bar(row.title, *(cell.count for cell in row.cells[:3]), url=row.url)
                for row in groups
            ],
            title=_("Progress by task group"),
        ),
        agency_columns=_agency_columns(),
        agencies=agencies,
        own_only=not province_links,
    )


def _group_rows(choice, province: TaskAccounting, links) -> list[GroupRow]:
    by_group: dict[int, list[CountedTask]] = {}
    for task in province.tasks:
        by_group.setdefault(task.assignment.group_id, []).append(task)
    rows = []
    # Translated once, for every group's row.
    completed, in_progress_label = _("Completed"), _("In progress")
    overdue_label, total_label = pgettext(TASKS, "Overdue"), pgettext(TASKS, "Total")
    for group in TaskGroup.objects.filter(directive=choice.directive).order_by("order"):
        tasks = by_group.get(group.pk, [])
        done = sum(t.category in DONE for t in tasks)
        in_progress = sum(t.category in IN_PROGRESS for t in tasks)
        overdue = sum(t.category == Category.OPEN_OVERDUE for t in tasks)
        url = links(group=group.pk) if links else None
        overdue_url = links(group=group.pk, category=Category.OPEN_OVERDUE) if links else None
        rows.append(
            GroupRow(
                group,
                str(group),
                [
                    Cell(completed, done, url),
                    Cell(in_progress_label, in_progress, url),
                    Cell(overdue_label, overdue, overdue_url),
                    Cell(total_label, len(tasks), url),
                ],
                url,
            )
        )
    return rows


def _agency_columns() -> list[str]:
    return [str(Category.LABELS[c]) for c in Category.ORDER] + [pgettext(TASKS, "Total")]


def _agency_cells(
    tasks: list[CountedTask], link, *, on: datetime.date, labels: list[str]
) -> list[Cell]:
    """One agency's cells; ``labels`` are the columns' (``_agency_columns``), translated
    once for every row."""
    counts = TaskAccounting(on=on, tasks=tasks).counts
    most = max((t.days_overdue for t in tasks), default=0)
    cells = []
    for category in Category.ORDER:
        note = ""
        if category == Category.OPEN_OVERDUE and most:
            note = _("up to %(days)s days") % {"days": most}
        url = link(category) if link else None
        cells.append(Cell(labels[len(cells)], counts[category], url, note))
    cells.append(Cell(labels[len(cells)], len(tasks), link("") if link else None))
    return cells


def _agency_rows(choice, province: TaskAccounting, links) -> list[AgencyRow]:
    """A row per lead agency, the most overdue first (then the longest overdue), then the
    province's total. A reporting unit sees its own agencies' rows only, and the province."""
    labels = _agency_columns()
    by_agency: dict[int, list[CountedTask]] = {}
    names: dict[int, str] = {}
    for task in province.tasks:
        by_agency.setdefault(task.assignment.agency_id, []).append(task)
        names[task.assignment.agency_id] = task.assignment.agency_name
    if choice.unit_ids is not None:
        by_agency = {pk: tasks for pk, tasks in by_agency.items() if pk in choice.unit_ids}

    def order(pk):
        tasks = by_agency[pk]
        overdue = [t.days_overdue for t in tasks if t.category == Category.OPEN_OVERDUE]
        return (-len(overdue), -max(overdue, default=0), names[pk].lower())

    rows = []
    for pk in sorted(by_agency, key=order):
        tasks = by_agency[pk]

        def link(category, pk=pk):
            return links(agency=pk, category=category)

        rows.append(
            AgencyRow(
                names[pk],
                _agency_cells(tasks, link, on=choice.on, labels=labels),
                _last_update(tasks),
            )
        )
    province_link = (lambda category: links(category=category)) if choice.unit_ids is None else None
    rows.append(
        AgencyRow(
            pgettext(TASKS, "Province"),
            _agency_cells(province.tasks, province_link, on=choice.on, labels=labels),
            _last_update(province.tasks),
            is_province=True,
        )
    )
    return rows
