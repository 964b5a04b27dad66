"""Time the dashboard page at province and national scale (make bench): server time and
SQL queries per request, on generated data."""

import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.models import User
from dashboard.bench import build_dataset

SCALES = [
    ("province", 40, 3),  # 40 units × 26 indicators × 4 periods × 3 school years
    ("national", 3300, 1),  # about 3 300 communes, 34 provinces' worth
]
RUNS = 3


class Command(BaseCommand):
    help = "Time the dashboard page at province and national scale."

    def handle(self, *args, **options):
        groups = roles.ensure_role_groups()
        leader, created = User.objects.get_or_create(username="bench-leader")
        if created:
            leader.groups.add(groups[roles.LEADERSHIP])
        client = Client()
        client.force_login(leader)
        url = reverse("dashboard:dashboard")
        for label, units, years in SCALES:
            started = time.perf_counter()
            directive = build_dataset(units=units, years=years, label=label)
            built = time.perf_counter() - started
            query = f"?year={directive.school_year.start_year}&directive={directive.pk}"
            client.get(url + query, HTTP_HOST="127.0.0.1")  # warm the caches
            timings = []
            for _run in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url + query, HTTP_HOST="127.0.0.1")
                    timings.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
            self.stdout.write(
                f"dashboard {label:<9} {units:>5} units × {years} year(s): "
                f"best {min(timings) * 1000:.0f} ms of {RUNS}, {len(queries)} queries, "
                f"{len(response.content) // 1024} KB (data built in {built:.0f} s)"
            )
