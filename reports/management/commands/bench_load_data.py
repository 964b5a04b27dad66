"""Prepare the load run's database (make bench): on top of the demo data, one commune's
report in the open period gets a year of history; print, as JSON, the pages to load and
who opens each.

Needs the demo data (``load_demo_data``, DEBUG on): its 43 units, plans and periods are
the province scale the load run measures.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts import roles
from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from reports.bench import add_year_of_history
from reports.models import ProgressReport, ReportingPeriod
from reports.workflow.common import EDITABLE

STAFF, LEADERSHIP = "chuyenvien", "lanhdao"


class Command(BaseCommand):
    help = "Give one report a year of history and print the load run's pages as JSON."

    def handle(self, *args, **options):
        period = (
            ReportingPeriod.objects.filter(is_demo=True, directive__school_year__start_year=2026)
            .order_by("-due_on")
            .first()
        )
        if period is None:
            raise CommandError("Load the demo data first (manage.py load_demo_data).")
        report = (
            ProgressReport.objects.filter(
                period=period, status__in=EDITABLE, agency__code__startswith="lc-xa-"
            )
            .select_related("agency")
            .order_by("agency__code")
            .first()
        )
        writer = User.objects.get(agency=report.agency, groups__name=roles.REPORTING_UNIT)
        saves = add_year_of_history(
            report=report, writer=writer, reviewer=User.objects.get(username=STAFF)
        )
        self.stderr.write(f"{report.agency.name}: {saves} saves over the year gone.")
        pages = [
            ("/healthz", reverse("healthz"), None),
            ("trivial page", reverse("accounts:security"), STAFF),
            ("report form", reverse("reports:report_edit", args=[report.pk]), writer.username),
            ("period board", reverse("reports:period_detail", args=[period.pk]), STAFF),
            ("roll-up", reverse("reports:period_rollup", args=[period.pk]), STAFF),
            (
                "directive page",
                reverse("directives:directive_detail", args=[period.directive_id]),
                STAFF,
            ),
            ("dashboard", reverse("dashboard:dashboard"), LEADERSHIP),
        ]
        self.stdout.write(
            json.dumps(
                {
                    "password": DEMO_PASSWORD,
                    "pages": [{"name": n, "path": p, "user": u} for n, p, u in pages],
                }
            )
        )
