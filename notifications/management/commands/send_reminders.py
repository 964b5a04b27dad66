"""Send the daily reminders (README, "Reminders"): reports due soon and overdue,
escalation, task deadlines; then retry e-mail that failed earlier.

    manage.py send_reminders                      # once, now
    manage.py send_reminders --dry-run            # list who would get what; no change
    manage.py send_reminders --as-of "16/10/2026 00:00"   # as if it were then
    manage.py send_reminders --every-day-at 07:00 # once now, then daily, until stopped

Times are Asia/Ho_Chi_Minh (TIME_ZONE). In production a systemd timer runs it each
morning (deploy/edu-plans-reminders.timer); in development ``--every-day-at`` runs
beside the web server.
"""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from notifications.reminders import send_reminders

MOMENT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


def parse_moment(text: str) -> datetime.datetime:
    """A local date and time ("16/10/2026 00:00", "2026-10-16T00:00"; a date alone is
    its 00:00), as an aware moment in TIME_ZONE."""
    for pattern in MOMENT_FORMATS:
        try:
            naive = datetime.datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return timezone.make_aware(naive)
    raise CommandError(f'Not a date and time: "{text}" (e.g. "16/10/2026 07:00").')


def parse_clock(text: str) -> datetime.time:
    try:
        return datetime.datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise CommandError(f'Not a time of day: "{text}" (e.g. 07:00).') from None


def next_run(after: datetime.datetime, at: datetime.time) -> datetime.datetime:
    """The first moment after ``after`` when the local clock shows ``at``."""
    local = timezone.localtime(after)
    candidate = timezone.make_aware(datetime.datetime.combine(local.date(), at))
    if candidate <= after:
        candidate = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), at)
        )
    return candidate


class Command(BaseCommand):
    help = "Send the daily reminders and escalations (e-mail and notices)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would get what; send and write nothing.",
        )
        parser.add_argument(
            "--as-of",
            metavar="MOMENT",
            help='Run as if it were then (local time), e.g. "16/10/2026 00:00".',
        )
        parser.add_argument(
            "--every-day-at",
            metavar="HH:MM",
            help="Send now, then every day at this local time, until stopped.",
        )

    def handle(self, *args, dry_run=False, as_of=None, every_day_at=None, **options):
        moment = parse_moment(as_of) if as_of else None
        if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
            # Development (make run): say where the mail can be read.
            self.stdout.write(f"E-mail is written to files in {settings.EMAIL_FILE_PATH}/.")
        if every_day_at is None:
            self.run_once(moment, dry_run=dry_run)
            return
        at = parse_clock(every_day_at)
        if moment is not None or dry_run:
            raise CommandError("--every-day-at runs for real, now: without --as-of or --dry-run.")
        try:
            while True:
                self.run_once(None, dry_run=False)
                close_old_connections()
                wake = next_run(timezone.now(), at)
                self.stdout.write(f"Next reminders at {timezone.localtime(wake):%d/%m/%Y %H:%M}.")
                self.stdout.flush()
                while (left := (wake - timezone.now()).total_seconds()) > 0:
                    time.sleep(min(left, 60))
        except KeyboardInterrupt:
            return

    def run_once(self, moment, *, dry_run: bool) -> None:
        run = send_reminders(now=moment, dry_run=dry_run)
        when = f"{timezone.localtime(run.now):%d/%m/%Y %H:%M}"
        if dry_run:
            self.stdout.write(f"As of {when}, {len(run.planned)} notices would go:")
            for item in run.planned:
                who = item.recipient.email or item.recipient.username
                self.stdout.write(f"  {who}\t{item.kind}\t{item.title}")
            return
        self.stdout.write(
            f"As of {when}: {run.written} notices written, {run.mailed} e-mails sent."
        )
        self.stdout.flush()
