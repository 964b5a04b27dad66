"""The report workflow: each transition, and every one the state or role forbids."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reports import workflow
from reports.models import ProgressReport
from tests.reports.conftest import complete_input, make_period

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def test_opening_a_period_creates_one_empty_report_per_unit(period):
    codes = set(period.reports.values_list("agency__code", flat=True))
    # Every agency assigned a task in 3707/KH-UBND, and the units with targets.
    assert {"lc-sgddt", "lc-stc", "lc-stttt", "lc-daipth", "lc-baolaichau", "lc-mttq"} <= codes
    assert {f"lc-{d}-ubnd" for d in ["phongtho", "tamduong", "sinho", "muongte"]} <= codes
    assert period.reports.count() == 14
    assert set(period.reports.values_list("status", flat=True)) == {Status.NOT_STARTED}


def test_only_staff_open_periods(unit_user, leadership_user, targets):
    for user in (unit_user, leadership_user):
        with pytest.raises(PermissionDenied):
            make_period(staff=user)


def test_a_period_must_lock_after_it_is_due(staff_user, targets):
    with pytest.raises(ValidationError):
        make_period(staff=staff_user, due_in_days=10, lock_in_days=5)


def test_unit_answers_only_its_own_tasks_and_indicators(phongtho_report):
    tasks = list(workflow.tasks_for(phongtho_report))
    # Section IV.2 (lead) and IV.4 (coordinating) of 3707/KH-UBND name the districts.
    assert [t.number for t in tasks] == ["2", "4"]
    assert [i.order for i in workflow.indicators_for(phongtho_report)] == [2, 8]


def test_saving_a_draft_then_submitting(phongtho_report, unit_user):
    report = workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=1,
        by=unit_user,
    )
    assert report.status == Status.DRAFT
    value = report.values.get(indicator__order=2)
    assert value.value == Decimal("99.50")  # 995 / 1000 × 100
    report = workflow.submit_report(report=report, by=unit_user)
    assert report.status == Status.SUBMITTED
    assert report.submitted_by == unit_user


def test_submitting_an_incomplete_report_says_what_is_missing(phongtho_report, unit_user):
    data = complete_input(phongtho_report)
    data.answers[0].results = ""
    data.values = data.values[:1]
    workflow.save_report(report=phongtho_report, data=data, expected_version=1, by=unit_user)
    with pytest.raises(workflow.IncompleteReport) as exc:
        workflow.submit_report(report=phongtho_report, by=unit_user)
    missing = exc.value.missing
    assert len(missing) == 2
    assert "Ủy ban nhân dân các huyện, thành phố" in missing[0]
    assert "kết quả đạt được" in missing[0]
    assert "Chỉ tiêu 8" in missing[1]
    phongtho_report.refresh_from_db()
    assert phongtho_report.status == Status.DRAFT


@pytest.mark.parametrize(
    ("numerator", "denominator", "field", "message"),
    [
        ("1001", "1000", "numerator", "không được lớn hơn mẫu số"),
        ("5", "0", "denominator", "lớn hơn 0"),
        ("-1", "10", "numerator", "không được âm"),
    ],
)
def test_impossible_ratios_are_refused_and_nothing_is_saved(
    phongtho_report, unit_user, numerator, denominator, field, message
):
    data = complete_input(phongtho_report, numerator=numerator, denominator=denominator)
    with pytest.raises(ValidationError) as exc:
        workflow.save_report(report=phongtho_report, data=data, expected_version=1, by=unit_user)
    errors = exc.value.message_dict
    key = next(k for k in errors if k.endswith(field))
    assert message in errors[key][0]
    phongtho_report.refresh_from_db()
    assert phongtho_report.version == 1
    assert not phongtho_report.answers.exists()
    assert not phongtho_report.values.exists()


def test_a_percentage_above_100_is_refused(period, staff_user, unit_user):
    from directives.models import Directive
    from indicators.models import IndicatorTarget

    plan = Directive.objects.get(number="3707")
    report = period.reports.get(agency__code="lc-phongtho-ubnd")
    # A percentage indicator entered as a plain value (no roll-up as a ratio).
    indicator = plan.indicators.get(order=23)
    indicator.rollup_rule = "sum"
    indicator.save()
    IndicatorTarget.objects.create(indicator=indicator, agency=report.agency, target_value=65)
    data = workflow.ReportInput(values=[workflow.ValueInput(indicator.pk, value=Decimal("100.5"))])
    with pytest.raises(ValidationError) as exc:
        workflow.save_report(report=report, data=data, expected_version=1, by=unit_user)
    assert "từ 0 đến 100" in str(exc.value.message_dict)


def test_a_stale_save_is_refused(phongtho_report, unit_user):
    workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=1,
        by=unit_user,
    )
    with pytest.raises(workflow.StaleReport):
        workflow.save_report(
            report=phongtho_report,
            data=complete_input(phongtho_report, communes="1"),
            expected_version=1,
            by=unit_user,
        )
    assert phongtho_report.values.get(indicator__order=8).value == Decimal(3)


def test_staff_return_with_a_reason_and_the_unit_resubmits(submitted_report, staff_user, unit_user):
    with pytest.raises(ValidationError):
        workflow.return_report(report=submitted_report, reason="  ", by=staff_user)
    report = workflow.return_report(
        report=submitted_report, reason="Sai số liệu chỉ tiêu 8.", by=staff_user
    )
    assert report.status == Status.RETURNED
    assert report.return_reason == "Sai số liệu chỉ tiêu 8."
    report = workflow.save_report(
        report=report,
        data=complete_input(report, communes="2"),
        expected_version=report.version,
        by=unit_user,
    )
    report = workflow.submit_report(report=report, by=unit_user)
    assert report.status == Status.SUBMITTED
    report = workflow.approve_report(report=report, by=staff_user)
    assert report.status == Status.APPROVED
    assert workflow.is_locked(report)


@pytest.mark.parametrize("action", ["return", "approve"])
def test_units_cannot_review(submitted_report, unit_user, tamduong_user, action):
    """A reporting unit reviews nothing: neither its own report nor another unit's."""
    for user in (unit_user, tamduong_user):
        with pytest.raises(PermissionDenied):
            if action == "return":
                workflow.return_report(report=submitted_report, reason="x", by=user)
            else:
                workflow.approve_report(report=submitted_report, by=user)
    submitted_report.refresh_from_db()
    assert submitted_report.status == Status.SUBMITTED


