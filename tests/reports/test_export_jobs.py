"""The period's exports run as jobs in the real worker (manage.py db_worker), on both
engines: the file is the one the export functions make, with steps a user understands,
and a period deleted before the worker reached it fails with a Vietnamese message."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts import roles
from accounts.roles import ensure_role_groups
from directives.models import Agency
from directives.seed_data import load_seed_data
from jobs.models import Job
from reports.exports import xlsx
from tests.factories import UserFactory
from tests.jobs.worker import run_worker
from tests.reports.conftest import make_period

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(transactional_db):
    load_seed_data()
    ensure_role_groups()
    return UserFactory(
        username="chuyenvien-jobs",
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )


def _started(client, period, fmt) -> Job:
    response = client.post(reverse("reports:period_export", args=[period.pk, fmt]))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED
    return job


def test_the_period_workbook_is_made_by_the_worker_as_the_export_makes_it(client, staff):
    period = make_period(staff=staff)
    client.force_login(staff)
    job = _started(client, period, "xlsx")
    assert job.title.startswith("Bảng tổng hợp (Excel), Sơ kết học kỳ I")

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error_message
    assert job.step == "Đang lưu tệp Excel" and job.percent == 100
    assert job.result_name == "bao-cao-3707-kh-ubnd-so-ket-hoc-ky-i-nam-hoc-2024-2025.xlsx"
    response = client.get(reverse("jobs:job_download", args=[job.pk]))
    made = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(made))
    expected = openpyxl.load_workbook(
        io.BytesIO(xlsx.directive_workbook(period.directive, period=period))
    )
    assert workbook.sheetnames == expected.sheetnames
    for name in expected.sheetnames:
        assert list(workbook[name].values) == list(expected[name].values), name


def test_the_synthesis_pdf_is_made_by_the_worker(client, staff):
    period = make_period(staff=staff)
    client.force_login(staff)
    job = _started(client, period, "pdf")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error_message
    assert job.step == "Đang dựng tệp PDF"
    response = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "3707/KH-UBND" in text and "BÁO CÁO" in text


def test_a_period_deleted_before_the_worker_ran_fails_with_a_message(client, staff):
    period = make_period(staff=staff)
    client.force_login(staff)
    job = _started(client, period, "pdf")
    period.delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message == "Kỳ báo cáo đã bị xóa trước khi tạo xong tệp."
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Kỳ báo cáo đã bị xóa trước khi tạo xong tệp." in page
