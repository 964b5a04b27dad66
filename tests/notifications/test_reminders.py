"""The daily reminders (manage.py send_reminders) against a real SMTP server: who gets
what, once; escalation after M days; the midnight edge in Asia/Ho_Chi_Minh; --dry-run."""

import datetime
import io
import zoneinfo
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from directives.assigning import assign
from directives.models import Assignment, Directive
from notifications.models import Kind, MailPreference, Notice
from notifications.reminders import send_reminders
from tests.notifications.conftest import DUE

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def run(as_of: str, *args) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--as-of", as_of, *args, stdout=out)
    return out.getvalue()


def day(offset: int) -> str:
    """DUE + offset days at 07:00, as typed on the command line."""
    return f"{DUE + datetime.timedelta(days=offset):%d/%m/%Y} 07:00"


def kinds_to(user) -> list[tuple[str, str]]:
    return list(
        Notice.objects.filter(recipient=user).order_by("pk").values_list("kind", "occurrence")
    )


def test_units_are_reminded_before_the_due_date_once(smtp, people, client):
    people.open_period(remind_every_days=3)
    run(day(-4))
    assert smtp.messages == []  # four days before: not yet
    run(day(-3))
    [mail] = smtp.to(people.unit.email)
    assert smtp.subject(mail) == (
        "[edu-plans] Báo cáo đến hạn ngày 25/01/2025: Sơ kết học kỳ I năm học 2024 - 2025"
    )
    body = smtp.body(mail)
    assert "còn 3 ngày, và chưa được gửi" in body
    assert smtp.to(people.other_unit.email)
    assert not smtp.to(people.staff.email)  # staff are not reminded before the due date
    sent = len(smtp.messages)
    run(day(-3))
    run(day(-1))
    run(day(0))
    assert len(smtp.messages) == sent  # once per due date
    path = next(
        urlsplit(line.split(": ", 1)[1]).path
        for line in body.splitlines()
        if line.startswith("Xem chi tiết: ")
    )
    client.force_login(people.unit)
    assert client.get(path).status_code == 200


def test_overdue_reports_are_chased_every_n_days_and_escalated_after_m(smtp, people, client):
    people.open_period(remind_every_days=3, escalate_after_days=7)
    for offset in range(1, 12):
        run(day(offset))
        run(day(offset))  # twice a day: nothing new
    # Overdue on days 1, 4, 7 and 10; to the head and the staff who follow the unit from
    # day 7, to nobody else.
    overdue = [(Kind.REPORT_OVERDUE, f"2025-01-25/{k}") for k in range(4)]
    escalated = [(Kind.REPORT_ESCALATED, "2025-01-25/2"), (Kind.REPORT_ESCALATED, "2025-01-25/3")]
    assert kinds_to(people.unit) == overdue
    assert kinds_to(people.head) == [*overdue[:3], escalated[0], overdue[3], escalated[1]]
    assert kinds_to(people.staff) == escalated
    assert kinds_to(people.other_staff) == []
    assert kinds_to(people.reviewer) == []
    assert len(smtp.to(people.unit.email)) == 4
    assert len(smtp.to(people.staff.email)) == 2
    assert len(smtp.to(people.other_unit.email)) == 4  # Tam Đường is late too, unfollowed
    first = smtp.to(people.staff.email)[0]
    assert smtp.subject(first) == (
        f"[edu-plans] Quá hạn lâu: {people.phongtho.name} — Sơ kết học kỳ I năm học 2024 - 2025"
    )
    assert "đã quá hạn 7 ngày" in smtp.body(first)
    notice = Notice.objects.filter(recipient=people.staff).first()
    client.force_login(people.staff)
    assert client.get(notice.url).status_code == 200
    client.force_login(people.head)
    assert client.get(notice.url).status_code == 200


def test_the_due_date_ends_at_midnight_in_ho_chi_minh_city(smtp, people):
    """Due on 25/01: at 23:59 that day it is due today; at 00:00 on 26/01 (17:00 UTC on
    25/01) it is one day overdue."""
    people.open_period(remind_every_days=1)
    last_minute = datetime.datetime(2025, 1, 25, 23, 59, tzinfo=HCM)
    assert last_minute.astimezone(datetime.UTC).hour == 16
    send_reminders(now=last_minute)
    assert kinds_to(people.unit) == [(Kind.REPORT_DUE_SOON, "2025-01-25")]
    assert "Hôm nay (25/01/2025) là hạn nộp" in smtp.body(smtp.to(people.unit.email)[0])
    midnight = datetime.datetime(2025, 1, 25, 17, 0, tzinfo=datetime.UTC)
    assert timezone.localtime(midnight).strftime("%d/%m/%Y %H:%M") == "26/01/2025 00:00"
    send_reminders(now=midnight - datetime.timedelta(seconds=1))
    assert len(kinds_to(people.unit)) == 1
    send_reminders(now=midnight)
    assert kinds_to(people.unit)[-1] == (Kind.REPORT_OVERDUE, "2025-01-25/0")
    assert "đã quá hạn 1 ngày" in smtp.body(smtp.to(people.unit.email)[-1])
    # The command's --as-of is local time: the same edge.
    assert "0 notices written" in run("25/01/2025 23:59")


