"""Copying last year's plan, unsaved: structure, assignments moved to the successors of
closed agencies, indicators with last year's year-end values as baselines."""

import calendar
import datetime
import re
import unicodedata

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from directives.lineage import ancestries, successions_on
from directives.localization import format_decimal
from directives.models import (
    Agency,
    Assignment,
    Directive,
    DirectiveReference,
    Reorganisation,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator, IndicatorTarget
from planning.baselines import names, province_baseline, year_end_of
from planning.rollforward.common import BaselineRow, IssueSpec, Kind, RollForwardPlan
from planning.rollforward.unit_targets import carry_unit_targets

Role = Assignment.Role
# When several closed agencies go into one, the agency keeps its strongest part.
ROLE_WEIGHT = {Role.LEAD: 3, Role.IMPLEMENT: 2, Role.COORDINATE: 1}


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
    reform = _local_reorganisation(
        previous_year.span[0] if previous_year else None, plan.school_year.span[0]
    )
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
        if reform is not None and baseline is not None and counts_local_units(indicator):
            issues.append(
                IssueSpec(
                    Kind.BASELINE,
                    _(
                        "“%(indicator)s” counts units of local government (%(unit)s), which "
                        "%(basis)s rearranged from %(day)s: its baseline %(value)s counts "
                        "the units before the change. Check it before giving targets."
                    )
                    % {
                        "indicator": new.name,
                        "unit": indicator.unit,
                        "basis": reform.basis,
                        "day": reform.effective_on.strftime("%d/%m/%Y"),
                        "value": format_decimal(baseline),
                    },
                    indicator=new,
                )
            )
        issues.extend(carry_unit_targets(plan, indicator, new, successions, lineage, day))
    return issues


# Counted units that are units of local government: their number changes when the
# communes or districts are rearranged.
LOCAL_UNITS = frozenset({"xã", "phường", "thị trấn", "huyện", "quận", "thị xã"})


def counts_local_units(indicator: Indicator) -> bool:
    """Whether the indicator counts communes, wards, towns or districts."""
    return unicodedata.normalize("NFC", indicator.unit).strip().casefold() in LOCAL_UNITS


def _local_reorganisation(since: datetime.date | None, until: datetime.date):
    """The latest applied reorganisation between the two years that closed districts or
    communes, if any."""
    if since is None:
        return None
    return (
        Reorganisation.objects.filter(
            applied_at__isnull=False,
            effective_on__gt=since,
            effective_on__lte=until,
            lines__predecessors__kind__in=[Agency.Kind.DISTRICT, Agency.Kind.COMMUNE],
        )
        .order_by("-effective_on")
        .first()
    )
