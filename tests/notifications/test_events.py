"""Notices for the workflow's events, written when the change is committed, and their
e-mail, sent by the background worker against a real SMTP server on loopback."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from directives import task_state
from directives.assigning import assign
from directives.models import Assignment
from notifications import delivery
from notifications.models import Kind, MailPreference, Notice
from notifications.reminders import send_reminders
from reports import workflow
from tests.jobs.worker import run_queued_tasks
from tests.reports.conftest import complete_input

pytestmark = pytest.mark.django_db


def link_in(body: str) -> str:
    """The path of the page the mail links to (the line "... https://...")."""
    for line in body.splitlines():
        if "https://edu-plans.example.vn/" in line and "/notices/" not in line:
            url = line[line.index("https://") :].strip()
            assert url.startswith("https://edu-plans.example.vn/")
            return urlsplit(url).path
    raise AssertionError(f"no link in {body!r}")


def opens_for(client, user, path) -> bool:
    client.force_login(user)
    return client.get(path).status_code == 200


def submitted(report, by):
    report = workflow.save_report(
        report=report, data=complete_input(report), expected_version=report.version, by=by
    )
    return workflow.submit_report(report=report, by=by)


def test_opening_a_period_tells_each_unit_once_in_vietnamese_with_a_link(
    smtp, people, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        period = people.open_period(due_on="soon")
    # The notices are there at once; their mail waits for the worker.
    assert Notice.objects.filter(kind=Kind.PERIOD_OPENED, mail=Notice.Mail.PENDING).count() == 3
    assert smtp.messages == []
    run_queued_tasks()
    assert {m["To"] for m in smtp.messages} == {
        people.unit.email,
        people.head.email,  # the head reports for the unit too
        people.other_unit.email,
    }
    [mail] = smtp.to(people.unit.email)
    assert smtp.subject(mail) == "[edu-plans] Kỳ báo cáo mới: Sơ kết học kỳ I năm học 2024 - 2025"
    body = smtp.body(mail)
    assert body.startswith("Kính gửi Lò Thị Hương,")
    assert f"{people.phongtho.name} cần gửi báo cáo {period.name} (3707/KH-UBND)" in body
    assert period.due_on.strftime("%d/%m/%Y") in body
    path = link_in(body)
    assert path == period.reports.get(agency=people.phongtho).get_absolute_url()
    assert opens_for(client, people.unit, path)
    assert "/notices/preferences/" in body
    assert Notice.objects.filter(kind=Kind.PERIOD_OPENED).count() == 3
    assert not Notice.objects.filter(recipient__in=[people.staff, people.other_staff]).exists()


def test_return_approve_and_reopen_tell_the_unit_with_the_reason(
    smtp, people, client, django_capture_on_commit_callbacks
):
    period = people.open_period(due_on="soon")
    report = submitted(period.reports.get(agency=people.phongtho), people.unit)
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:report_return", args=[report.pk]),
            {"reason": "Bổ sung số liệu trường mầm non."},
        )
    run_queued_tasks()
    [returned] = smtp.to(people.unit.email)
    assert smtp.subject(returned) == "[edu-plans] Báo cáo bị trả lại: " + period.name
    assert "Lý do: Bổ sung số liệu trường mầm non." in smtp.body(returned)
    assert opens_for(client, people.unit, link_in(smtp.body(returned)))

    report.refresh_from_db()
    report = submitted(report, people.unit)
    smtp.clear()
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_approve", args=[report.pk]))
    run_queued_tasks()
    [approved] = smtp.to(people.unit.email)
    assert smtp.subject(approved) == "[edu-plans] Báo cáo đã được duyệt: " + period.name
    assert not smtp.to(people.other_unit.email)

    smtp.clear()
    client.force_login(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reports:report_reopen", args=[report.pk]),
            {"reason": "Sửa số học sinh lớp 1."},
        )
    run_queued_tasks()
    [reopened] = smtp.to(people.unit.email)
    assert "Lý do: Sửa số học sinh lớp 1." in smtp.body(reopened)
    kinds = list(
        Notice.objects.filter(recipient=people.unit)
        .exclude(kind=Kind.PERIOD_OPENED)
        .values_list("kind", flat=True)
        .order_by("pk")
    )
    assert kinds == [Kind.REPORT_RETURNED, Kind.REPORT_APPROVED, Kind.REPORT_REOPENED]


def test_a_mail_server_down_loses_no_approval_and_the_daily_run_sends_the_mail(
    request, people, client, django_capture_on_commit_callbacks, smtp_down
):
    period = people.open_period(due_on="soon")
    report = submitted(period.reports.get(agency=people.phongtho), people.unit)
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_approve", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "approved"
    run_queued_tasks()  # the worker finds the server down
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.REPORT_APPROVED)
    assert notice.mail == Notice.Mail.PENDING and notice.emailed_at is None

    smtp = request.getfixturevalue("smtp")  # the mail server is back
    call_command("send_reminders")
    assert [smtp.subject(m) for m in smtp.to(people.unit.email)] == [
        "[edu-plans] Báo cáo đã được duyệt: " + period.name
    ]
    notice.refresh_from_db()
    assert notice.mail == Notice.Mail.SENT and notice.emailed_at is not None
    call_command("send_reminders")
    assert len(smtp.to(people.unit.email)) == 1


def test_the_daily_run_and_the_worker_never_send_one_mail_twice(
    smtp, people, client, django_capture_on_commit_callbacks
):
    period = people.open_period(due_on="soon")
    report = submitted(period.reports.get(agency=people.phongtho), people.unit)
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_approve", args=[report.pk]))
    call_command("send_reminders")  # the daily run reaches the mail before the worker
    run_queued_tasks()
    run_queued_tasks()
    approved = "[edu-plans] Báo cáo đã được duyệt: " + period.name
    assert [smtp.subject(m) for m in smtp.to(people.unit.email)].count(approved) == 1
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.REPORT_APPROVED)
    assert notice.mail == Notice.Mail.SENT


def test_mail_left_sending_by_a_run_that_died_is_sent_by_the_next_daily_run(
    smtp, people, client, django_capture_on_commit_callbacks
):
    """The worker claimed the approval's mail and was killed before the server answered:
    the mail stays "sending". The daily run leaves a claim a minute old alone (its run
    may still be at it) and takes back one older than CLAIM_EXPIRES, once."""
    period = people.open_period(due_on="soon")
    report = submitted(period.reports.get(agency=people.phongtho), people.unit)
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_approve", args=[report.pk]))
    call_command("send_reminders")  # the period-opened mail and the like, sent
    smtp.clear()
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.REPORT_APPROVED)
    assert notice.mail == Notice.Mail.SENT
    # What the claim of a worker that then died leaves, a minute ago.
    claimed = timezone.now() - datetime.timedelta(minutes=1)
    Notice.objects.filter(pk=notice.pk).update(
        mail=Notice.Mail.SENDING, claimed_at=claimed, emailed_at=None
    )
    call_command("send_reminders")
    notice.refresh_from_db()
    assert notice.mail == Notice.Mail.SENDING and smtp.to(people.unit.email) == []
    # An hour and a minute later.
    Notice.objects.filter(pk=notice.pk).update(claimed_at=claimed - delivery.CLAIM_EXPIRES)
    call_command("send_reminders")
    approved = "[edu-plans] Báo cáo đã được duyệt: " + period.name
    assert [smtp.subject(m) for m in smtp.to(people.unit.email)] == [approved]
    notice.refresh_from_db()
    assert notice.mail == Notice.Mail.SENT and notice.emailed_at is not None
    call_command("send_reminders")
    assert len(smtp.to(people.unit.email)) == 1


def test_mail_that_cannot_be_queued_is_sent_by_the_daily_run(
    smtp, people, settings, caplog, django_capture_on_commit_callbacks
):
    # A task backend that takes no task on the default queue: enqueueing fails.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["elsewhere"]}
    }
    with django_capture_on_commit_callbacks(execute=True):
        people.open_period()
    assert "the daily run sends it" in caplog.text
    assert not DBTaskResult.objects.exists()
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.PERIOD_OPENED)
    assert notice.mail == Notice.Mail.PENDING and not smtp.messages
    call_command("send_reminders")
    assert len(smtp.to(people.unit.email)) == 1
    notice.refresh_from_db()
    assert notice.mail == Notice.Mail.SENT


def test_the_daily_run_prunes_the_mail_tasks_a_week_after_they_finished(
    smtp, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        people.open_period()
    waiting = DBTaskResult.objects.get(task_path="notifications.tasks.send_notice_mail")
    send_reminders(now=timezone.now() + datetime.timedelta(days=30))
    assert DBTaskResult.objects.filter(pk=waiting.pk).exists()  # not run yet: kept
    run_queued_tasks()
    send_reminders()
    assert DBTaskResult.objects.get(pk=waiting.pk).status == "SUCCESSFUL"
    send_reminders(now=timezone.now() + datetime.timedelta(days=8))
    assert not DBTaskResult.objects.filter(pk=waiting.pk).exists()


def test_a_kind_turned_off_sends_no_mail_but_the_notice_stays(
    smtp, people, django_capture_on_commit_callbacks
):
    MailPreference.objects.create(user=people.unit, kind=Kind.PERIOD_OPENED, by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        people.open_period()
    run_queued_tasks()
    assert not smtp.to(people.unit.email)
    assert smtp.to(people.other_unit.email)
    notice = Notice.objects.get(recipient=people.unit, kind=Kind.PERIOD_OPENED)
    assert notice.mail == Notice.Mail.TURNED_OFF and notice.read_at is None


def test_an_extension_decision_tells_who_asked(
    smtp, people, client, django_capture_on_commit_callbacks
):
    task = _a_task()
    assign(tasks=[task], agencies=[people.phongtho], role=Assignment.Role.LEAD, by=people.admin)
    assignment = Assignment.objects.get(task=task, agency=people.phongtho)
    assignment.due_on = datetime.date(2026, 12, 31)
    assignment.save()
    extension = task_state.request_extension(
        assignment=assignment,
        requested_due_on=datetime.date(2027, 3, 31),
        reason="Chờ kinh phí.",
        by=people.unit,
    )
    client.force_login(people.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directives:extension_decide", args=[extension.pk]),
            {
                f"decide-{extension.pk}-decision": "refuse",
                f"decide-{extension.pk}-note": "Không đủ căn cứ.",
            },
        )
    run_queued_tasks()
    [mail] = smtp.to(people.unit.email)
    assert smtp.subject(mail).startswith("[edu-plans] Không chấp thuận gia hạn: ")
    body = smtp.body(mail)
    assert "31/03/2027" in body and "Không đủ căn cứ." in body
    assert opens_for(client, people.unit, link_in(body))


def _a_task():
    from directives.models import Directive

    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    return plan.task_groups.order_by("order").first().tasks.order_by("order").first()
