"""Download buttons, export commands and the upload of a filled template, through the
doors users use: the pages and manage.py."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from reports import fill_in
from tests.jobs.worker import download_through_job

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def test_anyone_signed_in_downloads_the_directive(client, unit_user, plan_3707):
    client.force_login(unit_user)
    response = client.get(reverse("reports:directive_export", args=[plan_3707.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "3707/KH-UBND" in pdf_text(response.content)
    response = client.get(reverse("reports:directive_export", args=[plan_3707.pk, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.worksheets


def test_an_unknown_format_is_404(client, staff_user, plan_3707):
    client.force_login(staff_user)
    assert client.get(f"/reporting/directives/{plan_3707.pk}/export.docx").status_code == 404


def test_synthesis_is_for_staff_and_leadership_only(
    client, staff_user, leadership_user, unit_user, submitted_report
):
    period = submitted_report.period
    url = reverse("reports:period_export", args=[period.pk, "pdf"])
    client.force_login(unit_user)
    assert client.post(url).status_code == 403
    for user in (staff_user, leadership_user):
        client.force_login(user)
        response = download_through_job(client, url)
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "3707/KH-UBND" in pdf_text(response.content)


def test_a_unit_downloads_its_own_report_but_not_another(
    client, unit_user, tamduong_user, submitted_report
):
    url = reverse("reports:report_export", args=[submitted_report.pk, "pdf"])
    client.force_login(unit_user)
    response = client.get(url)
    assert response.status_code == 200
    assert "Phong Thổ" in pdf_text(response.content)
    client.force_login(tamduong_user)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("reports:report_template", args=[submitted_report.pk])).status_code
        == 404
    )


def test_template_round_trip_through_the_pages(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    response = client.get(reverse("reports:report_template", args=[phongtho_report.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    # Fill every input cell the way the template's own reader expects, as a clerk would.
    filled = fill_in_workbook(workbook, phongtho_report)
    upload = io.BytesIO(filled)
    upload.name = "bao-cao-phong-tho.xlsx"
    page = client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]), {"file": upload}
    )
    assert page.status_code == 200
    assert not page.context["preview"].problems, page.context["preview"].problems
    assert page.context["preview"].changes
    assert not phongtho_report.values.exists()  # nothing saved before confirmation
    token = page.context["token"]
    client.post(reverse("reports:report_upload_apply", args=[phongtho_report.pk]), {"token": token})
    phongtho_report.refresh_from_db()
    assert phongtho_report.values.exists()
    assert phongtho_report.answers.exists()
    # The token is single use.
    response = client.post(
        reverse("reports:report_upload_apply", args=[phongtho_report.pk]),
        {"token": token},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()


def test_a_file_that_is_not_a_workbook_is_refused_by_the_page(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    upload = io.BytesIO(b"TT,Chi tieu\n1,2\n")
    upload.name = "bao-cao.xlsx"
    response = client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]), {"file": upload}, follow=True
    )
    assert response.status_code == 200
    assert not phongtho_report.values.exists()
    messages = [str(m) for m in response.context["messages"]]
    assert messages


def test_export_commands_write_the_files(tmp_path, submitted_report, plan_3707):
    directive_pdf = tmp_path / "3707.pdf"
    call_command(
        "export_directive", "3707/KH-UBND", "--format", "pdf", "--output", str(directive_pdf)
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(directive_pdf.read_bytes())
    workbook = tmp_path / "3707.xlsx"
    call_command("export_directive", "3707/KH-UBND", "--format", "xlsx", "--output", str(workbook))
    assert openpyxl.load_workbook(workbook).worksheets
    period = submitted_report.period
    synthesis = tmp_path / "tong-hop.pdf"
    call_command(
        "export_report",
        "3707/KH-UBND",
        "--period",
        str(period.pk),
        "--format",
        "pdf",
        "--output",
        str(synthesis),
    )
    assert synthesis.read_bytes().startswith(b"%PDF")
    unit = tmp_path / "phong-tho.xlsx"
    call_command(
        "export_report",
        "3707/KH-UBND",
        "--period",
        str(period.pk),
        "--unit",
        submitted_report.agency.code,
        "--format",
        "xlsx",
        "--output",
        str(unit),
    )
    assert openpyxl.load_workbook(unit).worksheets
    with pytest.raises(CommandError):
        call_command(
            "export_directive", "1/XX", "--format", "pdf", "--output", str(tmp_path / "x.pdf")
        )


def fill_in_workbook(workbook, report) -> bytes:
    """Answer every task and indicator in the template's input cells."""
    preview_before = fill_in.input_cells(workbook, report=report)
    for cell, kind in preview_before:
        if kind == "progress":
            cell.value = "Đang triển khai"
        elif kind == "text":
            cell.value = "Đã tổ chức hội nghị quán triệt tới 100% trường học."
        elif kind == "numerator":
            cell.value = 990
        elif kind == "denominator":
            cell.value = 1000
        elif kind == "value":
            cell.value = 3
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
