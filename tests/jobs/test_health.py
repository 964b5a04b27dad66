"""/healthz reports the database and the worker: 503 when the database does not answer,
and, in its JSON, whether jobs are being taken."""

import datetime
import os
import subprocess
import sys

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import roles
from jobs.running import start
from tests.factories import UserFactory
from tests.install import PROJECT
from tests.jobs import tasks
from tests.jobs.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_healthz_says_when_a_worker_last_took_a_job_and_what_waits(client, settings):
    settings.JOBS_WORKER_LATE_AFTER = 300
    health = client.get("/healthz").json()
    assert health == {
        "status": "ok",
        "database": "ok",
        "worker": {
            "status": "ok",
            "last_took_a_job_at": None,
            "waiting": 0,
            "oldest_waiting_seconds": 0,
        },
    }
    owner = UserFactory(username="chuyenvien", role=roles.DEPARTMENT_STAFF)
    job = start(owner, tasks.write_text, "x", title="Tệp")
    DBTaskResult.objects.filter(id=job.task_result_id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    response = client.get("/healthz")
    # The pages still work: a load balancer keeps sending them; monitoring reads the body.
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "worker_late" and health["worker"]["status"] == "late"
    assert health["worker"]["waiting"] == 1
    assert 360 <= health["worker"]["oldest_waiting_seconds"] < 400

    run_worker()
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["worker"]["waiting"] == 0
    taken = datetime.datetime.fromisoformat(health["worker"]["last_took_a_job_at"])
    assert taken.utcoffset() == datetime.timedelta(hours=7)  # Asia/Ho_Chi_Minh
    assert abs((timezone.now() - taken).total_seconds()) < 60


PROBE = """
from django.test import Client
response = Client().get("/healthz", HTTP_HOST="localhost")
print(response.status_code, response.content.decode())
"""


def test_healthz_is_503_when_the_database_does_not_answer():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    # Nothing listens on port 9 (discard) on the loopback: the connection is refused.
    env |= {"EDU_PLANS_TESTING": "1", "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == '503 {"status": "database_unavailable"}'
