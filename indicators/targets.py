"""Giao chỉ tiêu: staff give a plan's indicators their province target and each reporting
unit its own target.

Every change goes through these functions: they check that the user may change targets,
read each figure as its indicator counts it, refuse units that are not open during the
plan's school year, run in one transaction and leave one history entry per call.
"""

from collections.abc import Callable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, bulk_update_audited, one_save
from directives import permissions
from directives.models import Agency, Directive
from indicators.models import Indicator, IndicatorTarget

# Rules of the apps above this one that a unit target must also pass before it changes or
# goes. Each takes the stored rows about to change or go and returns {row pk: why not}:
# the reports app refuses to move a target an approved report was judged against.
unit_target_guards: list[Callable[[list[IndicatorTarget]], dict[int, str]]] = []

# The foreign keys are the caller's own objects, already read: checking each again would
# cost a query per row. Uniqueness and the range checks are the database's constraints.
CLEAN = {"validate_unique": False, "validate_constraints": False}
INDICATOR_KEYS = ["directive", "baseline_year", "previous"]
TARGET_KEYS = ["indicator", "agency"]


def can_change_targets(user) -> bool:
    """Department staff and administrators set targets (giao chỉ tiêu); leadership reads
    them."""
    return permissions.can_assign(user)


def closed_during(agency: Agency, directive: Directive) -> bool:
    """Whether the agency is open on no day of the directive's school year: it closed
    before the year began or opened after it ended (a directive of no school year shuts
    nobody out)."""
    if directive.school_year is None:
        return False
    return not agency.is_valid_between(*directive.school_year.span)


def closed_before(agency: Agency, directive: Directive) -> bool:
    """Of an agency open on no day of the school year: it closed before the year began
    (else it opened after the year ended)."""
    first_day, _last_day = directive.school_year.span
    return agency.valid_until is not None and agency.valid_until < first_day


def _closed_message(agency: Agency, directive: Directive) -> str:
    if closed_before(agency, directive):
        return _(
            "%(unit)s closed on %(date)s, before school year %(year)s began: it cannot "
            "receive a target for this plan."
        ) % {
            "unit": agency,
            "date": formats.date_format(agency.valid_until, "SHORT_DATE_FORMAT"),
            "year": directive.school_year,
        }
    return _(
        "%(unit)s opened on %(date)s, after school year %(year)s ended: it cannot receive "
        "a target for this plan."
    ) % {
        "unit": agency,
        "date": formats.date_format(agency.valid_from, "SHORT_DATE_FORMAT"),
        "year": directive.school_year,
    }


def _figure_errors(row, exclude: list[str]) -> list[str]:
    """What full_clean refuses in the row's target, as messages."""
    try:
        row.full_clean(exclude=exclude, **CLEAN)
    except ValidationError as exc:
        return [message for messages in exc.message_dict.values() for message in messages]
    return []


@transaction.atomic
@one_save
def set_province_targets(
    *, directive: Directive, targets: Mapping[Indicator, Decimal | None], by
) -> list[Indicator]:
    """Give the directive's indicators their province target (None: no target yet);
    returns the indicators whose target changed.

    Raises PermissionDenied, and ValidationError keyed by indicator pk for a figure the
    indicator refuses (a count that is not whole) or an indicator of another directive.
    """
    if not can_change_targets(by):
        raise PermissionDenied
    errors, changed = {}, []
    for indicator, value in targets.items():
        if indicator.directive_id != directive.pk:
            errors[str(indicator.pk)] = [_("This indicator belongs to another plan.")]
            continue
        if indicator.target_value == value:
            continue
        indicator.target_value = value
        if messages := _figure_errors(indicator, INDICATOR_KEYS):
            errors[str(indicator.pk)] = messages
        changed.append(indicator)
    if errors:
        raise ValidationError(errors)
    bulk_update_audited(changed, Indicator, ["target_value"], by=by)
    return changed


@transaction.atomic
@one_save
def set_unit_targets(
    *, indicator: Indicator, targets: Mapping[Agency, Decimal | None], by
) -> list[IndicatorTarget]:
    """Give reporting units their target for an indicator; returns the rows written and
    those removed.

    A blank (None) clears the unit's target: its row goes unless it holds a baseline or
    a note, which stay (the target is then blank). A unit open on no day of the plan's
    school year cannot receive a target; clearing its target is allowed.

    Raises PermissionDenied, and ValidationError keyed by agency pk for a unit that is not
    open, a figure the indicator refuses (a count that is not whole), or a target that an
    approved report relies on.
    """
    if not can_change_targets(by):
        raise PermissionDenied
    directive = indicator.directive
    stored = {
        row.agency_id: row
        for row in IndicatorTarget.objects.filter(
            indicator=indicator, agency__in=[agency.pk for agency in targets]
        )
    }
    errors, created, changed, removed = {}, [], [], []
    for agency, value in targets.items():
        row = stored.get(agency.pk)
        if (row.target_value if row else None) == value:
            continue
        if value is not None and closed_during(agency, directive):
            errors[str(agency.pk)] = [_closed_message(agency, directive)]
            continue
        if row is None:
            row = IndicatorTarget(indicator=indicator, agency=agency, target_value=value)
            created.append(row)
        elif value is None and row.baseline_value is None and not row.note:
            removed.append(row)
            continue
        else:
            row.target_value = value
            changed.append(row)
        row.indicator = indicator  # its kind decides how the figure is read
        row.agency = agency  # and the agency's dates whether it may take one
        if messages := _figure_errors(row, TARGET_KEYS):
            errors[str(agency.pk)] = messages
    for guard in unit_target_guards:
        refusals = guard([*changed, *removed])
        for row in [*changed, *removed]:
            if row.pk in refusals:
                errors.setdefault(str(row.agency_id), []).append(refusals[row.pk])
    if errors:
        raise ValidationError(errors)
    bulk_create_audited(created, IndicatorTarget, by=by)
    bulk_update_audited(changed, IndicatorTarget, ["target_value"], by=by)
    for row in removed:
        row._history_user = by
        row.delete()
    return [*created, *changed, *removed]
