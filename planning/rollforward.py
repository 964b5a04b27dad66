"""Rolling a plan into the next school year (tạo kế hoạch năm học mới từ kế hoạch này).

The new plan is a draft copy of last year's: its references, sections, task groups,
tasks (deadlines moved by the years between), assignments and indicators, with last
year's approved year-end values as the new baselines and the targets left for staff to
set. Agencies closed by the new year's first day hand their assignments and unit targets
to their successors through the applied reorganisations; whatever cannot be carried that
way is listed as an issue for staff to settle. Last year's plan is never changed.
"""

import calendar
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, one_save
from directives.lineage import ancestries, successions_on
from directives.localization import format_decimal
from directives.models import (
    Agency,
    Assignment,
    Directive,
    DirectiveReference,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator, IndicatorTarget
from planning.baselines import (
    YearEnd,
    figure_value,
    merged_target,
    names,
    province_baseline,
    unit_baseline,
    year_end_of,
)
from planning.models import RollForward, RollForwardIssue

Role = Assignment.Role
Kind = RollForwardIssue.Kind
# When several closed agencies go into one, the agency keeps its strongest part.
ROLE_WEIGHT = {Role.LEAD: 3, Role.IMPLEMENT: 2, Role.COORDINATE: 1}


@dataclass
class IssueSpec:
    """What could not be carried, about a task, indicator or agency of the new plan."""

    kind: str
    text: str
    task: Task | None = None
    indicator: Indicator | None = None
    agency: Agency | None = None


@dataclass
class BaselineRow:
    """An indicator's new baseline beside last year's target, for the preview."""

    previous: Indicator
    baseline: Decimal | None
    previous_target: Decimal | None


@dataclass
class RollForwardPlan:
    """Everything roll-forward would write, unsaved: the preview shows it, the write
    saves it."""

    source: Directive
    school_year: SchoolYear
    directive: Directive
    year_end: YearEnd
    references: list[DirectiveReference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    groups: list[TaskGroup] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    unit_targets: list[IndicatorTarget] = field(default_factory=list)
    baselines: list[BaselineRow] = field(default_factory=list)
    issues: list[IssueSpec] = field(default_factory=list)


def next_school_year(directive: Directive) -> SchoolYear | None:
    """The school year after the plan's: the stored one, else a new unsaved one."""
    if directive.school_year is None:
        return None
    start = directive.school_year.start_year + 1
    return SchoolYear.objects.filter(start_year=start).first() or SchoolYear(start_year=start)


def continuation_in(directive: Directive, school_year: SchoolYear) -> Directive | None:
    """The plan that already continues ``directive`` in ``school_year``, if any."""
    if school_year.pk is None:
        return None
    return Directive.objects.filter(previous_year=directive, school_year=school_year).first()


def refusal(directive: Directive, school_year: SchoolYear) -> str:
    """Why the plan cannot be carried into that school year, or "" when it can."""
    if directive.school_year is None:
        return _("This plan has no school year: set its school year first.")
    if school_year.start_year <= directive.school_year.start_year:
        return _("The new school year must come after %(year)s, the plan's own.") % {
            "year": directive.school_year
        }
    existing = continuation_in(directive, school_year)
    if existing is not None:
        return _("This plan is already continued in the school year %(year)s by “%(plan)s”.") % {
            "year": school_year,
            "plan": existing,
        }
    return ""


def relabel(text: str, old: SchoolYear, new: SchoolYear) -> str:
    """The school year's label replaced by the new year's, in whatever spelling the text
    uses ("2024 - 2025", "2024-2025", "2024 – 2025"); other years are left alone."""
    pattern = re.compile(rf"(?<!\d){old.start_year}(\s*[-–—]\s*){old.start_year + 1}(?!\d)")
    return pattern.sub(lambda match: f"{new.start_year}{match.group(1)}{new.start_year + 1}", text)


def shift_date(day: datetime.date | None, years: int) -> datetime.date | None:
    """The same day ``years`` later (29 February becomes the 28th)."""
    if day is None:
        return None
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def _load(directive: Directive) -> Directive:
    tasks = Task.objects.order_by("order").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("agency"))
    )
    return (
        Directive.objects.select_related("issuer", "school_year")
        .prefetch_related(
            Prefetch("references", queryset=DirectiveReference.objects.order_by("order")),
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch(
                "task_groups",
                queryset=TaskGroup.objects.order_by("order").prefetch_related(
                    Prefetch("tasks", queryset=tasks)
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order").prefetch_related(
                    Prefetch(
                        "unit_targets",
                        queryset=IndicatorTarget.objects.select_related("agency").order_by(
                            "agency__code"
                        ),
                    )
                ),
            ),
        )
        .get(pk=directive.pk)
    )


