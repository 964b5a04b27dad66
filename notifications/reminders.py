"""The daily reminders (send_reminders): reports due soon and overdue, escalation, and
task deadlines near or passed, as of a moment.

"Today" is the date in Asia/Ho_Chi_Minh (TIME_ZONE): a report due on 15/10 is due that
whole day and overdue from 00:00 on 16/10 there (17:00 UTC on 15/10). Each reminder has
its occurrence, so that running again the same day, or twice, sends nothing new:

- due soon: once per due date, from N days before it (N: the period's
  ``remind_every_days``) to the day itself, while the report has never been submitted;
- overdue: on the first day overdue and every N days after ("2026-10-15/0", "/1"...),
  while it has never been submitted and the period has not locked it;
- escalation: the same repeats, from M days overdue (``escalate_after_days``), also to
  the unit's head and the department staff who follow the unit;
- a task's deadline (the lead agency's reporting users): once when it is
  TASK_DUE_SOON_DAYS away or nearer, once when it has passed (within TASK_LATE_DAYS:
  older deadlines were due before anyone was reminded, and are not chased here).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from directives.models import Agency, Assignment
from notifications import delivery, tasks
from notifications.delivery import Planned
from notifications.models import Kind
from notifications.recipients import followers, heads, reporting_users
from reports import workflow
from reports.models import ProgressReport

TASK_DUE_SOON_DAYS = 7
TASK_LATE_DAYS = 7
NOT_SUBMITTED = [ProgressReport.Status.NOT_STARTED, ProgressReport.Status.DRAFT]


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _report_reminders(today: datetime.date) -> list[Planned]:
    latest_due = today + datetime.timedelta(days=60)  # remind_every_days is at most 60
    reports = list(
        ProgressReport.objects.filter(
            status__in=NOT_SUBMITTED,
            first_submitted_at__isnull=True,
            period__due_on__lte=latest_due,
        )
        .filter(Q(period__locks_on__gte=today) | Q(reopened=True))
        .select_related("period__directive", "agency")
        .order_by("period__due_on", "agency__name", "pk")
    )
    agency_ids = {r.agency_id for r in reports}
    units, unit_heads, staff = (
        reporting_users(agency_ids),
        heads(agency_ids),
        followers(agency_ids),
    )
    planned = []
    for report in reports:
        if workflow.is_locked(report, on=today):
            continue
        period = report.period
        names = {
            "unit": report.agency.name,
            "period": period.name,
            "due": _day(period.due_on),
        }
        subject, url = f"report:{report.pk}", report.get_absolute_url()
        every = period.remind_every_days
        days_left = (period.due_on - today).days
        if 0 <= days_left <= every:
            title = _("Report due on %(due)s: %(period)s") % names
            if days_left == 0:
                text = _("The report of %(unit)s for %(period)s is due today (%(due)s).") % names
            else:
                text = _(
                    "The report of %(unit)s for %(period)s is due on %(due)s, in %(days)s "
                    "days, and has not been submitted yet."
                ) % {**names, "days": days_left}
            occurrence = period.due_on.isoformat()
            planned += [
                Planned(user, Kind.REPORT_DUE_SOON, subject, occurrence, title, text, url)
                for user in units.get(report.agency_id, [])
            ]
            continue
        late = -days_left
        if late < 1:
            continue
        occurrence = f"{period.due_on.isoformat()}/{(late - 1) // every}"
        names["days"] = late
        title = _("Overdue report: %(period)s") % names
        text = (
            _(
                "The report of %(unit)s for %(period)s was due on %(due)s and is %(days)s days "
                "overdue. Please submit it."
            )
            % names
        )
        planned += [
            Planned(user, Kind.REPORT_OVERDUE, subject, occurrence, title, text, url)
            for user in units.get(report.agency_id, [])
        ]
        if late >= period.escalate_after_days:
            title = _("Long overdue: %(unit)s — %(period)s") % names
            text = (
                _(
                    "The report of %(unit)s for %(period)s was due on %(due)s and is %(days)s "
                    "days overdue. You receive this as the unit's head or as department staff "
                    "following the unit."
                )
                % names
            )
            people = {}
            for user in unit_heads.get(report.agency_id, []) + staff.get(report.agency_id, []):
                people.setdefault(user.pk, user)
            planned += [
                Planned(user, Kind.REPORT_ESCALATED, subject, occurrence, title, text, url)
                for user in people.values()
            ]
    return planned


def _task_reminders(today: datetime.date) -> list[Planned]:
    first = today - datetime.timedelta(days=TASK_LATE_DAYS)
    last = today + datetime.timedelta(days=TASK_DUE_SOON_DAYS)
    assignments = list(
        Assignment.objects.filter(role=Assignment.Role.LEAD)
        .exclude(status=Assignment.Status.DONE)
        .filter(
            Q(due_on__range=(first, last))
            | Q(due_on__isnull=True, task__due_on__range=(first, last))
        )
        .select_related("task__group__directive", "agency")
        .order_by("pk")
    )
    open_agencies = {
        a.pk
        for a in Agency.objects.filter(pk__in={a.agency_id for a in assignments})
        if a.is_valid_on(today)
    }
    units = reporting_users(open_agencies)
    url = reverse("directives:unit_tasks")
    planned = []
    for assignment in assignments:
        if assignment.agency_id not in open_agencies:
            continue
        deadline = assignment.deadline
        directive = assignment.task.group.directive
        names = {
            "task": _shorten(assignment.task.text),
            "directive": directive.reference or directive.short_title,
            "unit": assignment.agency.name,
            "due": _day(deadline),
        }
        if deadline >= today:
            kind = Kind.TASK_DUE_SOON
            title = _("Task due on %(due)s: %(task)s") % names
            text = _("The task “%(task)s” (%(directive)s), led by %(unit)s, is due on %(due)s.")
        else:
            kind = Kind.TASK_OVERDUE
            title = _("Task overdue since %(due)s: %(task)s") % names
            text = _(
                "The task “%(task)s” (%(directive)s), led by %(unit)s, was due on %(due)s "
                "and is not completed."
            )
        planned += [
            Planned(
                user,
                kind,
                f"assignment:{assignment.pk}",
                deadline.isoformat(),
                title,
                text % names,
                url,
            )
            for user in units.get(assignment.agency_id, [])
        ]
    return planned


def _shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def due_reminders(now: datetime.datetime) -> list[Planned]:
    """Every reminder due as of ``now`` that has not been written before."""
    today = timezone.localdate(now)
    with translation.override(settings.LANGUAGE_CODE):
        planned = _report_reminders(today) + _task_reminders(today)
    return delivery.not_yet_written(planned)


@dataclass
class Run:
    now: datetime.datetime
    planned: list[Planned] = field(default_factory=list)
    written: int = 0
    mailed: int = 0


def send_reminders(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Run:
    """Write and mail the reminders due as of ``now`` (default: this moment), then retry
    the mail left pending by earlier failures, and prune the worker's finished mail tasks.
    With ``dry_run``, only say what would go: nothing is written, sent or pruned."""
    run = Run(now=now or timezone.now())
    run.planned = due_reminders(run.now)
    if dry_run:
        return run
    run.written = len(delivery.write_notices(run.planned))
    run.mailed = delivery.send_mail_of()
    tasks.prune_mail_tasks(now=run.now)
    return run
