"""Notices for the workflow's events, written once the change is committed and mailed by
the background worker.

The receivers only plan the notices (inside the change's transaction, so they read the
object as committed). On commit (``robust``: a failure there is logged and never undoes
or fails the user's change) the notices are written, so the bell shows them at once, and
one task is queued to send their mail (``notifications.tasks``): the request never talks
to the mail server. The task's row is written with the notices, in our own database; if
it cannot be, the notices stand and their mail waits for the next daily run.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from directives import signals as directive_signals
from directives.models import DeadlineExtension
from notifications import delivery, tasks
from notifications.delivery import Planned
from notifications.models import Kind, Notice
from notifications.recipients import reporting_users
from reports import signals as report_signals
from reports.models import ProgressReport

logger = logging.getLogger(__name__)


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def deliver(planned: list[Planned]) -> list[Notice]:
    """Write the notices not written before and queue the sending of their e-mail."""
    with transaction.atomic():
        written = delivery.write_notices(planned)
        pending = [notice.pk for notice in written if notice.mail == Notice.Mail.PENDING]
        if pending:
            try:
                with transaction.atomic():
                    tasks.send_notice_mail.enqueue(pending)
            except Exception:
                logger.warning(
                    "Mail of %s notices not queued; the daily run sends it",
                    len(pending),
                    exc_info=True,
                )
    return written


def _on_commit(planned: list[Planned]) -> None:
    if planned:
        transaction.on_commit(partial(deliver, planned), robust=True)


def period_opened(sender, *, period, **kwargs):
    """Each unit that must report is told the period is open, and by when."""
    reports = list(period.reports.select_related("agency"))
    users = reporting_users(r.agency_id for r in reports)
    planned = []
    with translation.override(settings.LANGUAGE_CODE):
        for report in reports:
            title = _("New reporting period: %(period)s") % {"period": period.name}
            text = _(
                "%(unit)s must submit its report for %(period)s (%(directive)s) by %(due)s."
            ) % {
                "unit": report.agency.name,
                "period": period.name,
                "directive": period.directive.reference or period.directive.short_title,
                "due": _day(period.due_on),
            }
            planned += [
                Planned(
                    user,
                    Kind.PERIOD_OPENED,
                    f"report:{report.pk}",
                    "",
                    title,
                    text,
                    report.get_absolute_url(),
                )
                for user in users.get(report.agency_id, [])
            ]
    _on_commit(planned)


def _report_event(report: ProgressReport, kind: str, title: str, text: str) -> None:
    planned = [
        Planned(
            user,
            kind,
            f"report:{report.pk}",
            f"v{report.version}",
            title,
            text,
            report.get_absolute_url(),
        )
        for user in reporting_users([report.agency_id]).get(report.agency_id, [])
    ]
    _on_commit(planned)


def _names(report: ProgressReport) -> dict:
    return {"unit": report.agency.name, "period": report.period.name}


def report_returned(sender, *, report, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        names = _names(report)
        _report_event(
            report,
            Kind.REPORT_RETURNED,
            _("Report returned: %(period)s") % names,
            _("The department returned the report of %(unit)s for %(period)s. Reason: %(reason)s")
            % {**names, "reason": report.return_reason},
        )


def report_approved(sender, *, report, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        names = _names(report)
        _report_event(
            report,
            Kind.REPORT_APPROVED,
            _("Report approved: %(period)s") % names,
            _("The report of %(unit)s for %(period)s has been approved.") % names,
        )


def report_reopened(sender, *, report, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        names = _names(report)
        _report_event(
            report,
            Kind.REPORT_REOPENED,
            _("Report reopened: %(period)s") % names,
            _("The report of %(unit)s for %(period)s is open for editing again. Reason: %(reason)s")
            % {**names, "reason": report.reopen_reason},
        )


def extension_decided(sender, *, extension, **kwargs):
    """Whoever asked, and the agency's reporting users, are told the decision."""
    assignment = extension.assignment
    agency = assignment.agency
    granted = extension.decision == DeadlineExtension.Decision.GRANTED
    with translation.override(settings.LANGUAGE_CODE):
        names = {
            "task": _shorten(assignment.task.text),
            "unit": agency.name,
            "due": _day(extension.requested_due_on),
            "note": extension.decision_note,
        }
        if granted:
            kind = Kind.EXTENSION_GRANTED
            title = _("Extension granted: %(task)s") % names
            text = _("The new deadline for the task “%(task)s” of %(unit)s is %(due)s.") % names
        else:
            kind = Kind.EXTENSION_REFUSED
            title = _("Extension refused: %(task)s") % names
            text = (
                _(
                    "The request to move the deadline of the task “%(task)s” of %(unit)s to "
                    "%(due)s was refused. Note: %(note)s"
                )
                % names
            )
    people = {extension.requested_by.pk: extension.requested_by}
    for user in reporting_users([agency.pk]).get(agency.pk, []):
        people.setdefault(user.pk, user)
    url = reverse("directives:unit_tasks")
    _on_commit(
        [
            Planned(user, kind, f"extension:{extension.pk}", "", title, text, url)
            for user in people.values()
        ]
    )


def _shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def connect() -> None:
    """Listen to the workflow's signals (from NotificationsConfig.ready)."""
    for signal, receiver in (
        (report_signals.period_opened, period_opened),
        (report_signals.report_returned, report_returned),
        (report_signals.report_approved, report_approved),
        (report_signals.report_reopened, report_reopened),
        (directive_signals.extension_decided, extension_decided),
    ):
        signal.connect(receiver, dispatch_uid=f"notifications.{receiver.__name__}")