def test_a_submitted_or_locked_report_is_not_chased(smtp, people):
    period = people.open_period()
    report = period.reports.get(agency=people.tamduong)
    report.first_submitted_at = timezone.now()
    report.status = "submitted"
    report.save()
    run(day(2))
    assert smtp.to(people.unit.email) and not smtp.to(people.other_unit.email)
    smtp.clear()
    run(f"{period.locks_on + datetime.timedelta(days=1):%d/%m/%Y} 07:00")
    assert smtp.messages == []  # after the lock date the unit can no longer submit


def test_dry_run_lists_who_would_get_what_and_sends_and_writes_nothing(smtp, people):
    people.open_period(remind_every_days=3, escalate_after_days=7)
    out = run(day(7), "--dry-run")
    assert "would go" in out
    assert f"{people.unit.email}\treport_overdue\tBáo cáo quá hạn: " in out
    assert f"{people.staff.email}\treport_escalated\t" in out
    assert people.other_staff.email not in out
    assert smtp.messages == []
    assert not Notice.objects.exists()
    run(day(7))
    assert smtp.messages and Notice.objects.exists()
    assert ", 0 notices would go" in run(day(7), "--dry-run")


def test_escalation_turned_off_by_email_stays_as_a_notice(smtp, people):
    MailPreference.objects.create(user=people.staff, kind=Kind.REPORT_ESCALATED, by_email=False)
    people.open_period(escalate_after_days=2)
    run(day(2))
    assert not smtp.to(people.staff.email)
    assert smtp.to(people.head.email)
    [notice] = Notice.objects.filter(recipient=people.staff)
    assert notice.kind == Kind.REPORT_ESCALATED and notice.mail == Notice.Mail.TURNED_OFF


def test_the_lead_agencys_users_are_told_of_a_task_deadline_near_and_passed(smtp, people, client):
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    task = plan.task_groups.order_by("order").first().tasks.order_by("order").first()
    assign(tasks=[task], agencies=[people.tamduong], role=Assignment.Role.LEAD, by=people.admin)
    assignment = Assignment.objects.get(task=task, agency=people.tamduong)
    assignment.due_on = datetime.date(2025, 3, 31)
    assignment.save()
    run("23/03/2025 07:00")
    assert smtp.messages == []  # eight days before
    run("24/03/2025 07:00")
    [near] = smtp.to(people.other_unit.email)
    assert smtp.subject(near).startswith("[edu-plans] Nhiệm vụ đến hạn ngày 31/03/2025: ")
    assert f"do {people.tamduong.name} chủ trì đến hạn ngày 31/03/2025" in smtp.body(near)
    assert not smtp.to(people.unit.email)
    run("31/03/2025 07:00")
    assert len(smtp.to(people.other_unit.email)) == 1
    run("01/04/2025 07:00")
    run("02/04/2025 07:00")
    late = smtp.to(people.other_unit.email)[1:]
    assert [smtp.subject(m)[:47] for m in late] == [
        "[edu-plans] Nhiệm vụ quá hạn từ ngày 31/03/2025"
    ]
    client.force_login(people.other_unit)
    assert (
        client.get(Notice.objects.filter(recipient=people.other_unit).last().url).status_code == 200
    )


def test_every_day_at_sends_now_then_waits_for_the_next_morning_in_vietnam(
    smtp, people, monkeypatch
):
    """--every-day-at 07:00 sends at once, then sleeps until 07:00 Asia/Ho_Chi_Minh;
    Ctrl-C (here: while it sleeps) stops it cleanly."""
    from notifications.management.commands.send_reminders import next_run

    at = datetime.time(7, 0)
    before = datetime.datetime(2025, 1, 25, 23, 59, tzinfo=datetime.UTC)  # 06:59 in Vietnam
    assert next_run(before, at) == datetime.datetime(2025, 1, 26, 7, 0, tzinfo=HCM)
    on_the_minute = datetime.datetime(2025, 1, 26, 0, 0, tzinfo=datetime.UTC)  # 07:00 there
    assert next_run(on_the_minute, at) == datetime.datetime(2025, 1, 27, 7, 0, tzinfo=HCM)

    people.open_period(due_on=timezone.localdate() + datetime.timedelta(days=1))
    slept = []

    def interrupted(seconds):
        slept.append(seconds)
        raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", interrupted)
    out = io.StringIO()
    call_command("send_reminders", "--every-day-at", "07:00", stdout=out)
    assert smtp.to(people.unit.email)  # sent once at the start
    assert "Next reminders at " in out.getvalue() and " 07:00." in out.getvalue()
    assert 0 < slept[0] <= 60