def plan_roll_forward(*, directive: Directive, school_year: SchoolYear) -> RollForwardPlan:
    """What rolling ``directive`` into ``school_year`` would create and what it could not
    carry, computed without writing anything, in a fixed number of queries."""
    source = _load(directive)
    old_year = source.school_year
    years = school_year.start_year - old_year.start_year
    first_day = school_year.span[0]
    day = first_day.strftime("%d/%m/%Y")

    def text(value: str) -> str:
        return relabel(value, old_year, school_year)

    groups = list(source.task_groups.all())
    indicators = list(source.indicators.all())
    agencies = {source.issuer.pk: source.issuer}
    for group in groups:
        for task in group.tasks.all():
            for assignment in task.assignments.all():
                agencies[assignment.agency_id] = assignment.agency
    for indicator in indicators:
        for target in indicator.unit_targets.all():
            agencies[target.agency_id] = target.agency
    successions = successions_on(agencies.values(), first_day)

    issues: list[IssueSpec] = []
    issuer = source.issuer
    succession = successions[issuer.pk]
    if not succession.is_open:
        if len(succession.successors) == 1:
            issuer = succession.successors[0]
        else:
            message = (
                _(
                    "%(agency)s, which issued last year's plan, is no longer open on %(day)s "
                    "and its duties went to several agencies (%(successors)s): choose the "
                    "issuing agency of the new plan."
                )
                if succession.successors
                else _(
                    "%(agency)s, which issued last year's plan, is no longer open on %(day)s "
                    "and has no successor on record: choose the issuing agency of the new plan."
                )
            )
            issues.append(
                IssueSpec(
                    Kind.ISSUER,
                    message
                    % {
                        "agency": source.issuer,
                        "day": day,
                        "successors": names(succession.successors),
                    },
                    agency=source.issuer,
                )
            )
    new = Directive(
        doc_type=source.doc_type,
        symbol=source.symbol,
        issuer=issuer,
        place=source.place,
        signer_capacity=source.signer_capacity,
        title=text(source.title),
        school_year=school_year,
        theme=text(source.theme),
        motto=text(source.motto),
        preamble=text(source.preamble),
        recipients=source.recipients,
        previous_year=source,
        is_draft=True,
    )
    plan = RollForwardPlan(source, school_year, new, year_end_of(source))
    plan.references = [
        DirectiveReference(
            directive=new,
            order=ref.order,
            relation=ref.relation,
            doc_type=ref.doc_type,
            number=ref.number,
            symbol=ref.symbol,
            issued_on=ref.issued_on,
            text=ref.text,
            target=ref.target,
        )
        for ref in source.references.all()
    ]
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = Section(
            directive=new,
            order=section.order,
            number=section.number,
            title=text(section.title),
            text=text(section.text),
        )
    plan.sections = list(sections.values())
    issues.extend(_copy_tasks(plan, groups, sections, successions, years, day, text))
    issues.extend(_copy_indicators(plan, indicators, successions, day, text))
    plan.issues = issues
    return plan


def _copy_tasks(plan, groups, sections, successions, years, day, text) -> list[IssueSpec]:
    issues = []
    for group in groups:
        new_group = TaskGroup(
            directive=plan.directive,
            section=sections.get(group.section_id),
            order=group.order,
            number=group.number,
            title=text(group.title),
        )
        plan.groups.append(new_group)
        for task in group.tasks.all():
            new_task = Task(
                group=new_group,
                order=task.order,
                number=task.number,
                text=text(task.text),
                deadline_text=text(task.deadline_text),
                due_on=shift_date(task.due_on, years),
                recurs_yearly=task.recurs_yearly,
            )
            plan.tasks.append(new_task)
            carried: dict[int, Assignment] = {}
            for assignment in task.assignments.all():
                succession = successions[assignment.agency_id]
                targets = succession.successors
                values = {
                    "agency": assignment.agency,
                    "role": assignment.get_role_display(),
                    "day": day,
                    "successors": names(targets),
                }
                if not targets:
                    issues.append(
                        IssueSpec(
                            Kind.ASSIGNMENT,
                            _(
                                "%(agency)s (%(role)s) is no longer open on %(day)s and has "
                                "no successor on record: nobody carries its part of the task."
                            )
                            % values,
                            task=new_task,
                            agency=assignment.agency,
                        )
                    )
                    continue
                if assignment.role == Role.LEAD and len(targets) > 1:
                    issues.append(
                        IssueSpec(
                            Kind.LEAD,
                            _(
                                "%(agency)s led this task and is no longer open on %(day)s; "
                                "its duties went to several agencies (%(successors)s): "
                                "choose the lead of the task."
                            )
                            % values,
                            task=new_task,
                            agency=assignment.agency,
                        )
                    )
                    continue
                for agency in targets:
                    previous = carried.get(agency.pk)
                    if previous and ROLE_WEIGHT[previous.role] >= ROLE_WEIGHT[assignment.role]:
                        continue
                    carried[agency.pk] = Assignment(
                        task=new_task,
                        agency=agency,
                        role=assignment.role,
                        source=assignment.source,
                        due_on=shift_date(assignment.due_on, years),
                    )
            plan.assignments.extend(carried.values())
    return issues


