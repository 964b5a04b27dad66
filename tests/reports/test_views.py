"""The reporting pages through the test client: roles, scoping, stale saves, history."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directives.models import Agency
from indicators.models import IndicatorTarget
from reports import workflow
from reports.models import Evidence, ProgressReport
from tests.factories import AssignmentFactory, TaskFactory, TaskGroupFactory
from tests.reports.conftest import complete_input

pytestmark = pytest.mark.django_db


def form_data(report, *, numerator="995", denominator="1000", communes="3", progress="done"):
    data = {"version": report.version}
    for task in workflow.tasks_for(report):
        data.update(
            {
                f"task-{task.pk}-progress": progress,
                f"task-{task.pk}-results": "Đã tổ chức hội nghị quán triệt.",
                f"task-{task.pk}-difficulties": "",
                f"task-{task.pk}-proposals": "",
            }
        )
    for indicator in workflow.indicators_for(report):
        if indicator.rollup_rule == "ratio":
            data[f"indicator-{indicator.pk}-numerator"] = numerator
            data[f"indicator-{indicator.pk}-denominator"] = denominator
        else:
            data[f"indicator-{indicator.pk}-value"] = communes
    return data


# --- who may open what --------------------------------------------------------------


def urls_for(report):
    period = report.period
    return {
        "home": reverse("reports:home"),
        "periods": reverse("reports:period_list"),
        "board": reverse("reports:period_detail", args=[period.pk]),
        "rollup": reverse("reports:period_rollup", args=[period.pk]),
        "report": reverse("reports:report_detail", args=[report.pk]),
        "edit": reverse("reports:report_edit", args=[report.pk]),
        "new_period": reverse("reports:period_create") + f"?directive={period.directive_id}",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "admin_user",
            {
                "home": 200,
                "periods": 200,
                "board": 200,
                "rollup": 200,
                "report": 200,
                "edit": 200,
                "new_period": 200,
            },
        ),
        (
            "staff_user",
            {
                "home": 200,
                "periods": 200,
                "board": 200,
                "rollup": 200,
                "report": 200,
                "edit": 403,
                "new_period": 200,
            },
        ),
        (
            "leadership_user",
            {
                "home": 200,
                "periods": 200,
                "board": 200,
                "rollup": 200,
                "report": 200,
                "edit": 403,
                "new_period": 403,
            },
        ),
        (
            "unit_user",
            {
                "home": 200,
                "periods": 200,
                "board": 200,
                "rollup": 200,
                "report": 200,
                "edit": 200,
                "new_period": 403,
            },
        ),
        (
            "tamduong_user",
            {
                "home": 200,
                "periods": 200,
                "board": 200,
                "rollup": 200,
                "report": 404,
                "edit": 404,
                "new_period": 403,
            },
        ),
    ],
)
def test_role_view_matrix(client, request, phongtho_report, role, expected):
    """Each role against each page of Phong Thổ's report; another unit gets 404, never data."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    for name, url in urls_for(phongtho_report).items():
        response = client.get(url)
        assert response.status_code == expected[name], (role, name)
        if response.status_code == 200 and name in ("report", "edit"):
            assert "Ủy ban nhân dân huyện Phong Thổ" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin_user", 302),
        ("staff_user", 403),
        ("leadership_user", 403),
        ("unit_user", 302),
        ("tamduong_user", 404),
    ],
)
@pytest.mark.parametrize("action", ["evidence_remove", "report_upload_cancel"])
def test_role_matrix_of_the_report_forms_own_actions(
    client, request, unit_user, phongtho_report, role, expected, action
):
    """Removing a file and cancelling an upload are for whoever fills the report (the unit,
    an administrator); staff and leadership are refused; another unit gets 404."""
    evidence = Evidence.objects.create(
        report=phongtho_report,
        file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        original_name="bien-ban.pdf",
        size=8,
        uploaded_by=unit_user,
    )
    pk = evidence.pk if action == "evidence_remove" else phongtho_report.pk
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse(f"reports:{action}", args=[pk]))
    assert response.status_code == expected
    removed = not Evidence.objects.filter(pk=evidence.pk).exists()
    assert removed == (action == "evidence_remove" and expected == 302)


def test_anonymous_users_are_sent_to_log_in(client, phongtho_report):
    for url in urls_for(phongtho_report).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_unit_board_lists_only_its_own_report(client, tamduong_user, period):
    client.force_login(tamduong_user)
    page = client.get(reverse("reports:period_detail", args=[period.pk])).content.decode()
    assert "Ủy ban nhân dân huyện Tam Đường" in page
    assert "Ủy ban nhân dân huyện Phong Thổ" not in page


