"""The browser tests run the worker in a thread beside the live server (tests/jobs/
worker.py). On SQLite both use the test's one in-memory connection: requests that start
jobs while the worker polls and runs them must each get their answer, and leave the
connection fit for the tests after them."""

import http.cookiejar
import re
import urllib.request

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from directives.seed_data import load_seed_data
from jobs.models import Job
from tests.jobs.worker import WorkerThread
from tests.notifications.conftest import People

pytestmark = pytest.mark.django_db(transaction=True)

STARTS = 30


def test_jobs_started_through_the_live_server_while_the_worker_runs_all_start(live_server):
    load_seed_data()
    people = People()
    period = people.open_period(due_on="soon")
    client = Client()
    client.force_login(people.reviewer)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    session = client.cookies["sessionid"].value
    browser.addheaders = [("Cookie", f"sessionid={session}")]
    page = browser.open(live_server.url + period.get_absolute_url()).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = {c.name: c.value for c in jar}["csrftoken"]
    browser = urllib.request.build_opener()
    browser.addheaders = [("Cookie", f"sessionid={session}; csrftoken={cookie}")]
    export = live_server.url + reverse("reports:period_export", args=[period.pk, "xlsx"])

    worker = WorkerThread(interval=0)
    worker.start()
    answers = []
    try:
        for _ in range(STARTS):
            request = urllib.request.Request(
                export,
                data=f"csrfmiddlewaretoken={token}".encode(),
                headers={"Referer": live_server.url + period.get_absolute_url()},
            )
            with browser.open(request) as response:
                answers.append((response.status, response.url))
    finally:
        worker.stop()

    assert len(answers) == STARTS
    assert all(status == 200 and "/jobs/" in url for status, url in answers), answers
    assert Job.objects.filter(owner=people.reviewer).count() == STARTS
    assert Job.objects.filter(status=Job.Status.DONE).exists()
    assert not connection.in_atomic_block and not connection.needs_rollback
