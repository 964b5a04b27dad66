"""Reads of directives for pages: scoped, joined and prefetched here, not in views."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.db.models.lookups import Contains
from django.shortcuts import get_object_or_404
from django.utils import timezone

from directives.assigning import applies_on, tasks_without_lead
from directives.models import (
    Agency,
    Assignment,
    DeadlineExtension,
    Directive,
    Reorganisation,
    ReorganisationLine,
    Section,
    Task,
    TaskGroup,
)
from directives.search import Folded, fold
from indicators.models import Indicator


def search_directives(
    *,
    school_year=None,
    doc_type: str = "",
    issuer: Agency | None = None,
    query: str = "",
) -> QuerySet[Directive]:
    """Directives matching the list filters, with what the list shows, in two queries."""
    directives = Directive.objects.select_related("issuer", "school_year").annotate(
        task_group_count=Count("task_groups", distinct=True),
        indicator_count=Count("indicators", distinct=True),
    )
    if school_year:
        directives = directives.filter(school_year=school_year)
    if doc_type:
        directives = directives.filter(doc_type=doc_type)
    if issuer:
        directives = directives.filter(issuer=issuer)
    query = fold(query.strip())
    if query:
        # The phrase as typed, in the header or anywhere in the tasks, whatever the case
        # and diacritics (see directives/search.py).
        in_tasks = Task.objects.filter(group__directive=OuterRef("pk")).filter(
            _contains("text", query) | _contains("group__title", query)
        )
        directives = directives.filter(
            _contains("title", query)
            | _contains("number", query)
            | _contains("symbol", query)
            | _contains("theme", query)
            | _contains("issuer__name", query)
            | _contains("issuer__short_name", query)
            | Exists(in_tasks)
        )
    return directives.order_by("-issued_on", "-pk")


def _contains(field: str, folded_query: str) -> Q:
    return Q(Contains(Folded(field), folded_query))


def directive_by_reference(reference: str) -> Directive:
    """The one directive whose number and symbol match "3707/KH-UBND" as people write it.

    Raises ObjectDoesNotExist when none or several match (a symbol without a number,
    "/KH-PGDĐT", may name more than one).
    """
    number, _slash, symbol = str(reference).strip().removeprefix("Số:").strip().partition("/")
    matches = list(Directive.objects.filter(number=number.strip(), symbol=symbol.strip())[:2])
    if len(matches) != 1:
        raise ObjectDoesNotExist(reference)
    return matches[0]


def issuers() -> QuerySet[Agency]:
    """Agencies that have issued at least one directive, for the list filter."""
    return Agency.objects.filter(issued_directives__isnull=False).distinct().order_by("name")


@dataclass
class OutlineBlock:
    """A section of the document (or None for groups outside any section) and its groups."""

    section: Section | None
    groups: list[TaskGroup] = field(default_factory=list)


@dataclass
class DirectiveDetail:
    directive: Directive
    outline: list[OutlineBlock]
    indicators: list[Indicator]
    baseline_year_label: str
    target_year_label: str


def directive_detail(*, pk: int, assignment_rows: bool = False) -> DirectiveDetail:
    """A directive with its whole structure, in a fixed number of queries.

    Each task's assignments come as ``task.assignments.all()`` (Assignment objects, for
    the exports), or with ``assignment_rows`` as ``task.assignment_rows``: for the page,
    which shows only each agency's role and name, dicts read in one query. A plan that
    forty communes implement has thousands of assignments, and loading each with its
    agency as objects cost a third of the page.
    """
    tasks = Task.objects.order_by("order")
    if not assignment_rows:
        tasks = tasks.prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("agency").order_by(
                    "-role", "agency__code"
                ),
            )
        )
    directive = get_object_or_404(
        Directive.objects.select_related(
            "issuer", "school_year", "previous_year__school_year"
        ).prefetch_related(
            "references__target",
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch(
                "task_groups",
                queryset=TaskGroup.objects.order_by("order").prefetch_related(
                    Prefetch("tasks", queryset=tasks)
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("baseline_year").order_by("order"),
            ),
        ),
        pk=pk,
    )
    blocks = {None: OutlineBlock(section=None)}
    for section in directive.sections.all():
        blocks[section.pk] = OutlineBlock(section=section)
    for group in directive.task_groups.all():
        blocks[group.section_id].groups.append(group)
    outline = [block for key, block in blocks.items() if key is not None or block.groups]
    if assignment_rows:
        _attach_assignment_rows(directive)
    indicators = list(directive.indicators.all())
    baseline_year = next((i.baseline_year for i in indicators if i.baseline_year), None)
    return DirectiveDetail(
        directive=directive,
        outline=outline,
        indicators=indicators,
        baseline_year_label=baseline_year.label if baseline_year else "",
        target_year_label=directive.school_year.label if directive.school_year else "",
    )


def _attach_assignment_rows(directive: Directive) -> None:
    """Set ``task.assignment_rows`` on every task of the directive: its agencies' role,
    role label and name, lead first, as the page lists them."""
    labels = {value: str(label) for value, label in Assignment.Role.choices}
    rows = {}
    for task_id, role, short_name, name in (
        Assignment.objects.filter(task__group__directive=directive)
        .order_by("-role", "agency__code")
        .values_list("task_id", "role", "agency__short_name", "agency__name")
    ):
        rows.setdefault(task_id, []).append(
            {"role": role, "label": labels.get(role, role), "agency": short_name or name}
        )
    for group in directive.task_groups.all():
        for task in group.tasks.all():
            task.assignment_rows = rows.get(task.pk, [])


def province_tree(agency: Agency) -> list[Agency]:
    """Every agency of the province the agency belongs to: the root of its tree (the UBND
    tỉnh) first, then each agency followed by those under it, in one query.

    Siblings come in alphabetical order as a Vietnamese reader expects it (diacritics
    folded, so "Sở Tài chính" before "Sở Thông tin"), the same on every database.
    """
    rows = sorted(Agency.objects.all(), key=lambda a: (fold(a.name), a.name, a.pk))
    agencies = {a.pk: a for a in rows}
    root, seen = agencies[agency.pk], {agency.pk}
    while root.parent_id in agencies and root.parent_id not in seen:  # a loop ends the walk
        root = agencies[root.parent_id]
        seen.add(root.pk)
    children = {}
    for candidate in agencies.values():
        children.setdefault(candidate.parent_id, []).append(candidate)
    tree, stack, placed = [], [root], set()
    while stack:
        current = stack.pop()
        if current.pk in placed:
            continue
        placed.add(current.pk)
        tree.append(current)
        stack.extend(reversed(children.get(current.pk, [])))
    return tree


@dataclass
class AssignmentPlan:
    """A directive's phân công: its outline with every task's assignees, the tasks no
    agency leads, and the agencies that may take its tasks on."""

    directive: Directive
    outline: list[OutlineBlock]
    without_lead: list[Task]
    agencies: list[tuple[Agency, int]]  # offered, in tree order, with their depth
    province: list[Agency]  # every agency of the directive's province
    include_closed: bool = False  # closed agencies offered too, when staff ask

    @property
    def without_lead_ids(self) -> set[int]:
        return {task.pk for task in self.without_lead}


def directive_assignments(*, pk: int, include_closed: bool = False) -> AssignmentPlan:
    """A directive's sections, task groups and tasks with each assignment and its agency,
    and the agencies of its province open on its date (every one of them when
    ``include_closed``), in a fixed number of queries."""
    tasks = Task.objects.order_by("order").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("agency").order_by("-role", "agency__code"),
        )
    )
    directive = get_object_or_404(
        Directive.objects.select_related("issuer", "school_year").prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch(
                "task_groups",
                queryset=TaskGroup.objects.order_by("order").prefetch_related(
                    Prefetch("tasks", queryset=tasks)
                ),
            ),
        ),
        pk=pk,
    )
    blocks = {None: OutlineBlock(section=None)}
    for section in directive.sections.all():
        blocks[section.pk] = OutlineBlock(section=section)
    for group in directive.task_groups.all():
        blocks[group.section_id].groups.append(group)
    outline = [block for key, block in blocks.items() if key is not None or block.groups]
    province = province_tree(directive.issuer)
    return AssignmentPlan(
        directive=directive,
        outline=outline,
        without_lead=list(tasks_without_lead(directive)),
        agencies=assignable_agencies(directive, province, include_closed=include_closed),
        province=province,
        include_closed=include_closed,
    )


def assignable_agencies(
    directive: Directive, province: list[Agency], *, include_closed: bool = False
) -> list[tuple[Agency, int]]:
    """The agencies of the directive's province (``province_tree``) open on the day it
    starts to apply (``assigning.applies_on``; today when it cannot say), each with its
    depth in the tree: a Sở's divisions come right after the Sở, one level deeper.
    Closed agencies are not offered unless ``include_closed``."""
    day = applies_on(directive) or timezone.localdate()
    depth = {}
    offered = []
    for agency in province:
        depth[agency.pk] = depth.get(agency.parent_id, -1) + 1
        if include_closed or agency.is_valid_on(day):
            offered.append((agency, depth[agency.pk]))
    return offered


@dataclass
class ProposalBlock:
    """A section (or None) of the directive and those of its groups that hold tasks a
    proposal covers, each with how many."""

    section: Section | None
    groups: list[tuple[TaskGroup, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(count for _group, count in self.groups)


def proposal_outline(plan: AssignmentPlan, tasks: list[Task]) -> list[ProposalBlock]:
    """Where the tasks a proposal covers sit in the directive's outline, in its order, so
    that staff accept it one group or one section at a time."""
    per_group = {}
    for task in tasks:
        per_group[task.group_id] = per_group.get(task.group_id, 0) + 1
    blocks = []
    for block in plan.outline:
        groups = [(group, per_group[group.pk]) for group in block.groups if group.pk in per_group]
        if groups:
            blocks.append(ProposalBlock(section=block.section, groups=groups))
    return blocks


@dataclass
class DirectiveTasks:
    """One directive's assignments of the agencies a page shows, in document order."""

    directive: Directive
    assignments: list[Assignment] = field(default_factory=list)