@pytest.mark.parametrize(
    "action",
    [
        "report_submit",
        "report_return",
        "report_approve",
        "report_reopen",
        "report_upload",
        "report_upload_apply",
        "report_upload_cancel",
    ],
)
def test_another_unit_cannot_post_to_the_report(client, tamduong_user, submitted_report, action):
    client.force_login(tamduong_user)
    response = client.post(
        reverse(f"reports:{action}", args=[submitted_report.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.SUBMITTED


def test_leadership_reviews_but_does_not_edit(client, leadership_user, submitted_report):
    """Leadership sees the review buttons and returns a report; it never fills one."""
    client.force_login(leadership_user)
    page = client.get(submitted_report.get_absolute_url())
    assert page.context["can_review"] and not page.context["can_edit"]
    assert client.get(reverse("reports:report_edit", args=[submitted_report.pk])).status_code == 403
    client.post(
        reverse("reports:report_return", args=[submitted_report.pk]), {"reason": "Thiếu số liệu."}
    )
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.RETURNED
    assert submitted_report.reviewed_by == leadership_user


# --- the unit's form -----------------------------------------------------------------


def test_unit_home_shows_what_it_owes_and_what_was_returned(
    client, unit_user, submitted_report, staff_user
):
    workflow.return_report(
        report=submitted_report, reason="Bổ sung minh chứng hội nghị.", by=staff_user
    )
    client.force_login(unit_user)
    page = client.get(reverse("reports:home")).content.decode()
    assert "Sơ kết học kỳ I năm học 2024 - 2025" in page
    assert "Trả lại" in page
    assert "Bổ sung minh chứng hội nghị." in page


def test_unit_saves_with_vietnamese_decimals_and_submits(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(phongtho_report, numerator="1.995,0", denominator="2000")
    response = client.post(url, {**data, "submit": "1"}, follow=True)
    assert "Báo cáo đã được gửi" in response.content.decode()
    phongtho_report.refresh_from_db()
    assert phongtho_report.status == ProgressReport.Status.SUBMITTED
    assert phongtho_report.values.get(indicator__order=2).value == Decimal("99.75")


def test_submitting_an_incomplete_form_lists_what_is_missing(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(phongtho_report)
    data = {k: ("" if k.endswith("-value") else v) for k, v in data.items()}
    page = client.post(url, {**data, "submit": "1"}, follow=True).content.decode()
    assert "chưa được gửi" in page
    assert "Chỉ tiêu 8" in page and "nhập giá trị" in page
    phongtho_report.refresh_from_db()
    assert phongtho_report.status == ProgressReport.Status.DRAFT


def test_a_bad_number_is_refused_with_a_vietnamese_message(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(phongtho_report, numerator="1200", denominator="1000")
    page = client.post(url, data).content.decode()
    assert "không được lớn hơn mẫu số" in page
    assert 'value="1200"' in page
    assert not phongtho_report.values.exists()


def test_a_stale_form_is_refused_and_what_was_typed_stays(unit_user, phongtho_report):
    """Two people open the same report; the second save of the older form is refused."""
    first, second = Client(), Client()
    first.force_login(unit_user)
    second.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    first.get(url)
    second.get(url)
    data = form_data(phongtho_report)  # both forms carry version 1
    assert first.post(url, data).status_code == 302
    stale = {**data}
    task_field = next(k for k in stale if k.endswith("-results"))
    stale[task_field] = "Nội dung người thứ hai vừa gõ"
    response = second.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Người khác đã lưu báo cáo này" in page
    saved_at = timezone.localtime(ProgressReport.objects.get(pk=phongtho_report.pk).updated_at)
    assert f"lúc {saved_at:%H:%M %d/%m/%Y}" in page  # the time the page shows, not UTC
    assert "Nội dung người thứ hai vừa gõ" in page
    assert not phongtho_report.answers.filter(results="Nội dung người thứ hai vừa gõ").exists()


def test_the_history_reads_in_words_one_entry_per_save(client, unit_user, phongtho_report):
    """A submission is one entry, at local time, naming people, not ids or UTC stamps."""
    unit_user.first_name = "Phòng GD&ĐT huyện Phong Thổ"
    unit_user.save()
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    client.post(url, form_data(phongtho_report))
    client.post(url, {**form_data(phongtho_report, numerator="996"), "version": 2, "submit": "1"})
    page = client.get(reverse("reports:report_detail", args=[phongtho_report.pk]))
    history = page.context["history"]
    assert [event.action for event in history] == [
        "Gửi báo cáo",
        "Lưu báo cáo",
        "Mở báo cáo cho kỳ báo cáo",
        "Giao chỉ tiêu",
    ]
    submitted = history[0]
    assert submitted.who == "Phòng GD&ĐT huyện Phong Thổ"
    changes = {(c.field, c.old, c.new) for c in submitted.changes}
    assert ("tử số", "995", "996") in changes
    assert ("người nộp", "", "Phòng GD&ĐT huyện Phong Thổ") in changes
    report = ProgressReport.objects.get(pk=phongtho_report.pk)
    local = timezone.localtime(report.submitted_at)
    assert ("thời điểm nộp", "", f"{local:%H:%M %d/%m/%Y}") in changes
    text = page.content.decode()
    assert text.count('class="history__event"') == 4
    assert f"{local:%H:%M %d/%m/%Y}" in text
    assert "+00:00" not in text
    assert f"— {unit_user.pk}<" not in text


def test_a_long_history_is_paged(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    for version in range(1, 18):
        data = {**form_data(phongtho_report, numerator=str(900 + version)), "version": version}
        assert client.post(url, data).status_code == 302
    detail = reverse("reports:report_detail", args=[phongtho_report.pk])
    first = client.get(detail)
    assert len(first.context["history"]) == 15
    assert "Trang 1 / 2" in first.content.decode()
    second = client.get(detail, {"history_page": 2})
    assert len(second.context["history"]) == 17 + 2 - 15  # and the period's opening, targets


def test_staff_return_then_approve_through_the_pages(client, staff_user, submitted_report):
    client.force_login(staff_user)
    url = reverse("reports:report_return", args=[submitted_report.pk])
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "lý do" in page.lower()
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.SUBMITTED
    client.post(reverse("reports:report_approve", args=[submitted_report.pk]))
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.APPROVED
    page = client.get(submitted_report.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in page and "Đã duyệt" in page


def test_staff_open_a_period_with_vietnamese_dates(client, staff_user, targets):
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={targets.pk}"
    units = [Agency.objects.get(code="lc-phongtho-ubnd").pk, Agency.objects.get(code="lc-sgddt").pk]
    response = client.post(
        url,
        {
            "name": "Báo cáo tháng 10/2024",
            "school_year": targets.school_year_id,
            "kind": "month",
            "starts_on": "01/10/2024",
            "ends_on": "31/10/2024",
            "due_on": "05/11/2024",
            "locks_on": "15/11/2024",
            "units": units,
        },
    )
    assert response.status_code == 302
    period = targets.reporting_periods.get(name="Báo cáo tháng 10/2024")
    assert period.due_on.day == 5 and period.due_on.month == 11
    assert period.reports.count() == 2


# --- roll-up ---------------------------------------------------------------------------


def test_rollup_counts_only_approved_reports_and_names_missing_units(
    client, staff_user, unit_user, tamduong_user, phongtho_report, tamduong_report
):
    for report, user, numerator, denominator, communes in (
        (phongtho_report, unit_user, "90", "100", "3"),
        (tamduong_report, tamduong_user, "1000", "1000", "2"),
    ):
        workflow.save_report(
            report=report,
            data=complete_input(
                report, numerator=numerator, denominator=denominator, communes=communes
            ),
            expected_version=1,
            by=user,
        )
        workflow.submit_report(report=report, by=user)
    workflow.approve_report(report=phongtho_report, by=staff_user)
    client.force_login(staff_user)
    url = reverse("reports:period_rollup", args=[phongtho_report.period_id])
    rows = {row.indicator.order: row for row in client.get(url).context["rows"]}
    assert rows[2].province_value == Decimal("90.00")
    assert [a.code for a in rows[2].missing_units] == ["lc-tamduong-ubnd"]
    workflow.approve_report(report=tamduong_report, by=staff_user)
    response = client.get(url)
    rows = {row.indicator.order: row for row in response.context["rows"]}
    # (90 + 1000) / (100 + 1000): not the average of 90 % and 100 %.
    assert rows[2].province_value == Decimal("99.09")
    assert rows[2].judgement == "not_met"  # below last year's 99,8 as well
    assert rows[8].province_value == Decimal(5)
    assert rows[8].missing_units == []
    page = response.content.decode()
    assert "99,09" in page


def test_a_unit_sees_its_own_row_against_the_province_in_pages_and_exports(
    client, staff_user, unit_user, tamduong_user, phongtho_report, tamduong_report
):
    """One rule for the roll-up page and the exports: a unit reads the province values and
    its own figures, never another unit's."""
    for report, user, numerator in (
        (phongtho_report, unit_user, "90"),
        (tamduong_report, tamduong_user, "777"),
    ):
        workflow.save_report(
            report=report,
            data=complete_input(report, numerator=numerator, denominator="1000"),
            expected_version=1,
            by=user,
        )
        workflow.submit_report(report=report, by=user)
        workflow.approve_report(report=report, by=staff_user)
    url = reverse("reports:period_rollup", args=[phongtho_report.period_id])
    client.force_login(unit_user)
    response = client.get(url)
    rows = {row.indicator.order: row for row in response.context["rows"]}
    assert rows[2].province_value == Decimal("43.35")  # (90 + 777) / 2000: both units
    assert [unit.agency.code for unit in rows[2].units] == ["lc-phongtho-ubnd"]
    page = response.content.decode()
    assert "Tam Đường" not in page and "777" not in page
    for fmt in ("pdf", "xlsx"):
        export = reverse("reports:period_export", args=[phongtho_report.period_id, fmt])
        assert client.post(export).status_code == 403
    client.force_login(staff_user)
    staff_rows = {row.indicator.order: row for row in client.get(url).context["rows"]}
    assert {unit.agency.code for unit in staff_rows[2].units} == {
        "lc-phongtho-ubnd",
        "lc-tamduong-ubnd",
    }


def test_staff_enter_province_only_figures(client, staff_user, leadership_user, period):
    indicator = period.directive.indicators.get(order=16)
    url = reverse("reports:period_rollup", args=[period.pk])
    client.force_login(leadership_user)
    assert client.post(url, {"indicator": indicator.pk, "value": "96"}).status_code == 403
    client.force_login(staff_user)
    client.post(url, {"indicator": indicator.pk, "value": "96,5"})
    rows = {row.indicator.order: row for row in client.get(url).context["rows"]}
    assert rows[16].province_value == Decimal("96.5")
    assert rows[16].judgement == "met"


# --- bounded queries -------------------------------------------------------------------


def grow(period, size):
    """More tasks for the districts, more indicators with targets, more units."""
    plan = period.directive
    group = TaskGroupFactory(directive=plan, order=100 + size)
    phong_tho = Agency.objects.get(code="lc-phongtho-ubnd")
    for _ in range(size):
        AssignmentFactory(task=TaskFactory(group=group), agency=phong_tho)
    for indicator in plan.indicators.filter(order__in=range(9, 9 + size)).exclude(
        rollup_rule="none"
    ):
        IndicatorTarget.objects.get_or_create(
            indicator=indicator, agency=phong_tho, defaults={"target_value": 50}
        )
        for report in period.reports.all():
            if not IndicatorTarget.objects.filter(
                indicator=indicator, agency=report.agency
            ).exists():
                IndicatorTarget.objects.create(
                    indicator=indicator, agency=report.agency, target_value=50
                )


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", ["edit", "report", "board", "rollup"])
def test_pages_do_not_grow_their_query_count_with_the_data(
    client, unit_user, staff_user, phongtho_report, page_name
):
    user = unit_user if page_name == "edit" else staff_user
    client.force_login(user)
    url = urls_for(phongtho_report)[page_name]
    workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=1,
        by=unit_user,
    )
    grow(phongtho_report.period, 2)
    small = count(client, url)
    grow(phongtho_report.period, 8)
    workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=phongtho_report.version,
        by=unit_user,
    )
    large = count(client, url)
    assert small == large, (small, large)


def test_a_sum_over_part_of_the_units_is_not_judged(client, staff_user, unit_user, phongtho_report):
    workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report, communes="3"),
        expected_version=1,
        by=unit_user,
    )
    workflow.submit_report(report=phongtho_report, by=unit_user)
    workflow.approve_report(report=phongtho_report, by=staff_user)
    client.force_login(staff_user)
    rows = {
        r.indicator.order: r
        for r in client.get(
            reverse("reports:period_rollup", args=[phongtho_report.period_id])
        ).context["rows"]
    }
    assert rows[8].province_value == Decimal(3)
    assert rows[8].missing_units  # Tam Đường has not reported
    assert rows[8].judgement is None and rows[8].achievement is None
    assert rows[2].judgement is not None  # a ratio over the reported units is still a rate
