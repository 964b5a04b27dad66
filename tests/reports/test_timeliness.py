"""On time or late: the first submission counts, a resubmission is shown as one, and units
that submitted late are kept apart from units that have submitted nothing, on the board,
the unit's pages and the synthesis PDF."""

import io
import re
import unicodedata
from html import unescape

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reports import workflow
from reports.models import ProgressReport
from tests.jobs.worker import download_through_job
from tests.reports.conftest import complete_input, make_period

pytestmark = pytest.mark.django_db

PHONG_THO = "Ủy ban nhân dân huyện Phong Thổ"
TAM_DUONG = "Ủy ban nhân dân huyện Tam Đường"


def fill_and_submit(report, user):
    report.refresh_from_db()
    report = workflow.save_report(
        report=report,
        data=complete_input(report),
        expected_version=report.version,
        by=user,
    )
    return workflow.submit_report(report=report, by=user)


def board_row(page: str, unit: str) -> str:
    """The text of the board's row for ``unit``, tags removed."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S):
        if unit in row:
            return " ".join(unescape(re.sub(r"<[^>]+>", " ", row)).split())
    raise AssertionError(f"{unit} is not on the board")


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def corrected_after_the_due_date(period, phongtho_report, unit_user, staff_user, travel):
    """Phong Thổ submits on time (due in 7 days), is returned, and resubmits 10 days on:
    three days after the due date."""
    fill_and_submit(phongtho_report, unit_user)
    workflow.return_report(report=phongtho_report, reason="Bổ sung số liệu xã.", by=staff_user)
    travel(10)
    return fill_and_submit(phongtho_report, unit_user)


def test_a_report_corrected_after_the_due_date_is_on_time_and_shown_as_resubmitted(
    client, staff_user, corrected_after_the_due_date
):
    report = corrected_after_the_due_date
    assert report.first_submitted_at < report.submitted_at
    client.force_login(staff_user)
    response = client.get(reverse("reports:period_detail", args=[report.period_id]))
    page = response.content.decode()
    row = board_row(page, PHONG_THO)
    assert "muộn" not in row
    assert "Đúng hạn" in row
    assert "Nộp lại lúc" in row
    assert "lần nộp đầu tiên" in page  # the board says how timeliness is counted
    assert response.context["board"].late_count == 0


def test_the_units_own_pages_count_the_first_submission_too(
    client, unit_user, corrected_after_the_due_date
):
    client.force_login(unit_user)
    url = reverse("reports:report_detail", args=[corrected_after_the_due_date.pk])
    page = client.get(url).content.decode()
    assert "muộn" not in page
    assert "Nộp lại lúc" in page


def test_the_board_counts_late_submissions_apart_from_units_with_nothing_submitted(
    client, staff_user, unit_user, targets
):
    period = make_period(staff=staff_user, due_in_days=-3)
    fill_and_submit(period.reports.get(agency__code="lc-phongtho-ubnd"), unit_user)
    client.force_login(staff_user)
    response = client.get(reverse("reports:period_detail", args=[period.pk]))
    page = response.content.decode()
    others = period.reports.count() - 1
    assert "Nộp muộn: <strong>1</strong>" in page
    assert f"Chưa nộp, quá hạn: <strong>{others}</strong>" in page
    assert "muộn 3 ngày" in board_row(page, PHONG_THO)
    assert "Chưa nộp, quá hạn 3 ngày" in board_row(page, TAM_DUONG)
    assert "muộn" not in board_row(page, TAM_DUONG).replace("Chưa nộp, quá hạn", "")


def test_a_unit_that_owes_its_report_reads_how_many_days_it_is_overdue(
    client, staff_user, unit_user, targets
):
    make_period(staff=staff_user, due_in_days=-2)
    client.force_login(unit_user)
    page = client.get(reverse("reports:home")).content.decode()
    assert "Chưa nộp, quá hạn 2 ngày" in page
    assert "muộn 2 ngày" not in page


def test_the_synthesis_pdf_lists_late_units_apart_from_overdue_ones(
    client,
    staff_user,
    tamduong_user,
    tamduong_report,
    corrected_after_the_due_date,
    travel,
):
    travel(9)
    fill_and_submit(tamduong_report, tamduong_user)  # two days after the due date
    travel(10)
    period = corrected_after_the_due_date.period
    client.force_login(staff_user)
    response = download_through_job(
        client, reverse("reports:period_export", args=[period.pk, "pdf"])
    )
    text = pdf_text(response.content)
    assert f"Đơn vị nộp muộn (1): {TAM_DUONG} (muộn 2 ngày)." in text
    others = period.reports.count() - 2
    assert f"Đơn vị chưa nộp, quá hạn ({others}): " in text
    assert "Sở Tài chính tỉnh Lai Châu (chưa nộp, quá hạn 3 ngày)" in text
    assert "nộp muộn hoặc quá hạn" not in text
    # Phong Thổ's first submission was on time; the table shows its resubmission.
    assert PHONG_THO not in text.split("Đơn vị nộp muộn")[1].split(".")[0]
    # The PDF shows the days in Asia/Ho_Chi_Minh, a day ahead of UTC after 17:00 UTC.
    first = timezone.localtime(corrected_after_the_due_date.first_submitted_at)
    again = timezone.localtime(corrected_after_the_due_date.submitted_at)
    assert f"{PHONG_THO} Đã nộp {first:%d/%m/%Y} nộp lại {again:%d/%m/%Y} Đúng hạn" in text


def test_existing_reports_get_their_first_submission_from_history(
    corrected_after_the_due_date,
):
    """The migration fills the first submission of reports submitted before it existed."""
    report = corrected_after_the_due_date
    first = report.first_submitted_at
    ProgressReport.objects.filter(pk=report.pk).update(first_submitted_at=None)
    ProgressReport.history.filter(id=report.pk).update(first_submitted_at=None)
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    migration = next(
        module
        for (app, name), module in loader.disk_migrations.items()
        if app == "reports" and name.endswith("_first_submission")
    )
    fill = next(op.code for op in migration.operations if getattr(op, "code", None) is not None)
    fill(apps, None)
    report.refresh_from_db()
    assert report.first_submitted_at == first
    assert workflow.days_late(report) == 0
    rows = ProgressReport.history.filter(id=report.pk).order_by("history_date", "history_id")
    assert [row.first_submitted_at for row in rows if row.submitted_at] == [first] * len(
        [row for row in rows if row.submitted_at]
    )
    assert all(row.first_submitted_at is None for row in rows if not row.submitted_at)