def _copy_indicators(plan, indicators, successions, day, text) -> list[IssueSpec]:
    issues = []
    year_end = plan.year_end
    previous_year = plan.source.school_year
    # Where each new agency comes from: asked once for every agency a target moves to.
    receivers = {
        s.successors[0].pk: s.successors[0]
        for s in successions.values()
        if s.continuous and not s.is_open
    }
    lineage = ancestries(receivers.values())
    for indicator in indicators:
        baseline, reason = province_baseline(year_end, indicator)
        new = Indicator(
            directive=plan.directive,
            order=indicator.order,
            name=text(indicator.name),
            unit=indicator.unit,
            education_level=indicator.education_level,
            baseline_value=baseline,
            baseline_year=previous_year if baseline is not None else None,
            target_value=None,
            direction=indicator.direction,
            rollup_rule=indicator.rollup_rule,
            ratio_scale=indicator.ratio_scale,
            is_count=indicator.is_count,
            previous=indicator,
        )
        plan.indicators.append(new)
        plan.baselines.append(BaselineRow(indicator, baseline, indicator.target_value))
        if baseline is None:
            issues.append(
                IssueSpec(
                    Kind.BASELINE,
                    _("No baseline for “%(indicator)s”: %(reason)s.")
                    % {"indicator": new.name, "reason": reason},
                    indicator=new,
                )
            )
        issues.extend(_carry_unit_targets(plan, indicator, new, successions, lineage, day))
    return issues


def _carry_unit_targets(plan, indicator, new, successions, lineage, day) -> list[IssueSpec]:
    """Each unit target to the unit itself, or to the one agency its figures carry on in
    (several merged into one: their targets and figures combined); a split unit's target
    becomes an issue naming its new units."""
    issues = []
    year_end = plan.year_end
    groups: dict[int, list[IndicatorTarget]] = defaultdict(list)
    receivers: dict[int, Agency] = {}
    for target in indicator.unit_targets.all():
        succession = successions[target.agency_id]
        values = {
            "agency": target.agency,
            "indicator": new.name,
            "day": day,
            "successors": names(succession.successors),
        }
        if succession.is_open or succession.continuous:
            receiver = succession.successors[0]
            groups[receiver.pk].append(target)
            receivers[receiver.pk] = receiver
            continue
        if not succession.successors:
            message = _(
                "The target of %(agency)s for “%(indicator)s” was not carried: %(agency)s is "
                "no longer open on %(day)s and has no successor on record."
            )
        else:
            own = [
                f"{agency} ({figure_text(year_end, indicator, agency)})"
                for agency in succession.successors
                if year_end.unit_figure(indicator.pk, agency.pk) is not None
            ]
            message = (
                _(
                    "The target of %(agency)s for “%(indicator)s” was not carried: %(agency)s "
                    "went to several agencies (%(successors)s), and its figure is not any one "
                    "of theirs. Set their targets and baselines."
                )
                if succession.stated
                else _(
                    "The target of %(agency)s for “%(indicator)s” was not carried: the basis "
                    "does not say which of %(successors)s took over %(agency)s. Set their "
                    "targets and baselines."
                )
            )
            if own:
                message += " " + _("Their own approved year-end values: %(values)s.") % {
                    "values": "; ".join(own)
                }
        issues.append(
            IssueSpec(Kind.UNIT_TARGET, message % values, indicator=new, agency=target.agency)
        )
    for pk, olds in groups.items():
        agency = receivers[pk]
        ancestry = lineage.get(pk)
        if len(olds) == 1 and olds[0].agency_id == pk:
            ancestry = None  # the unit itself, still open
        predecessors = {t.agency_id: t.agency for t in olds}
        if ancestry is not None:
            predecessors.update({p.pk: p for p in ancestry.predecessors})
        by_agency = {t.agency_id: t for t in olds}
        values = {
            "agency": agency,
            "indicator": new.name,
            "predecessors": names(predecessors.values()),
        }
        if ancestry is not None and not ancestry.continuous:
            # Formed from this unit and part of another: its figures are no longer theirs.
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” was not carried: it was "
                        "formed from %(predecessors)s, not all of which went wholly into it."
                    )
                    % values,
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        without = [p for p_pk, p in predecessors.items() if p_pk not in by_agency]
        if without:
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” could not be worked out "
                        "from the agencies merged into it (%(predecessors)s): %(units)s had "
                        "no target last year."
                    )
                    % {**values, "units": names(without)},
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        ordered = list(predecessors)
        target_value = merged_target(
            indicator,
            [by_agency[p].target_value for p in ordered],
            [year_end.unit_figure(indicator.pk, p) for p in ordered],
        )
        if target_value is None:
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” could not be worked out "
                        "from the agencies merged into it (%(predecessors)s): a merged rate "
                        "needs each one's approved year-end denominator, and a province-only "
                        "figure does not merge."
                    )
                    % values,
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        baseline, reason = unit_baseline(year_end, indicator, agency, ancestry)
        plan.unit_targets.append(
            IndicatorTarget(
                indicator=new,
                agency=agency,
                baseline_value=baseline,
                target_value=target_value,
                note=olds[0].note if len(olds) == 1 else "",
            )
        )
        if baseline is None and year_end.period is not None:
            issues.append(
                IssueSpec(
                    Kind.BASELINE,
                    _("No baseline for %(agency)s on “%(indicator)s”: %(reason)s.")
                    % {**values, "reason": reason or _("it has no approved year-end value")},
                    indicator=new,
                    agency=agency,
                )
            )
    return issues


