"""The real worker (django-tasks-db's ``db_worker``) run from a test."""

import signal
import threading
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import connections
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

# SQLite's in-memory test database has one connection, which the test, the live server's
# request threads and the worker thread share. Neither sqlite3 nor Django's transaction
# state on that connection can serve two threads at once (a request starting a job while
# the worker claims one ends in "database schema is locked" or a broken atomic block), so
# while a worker thread shares it, each request and each worker step holds this lock.
SHARED_CONNECTION = threading.RLock()
_sharing = threading.Event()  # set while a WorkerThread shares the connection
_held = threading.local()  # per request thread: did its request take the lock?


def _taken() -> list[bool]:
    if not hasattr(_held, "stack"):
        _held.stack = []
    return _held.stack


def _request_started(**kwargs):
    _taken().append(_sharing.is_set() and SHARED_CONNECTION.acquire())


def _request_finished(**kwargs):
    stack = _taken()
    if stack and stack.pop():
        SHARED_CONNECTION.release()


# Connected for good: a request that began while the worker shared the connection
# releases the lock at its end even if the worker has stopped in between.
request_started.connect(_request_started, dispatch_uid="shared-connection-lock")
request_finished.connect(_request_finished, dispatch_uid="shared-connection-lock")


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


@dataclass
class Downloaded:
    """A job's file as the browser receives it: status, headers, bytes."""

    status_code: int
    headers: dict
    content: bytes

    def __getitem__(self, header: str) -> str:
        return self.headers[header]


def download_through_job(client, url: str, data: dict | None = None) -> Downloaded:
    """Press an export button (a POST that starts a job and goes to its progress page),
    let the worker run the job, then download its file from the progress page's link."""
    started = client.post(url, data or {})
    assert started.status_code == 302, started.status_code
    progress_page = started["Location"]
    assert client.get(progress_page).status_code == 200
    run_queued_tasks()
    page = client.get(progress_page).content.decode()
    download_url = reverse("jobs:job_download", args=[progress_page.strip("/").split("/")[-1]])
    assert f'href="{download_url}"' in page, page[-3000:]
    response = client.get(download_url)
    assert response.status_code == 200
    return Downloaded(
        response.status_code, dict(response.items()), b"".join(response.streaming_content)
    )


class WorkerThread(threading.Thread):
    """The worker's own loop (django-tasks-db's ``Worker.run``, what ``db_worker`` runs)
    in a thread beside the live server, polling every 0.2 s until stopped.

    On PostgreSQL it has a connection of its own, as a worker process would, and runs the
    worker's loop itself. SQLite's test database lives in memory, so, as Django's
    LiveServerThread does for the live server (tests/browser/conftest.py), the thread is
    given the test's connection to it, and takes the worker's steps (claim a task, run it)
    one at a time under SHARED_CONNECTION, as each request does, sleeping outside it."""

    def __init__(self, *, interval: float = 0.2):
        super().__init__(name="job-worker", daemon=True)
        self.shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        self.worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test-worker",
            excluded_queue_names=[],
        )
        self.interval = interval
        self.error: BaseException | None = None
        self.stopped = False

    def run(self):
        for alias, connection in self.shared.items():
            connections[alias] = connection
        try:
            if self.shared:
                self._run_serialized()
            else:
                self.worker.run()
        except BaseException as error:  # reported by stop(), in the test's thread
            self.error = error
        finally:
            for connection in connections.all():
                if connection.alias not in self.shared:
                    connection.close()

    def _run_serialized(self):
        """Worker.run's steps on the shared connection, each under SHARED_CONNECTION."""
        tasks = DBTaskResult.objects.ready().filter(
            backend_name=self.worker.backend_name, queue_name__in=self.worker.queue_names
        )
        while self.worker.running:
            with SHARED_CONNECTION:
                with exclusive_transaction(tasks.db):
                    task_result = tasks.get_locked()
                    if task_result is not None:
                        task_result.claim(self.worker.worker_id)
                if task_result is not None:
                    self.worker.run_task(task_result)
            if task_result is None:
                time.sleep(self.interval)

    def start(self):
        for connection in self.shared.values():
            connection.inc_thread_sharing()
        if self.shared:
            _sharing.set()
        super().start()

    def stop(self):
        """Stops the loop after its current task; raises what made the worker fail."""
        if not self.stopped:
            self.stopped = True
            self.worker.running = False
            self.join(timeout=60)
            if self.shared:
                _sharing.clear()
            for connection in self.shared.values():
                connection.dec_thread_sharing()
        assert not self.is_alive(), "the worker did not stop"
        if self.error is not None:
            raise self.error