def assignments_of_agencies(agency_ids) -> list[DirectiveTasks]:
    """The assignments of the given agencies, grouped by directive (newest first), each
    with its task, agency and extension requests, in two queries."""
    assignments = (
        Assignment.objects.filter(agency_id__in=list(agency_ids))
        .select_related("task__group__directive", "agency")
        .prefetch_related(
            Prefetch(
                "extensions",
                queryset=DeadlineExtension.objects.order_by("requested_at", "pk"),
            )
        )
        .order_by(
            "-task__group__directive__issued_on",
            "-task__group__directive__pk",
            "task__group__order",
            "task__order",
            "agency__name",
        )
    )
    blocks: dict[int, DirectiveTasks] = {}
    for assignment in assignments:
        directive = assignment.task.group.directive
        blocks.setdefault(directive.pk, DirectiveTasks(directive=directive))
        blocks[directive.pk].assignments.append(assignment)
    return list(blocks.values())


def extension_requests() -> QuerySet[DeadlineExtension]:
    """Every extension request with what the list shows: those awaiting a decision first,
    oldest first; then those decided, the latest decision first."""
    return DeadlineExtension.objects.select_related(
        "assignment__task__group__directive",
        "assignment__agency",
        "requested_by",
        "decided_by",
    ).order_by(
        Case(When(decision=DeadlineExtension.Decision.PENDING, then=0), default=1),
        F("decided_at").desc(nulls_last=True),
        "requested_at",
        "pk",
    )


def reorganisation_with_lines(*, pk: int) -> Reorganisation:
    """A reorganisation with its lines and every agency they name, in a fixed number of
    queries; 404 when there is none."""
    return get_object_or_404(
        Reorganisation.objects.select_related("created_by", "applied_by").prefetch_related(
            Prefetch(
                "lines",
                queryset=ReorganisationLine.objects.order_by("order")
                .select_related("new_parent", "old_parent", "users_to")
                .prefetch_related(
                    # A district before its offices (kind "district" sorts first).
                    Prefetch("predecessors", queryset=Agency.objects.order_by("kind", "code")),
                    Prefetch("successors", queryset=Agency.objects.order_by("code")),
                ),
            )
        ),
        pk=pk,
    )


def reorganisations_listed():
    """Every reorganisation, newest first, with its number of changes and who applied it."""
    return (
        Reorganisation.objects.select_related("applied_by")
        .annotate(line_count=Count("lines"))
        .order_by("-effective_on", "-pk")
    )
