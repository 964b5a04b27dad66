"""What every step of the workflow shares: states, inputs, errors, timeliness."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directives.localization import decimal_for_field, figure_of_kind
from indicators.models import Indicator
from reports import permissions
from reports.models import (
    ProgressReport,
)

Status = ProgressReport.Status
EDITABLE = {Status.NOT_STARTED, Status.DRAFT, Status.RETURNED}

# The names are those Django's length validator gives, so forms show the same words.
TEXT_TOO_LONG = gettext_lazy(
    "This text is too long: at most %(limit_value)s characters (it has %(show_value)s)."
)


class TransitionNotAllowed(Exception):
    """The report's state does not allow this change."""


class StaleReport(Exception):
    """Someone else saved the report after this form was opened."""

    def __init__(self, report: ProgressReport):
        super().__init__(report)
        self.report = report


class IncompleteReport(Exception):
    """Submission refused: ``missing`` says exactly what is still to fill in."""

    def __init__(self, missing: list[str]):
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass
class AnswerInput:
    task_id: int
    progress: str = ""
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    completed_on: datetime.date | None = None


@dataclass
class GroupAnswerInput:
    group_id: int
    progress: str = ""
    results: str = ""
    difficulties: str = ""
    proposals: str = ""
    completed_on: datetime.date | None = None


@dataclass
class ValueInput:
    indicator_id: int
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str = ""


@dataclass
class ReportInput:
    answers: list[AnswerInput] = field(default_factory=list)
    values: list[ValueInput] = field(default_factory=list)
    groups: list[GroupAnswerInput] = field(default_factory=list)


def today() -> datetime.date:
    return timezone.localdate()


def is_locked(report: ProgressReport, *, on: datetime.date | None = None) -> bool:
    """Approved reports are locked; others after the period's lock date unless reopened."""
    if report.status == Status.APPROVED:
        return True
    return (on or today()) > report.period.locks_on and not report.reopened


def can_be_edited_by(report: ProgressReport, user) -> bool:
    return (
        permissions.can_edit_report(user, report)
        and report.status in EDITABLE
        and not is_locked(report)
    )


def days_late(report: ProgressReport) -> int:
    """Days from the due date to the first submission; 0 when on time or not submitted.
    A report returned and submitted again keeps the timeliness of its first submission."""
    if report.first_submitted_at is None:
        return 0
    return max(0, (timezone.localdate(report.first_submitted_at) - report.period.due_on).days)


def days_overdue(report: ProgressReport, *, on: datetime.date | None = None) -> int:
    """Days past the due date of a report never submitted; 0 once it has been."""
    if report.first_submitted_at is not None:
        return 0
    return max(0, ((on or today()) - report.period.due_on).days)


def is_resubmitted(report: ProgressReport) -> bool:
    """Submitted again after being returned or reopened."""
    return report.submitted_at is not None and report.submitted_at != report.first_submitted_at


def _check_can_edit(report: ProgressReport, by) -> None:
    if not permissions.can_edit_report(by, report):
        raise PermissionDenied
    if report.status not in EDITABLE:
        raise TransitionNotAllowed(
            _("This report has been submitted and can no longer be changed.")
        )
    if is_locked(report):
        raise TransitionNotAllowed(
            _("The period was locked on %(day)s; ask the department to reopen the report.")
            % {"day": report.period.locks_on.strftime("%d/%m/%Y")}
        )


def field_problem(model, name: str, value) -> str | None:
    """What stops ``value`` from being stored in the model field ``name``: a number with
    more digits than the field holds, or a text longer than it allows. None when it fits."""
    field = model._meta.get_field(name)
    if isinstance(value, Decimal):
        try:
            decimal_for_field(
                value, max_digits=field.max_digits, decimal_places=field.decimal_places
            )
        except ValueError as exc:
            return str(exc)
    elif isinstance(value, str) and field.max_length and len(value) > field.max_length:
        return TEXT_TOO_LONG % {"limit_value": field.max_length, "show_value": len(value)}
    return None


def kind_problem(indicator: Indicator, figure: str, value: Decimal | None) -> str | None:
    """What stops ``value`` from being the indicator's ``figure``: a count that is not a
    whole number. None when it can be."""
    if value is None:
        return None
    try:
        figure_of_kind(value, indicator.figure_kind(figure))
    except ValueError as exc:
        return str(exc)
    return None


def _save_with_history(instance, by) -> None:
    instance._history_user = by
    instance.save()


def _shorten(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
