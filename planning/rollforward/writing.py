"""Writing the roll-forward: the draft plan, its record and its issues, in one save."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, one_save
from directives.models import (
    Assignment,
    Directive,
    DirectiveReference,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator, IndicatorTarget
from planning.models import RollForward, RollForwardIssue
from planning.rollforward.copying import plan_roll_forward, refusal


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