def test_leadership_approve_a_report(submitted_report, leadership_user):
    """Leadership reviews too: it approves the reports it reads."""
    report = workflow.approve_report(report=submitted_report, by=leadership_user)
    assert report.status == Status.APPROVED
    assert report.reviewed_by == leadership_user


def test_forbidden_transitions(
    phongtho_report, submitted_report, staff_user, unit_user, admin_user
):
    draft = phongtho_report.period.reports.get(agency__code="lc-tamduong-ubnd")
    # Only a submitted report is reviewed.
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.approve_report(report=draft, by=staff_user)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.return_report(report=draft, reason="x", by=staff_user)
    # A submitted report cannot be edited or submitted again.
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.save_report(
            report=submitted_report,
            data=workflow.ReportInput(),
            expected_version=submitted_report.version,
            by=unit_user,
        )
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.submit_report(report=submitted_report, by=unit_user)
    # An approved report is locked: no edit, no second approval, reopened by admin only.
    approved = workflow.approve_report(report=submitted_report, by=staff_user)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.save_report(
            report=approved,
            data=workflow.ReportInput(),
            expected_version=approved.version,
            by=unit_user,
        )
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.approve_report(report=approved, by=staff_user)
    with pytest.raises(PermissionDenied):
        workflow.reopen_report(report=approved, reason="Sửa số liệu", by=staff_user)
    with pytest.raises(ValidationError):
        workflow.reopen_report(report=approved, reason="", by=admin_user)
    reopened = workflow.reopen_report(report=approved, reason="Sửa số liệu", by=admin_user)
    assert reopened.status == Status.DRAFT and reopened.reopened


