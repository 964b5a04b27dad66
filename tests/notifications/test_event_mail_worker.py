"""An event's e-mail goes through the real worker (``manage.py db_worker``), so that the
request that caused it never waits for the mail server."""

import socket
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from directives.seed_data import load_seed_data
from notifications.models import Kind, Notice
from tests.jobs.worker import run_worker
from tests.notifications.conftest import People
from tests.notifications.test_events import submitted

# The worker commits as it goes, in its own transactions: this test does too.
pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 5  # seconds the app would wait for the silent server


@pytest.fixture
def smtp_silent(settings):
    """A mail server that takes the connection and never answers (hung, or overloaded):
    the app's mail is pointed at it, with EMAIL_TIMEOUT of TIMEOUT seconds."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)  # connections wait in the backlog; none is ever accepted
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = TIMEOUT
        yield server


def test_an_approval_with_the_mail_server_hung_returns_at_once_and_the_worker_mails_it(
    request, client, smtp_silent
):
    load_seed_data()
    people = People()
    period = people.open_period(due_on="soon")
    report = submitted(period.reports.get(agency=people.phongtho), people.unit)
    client.force_login(people.reviewer)

    started = time.monotonic()
    response = client.post(reverse("reports:report_approve", args=[report.pk]))
    took = time.monotonic() - started

    assert response.status_code == 302
    assert took < TIMEOUT / 2, f"the approval waited {took:.1f} s"
    report.refresh_from_db()
    assert report.status == "approved"
    # In the product at once; by e-mail once the worker has run.
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.REPORT_APPROVED)
    assert notice.mail == Notice.Mail.PENDING and notice.emailed_at is None
    client.force_login(people.unit)
    assert notice.title in client.get(reverse("notifications:notice_list")).content.decode()
    assert DBTaskResult.objects.filter(
        task_path="notifications.tasks.send_notice_mail", status="READY"
    ).exists()

    smtp_silent.close()
    smtp = request.getfixturevalue("smtp")  # the mail server is up
    run_worker()

    approved = "[edu-plans] Báo cáo đã được duyệt: " + period.name
    assert [smtp.subject(m) for m in smtp.to(people.unit.email)].count(approved) == 1
    notice.refresh_from_db()
    assert notice.mail == Notice.Mail.SENT and notice.emailed_at is not None
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    sent = len(smtp.messages)
    call_command("send_reminders")  # the daily run finds nothing left of the events
    run_worker()
    assert len(smtp.messages) == sent
