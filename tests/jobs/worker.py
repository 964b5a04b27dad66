"""The real worker (django-tasks-db's ``db_worker``) run from a test."""

import signal

from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_worker() -> None:
    """``manage.py db_worker --batch``: every waiting task, then return. The worker sets
    its own SIGINT/SIGTERM handlers; the test run gets its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0",
            "--no-reload",
            verbosity=0,
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def run_queued_tasks() -> None:
    """Every waiting task, run by the worker's own code for one task (claim, then
    ``Worker.run_task``) in the test's transaction: for tests inside a transaction, where
    the worker's loop would close the connection it shares with the test."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