def test_another_unit_cannot_touch_the_report(phongtho_report, tamduong_user):
    with pytest.raises(PermissionDenied):
        workflow.save_report(
            report=phongtho_report,
            data=complete_input(phongtho_report),
            expected_version=1,
            by=tamduong_user,
        )
    with pytest.raises(PermissionDenied):
        workflow.submit_report(report=phongtho_report, by=tamduong_user)


def test_after_the_lock_date_the_unit_needs_staff_to_reopen(phongtho_report, unit_user, staff_user):
    period = phongtho_report.period
    period.due_on = timezone.localdate() - datetime.timedelta(days=10)
    period.locks_on = timezone.localdate() - datetime.timedelta(days=1)
    period.save()
    phongtho_report.refresh_from_db()
    with pytest.raises(workflow.TransitionNotAllowed) as exc:
        workflow.save_report(
            report=phongtho_report,
            data=complete_input(phongtho_report),
            expected_version=1,
            by=unit_user,
        )
    assert "khóa" in str(exc.value)
    report = workflow.reopen_report(
        report=phongtho_report, reason="Gia hạn cho huyện", by=staff_user
    )
    report = workflow.save_report(
        report=report, data=complete_input(report), expected_version=report.version, by=unit_user
    )
    report = workflow.submit_report(report=report, by=unit_user)
    assert report.status == Status.SUBMITTED
    assert not report.reopened
    assert workflow.days_late(report) == 10


def test_every_change_is_in_the_history(submitted_report, staff_user, unit_user):
    from reports.history import report_history

    workflow.return_report(report=submitted_report, reason="Thiếu minh chứng", by=staff_user)
    events = report_history(submitted_report)
    assert events[0].action == "Trả lại báo cáo" and events[0].who == staff_user.username
    entries = [change for event in events for change in event.changes]
    fields = {(e.field, e.new) for e in entries}
    assert ("trạng thái", "Trả lại") in fields
    assert ("lý do trả lại", "Thiếu minh chứng") in fields
    assert any(e.field == "tử số" and e.new == "995" for e in entries)
    assert {e.who for e in events} >= {unit_user.username, staff_user.username}


def test_a_change_of_the_units_target_shows_in_its_report_history(phongtho_report, staff_user):
    from indicators.models import IndicatorTarget
    from reports.history import report_history

    target = IndicatorTarget.objects.get(agency=phongtho_report.agency, indicator__order=8)
    target._history_user = staff_user
    target.target_value = Decimal(4)
    target.save()
    events = report_history(phongtho_report)
    assert events[0].action == "Sửa chỉ tiêu giao"
    entries = [
        e for event in events for e in event.changes if e.subject == "Chỉ tiêu giao, chỉ tiêu 8"
    ]
    assert [(e.field, e.old, e.new) for e in entries if e.old] == [("chỉ tiêu phấn đấu", "3", "4")]


def test_deleting_an_account_keeps_the_name_in_the_history_it_wrote(phongtho_report, staff_user):
    """The audit trail names who did what even after the account is deleted."""
    from accounts.models import User
    from indicators.models import IndicatorTarget
    from reports.history import report_history

    editor = User.objects.create_user("nguyenvana", first_name="Nguyễn Văn A")
    target = IndicatorTarget.objects.get(agency=phongtho_report.agency, indicator__order=8)
    target._history_user = editor
    target.target_value = Decimal(5)
    target.save()
    editor.delete()
    newest = report_history(phongtho_report)[0]
    assert newest.who == "Nguyễn Văn A"
    row = IndicatorTarget.history.filter(id=target.pk).latest("history_date")
    assert row.history_user is None and row.history_user_name == "Nguyễn Văn A"