def figure_text(year_end: YearEnd, indicator: Indicator, agency: Agency) -> str:
    return format_decimal(figure_value(indicator, year_end.unit_figure(indicator.pk, agency.pk)))


@transaction.atomic
@one_save
def roll_forward(
    *, directive: Directive, school_year: SchoolYear, by, is_demo: bool = False
) -> RollForward:
    """Create the draft plan of ``school_year`` from ``directive`` and record what could
    not be carried. Raises ValidationError when the year is not after the plan's or a plan
    already continues this one in that year (nothing is then written)."""
    with translation.override(settings.LANGUAGE_CODE):
        problem = refusal(directive, school_year)
        if problem:
            raise ValidationError(problem)
        plan = plan_roll_forward(directive=directive, school_year=school_year)
    new = plan.directive
    new.is_demo = is_demo
    new._history_user = by
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError as exc:  # another request continued it meanwhile
        with translation.override(settings.LANGUAGE_CODE):
            raise ValidationError(refusal(directive, school_year) or str(exc)) from exc
    for objs, model in (
        (plan.references, DirectiveReference),
        (plan.sections, Section),
        (plan.groups, TaskGroup),
        (plan.tasks, Task),
        (plan.assignments, Assignment),
        (plan.indicators, Indicator),
        (plan.unit_targets, IndicatorTarget),
    ):
        bulk_create_audited(objs, model, by=by)
    record = RollForward(
        source=directive,
        result=new,
        school_year=school_year,
        created_by=by,
        is_demo=is_demo,
    )
    record._history_user = by
    record.save()
    bulk_create_audited(
        [
            RollForwardIssue(
                roll_forward=record,
                order=order,
                kind=issue.kind,
                task=issue.task,
                indicator=issue.indicator,
                agency=issue.agency,
                text=issue.text,
            )
            for order, issue in enumerate(plan.issues, start=1)
        ],
        RollForwardIssue,
        by=by,
    )
    return record


@transaction.atomic
@one_save
def settle_issue(*, issue: RollForwardIssue, note: str, by) -> RollForwardIssue:
    """Mark an issue as settled (đã xử lý), with an optional note. Raises ValidationError
    when it is already settled."""
    if issue.settled_at is not None:
        raise ValidationError(_("This issue was already settled."))
    issue.settled_at = timezone.now()
    issue.settled_by = by
    issue.note = note.strip()
    issue.full_clean()
    issue._history_user = by
    issue.save()
    return issue
