"""Last year's reports after the reform: the districts that wrote them keep their names
and figures on every page and export, marked with the day they stopped."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from directives.models import Agency
from reports.models import IndicatorValue, ProgressReport, ReportingPeriod
from tests.reform import build_reform

pytestmark = pytest.mark.django_db

MARKER = "ngừng hoạt động từ 01/07/2025"


@pytest.fixture
def year_end(plan_3707):
    """The 2024 - 2025 year-end review, Tam Đường's report approved with two figures."""
    period = ReportingPeriod.objects.create(
        directive=plan_3707,
        school_year=plan_3707.school_year,
        kind=ReportingPeriod.Kind.YEAR_END,
        name="Tổng kết năm học 2024 - 2025",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 31),
        due_on=datetime.date(2025, 6, 5),
        locks_on=datetime.date(2025, 6, 20),
    )
    tamduong = Agency.objects.get(code="lc-tamduong-ubnd")
    report = ProgressReport.objects.create(
        period=period, agency=tamduong, status=ProgressReport.Status.APPROVED
    )
    IndicatorValue.objects.create(
        report=report,
        indicator=plan_3707.indicators.get(order=1),
        numerator=Decimal(327),
        denominator=Decimal(1000),
        value=Decimal("32.70"),
    )
    IndicatorValue.objects.create(
        report=report, indicator=plan_3707.indicators.get(order=5), value=Decimal(1234)
    )
    return report


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _workbook_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]


def _views(client, report):
    pages = {
        name: client.get(reverse(name, args=[pk])).content.decode()
        for name, pk in [
            ("reports:report_detail", report.pk),
            ("reports:period_detail", report.period_id),
            ("reports:period_rollup", report.period_id),
        ]
    }
    pdf = _pdf_text(client.get(reverse("reports:report_export", args=[report.pk, "pdf"])).content)
    xlsx = _workbook_cells(
        client.get(reverse("reports:report_export", args=[report.pk, "xlsx"])).content
    )
    return pages, pdf, xlsx


def test_last_years_report_keeps_the_districts_name_and_figures_after_the_reform(
    year_end, plan_3707, client, staff_user
):
    """The reorganisation applied, Tam Đường's 2024 - 2025 report still reads as Tam
    Đường wrote it, on its page, the board, the roll-up, the PDF and the workbook, with
    the same figures; each says the district no longer exists from 01/07/2025."""
    client.force_login(staff_user)
    before_pages, before_pdf, before_xlsx = _views(client, year_end)
    build_reform(plan_3707)
    pages, pdf, xlsx = _views(client, year_end)
    name = year_end.agency.name
    for page in pages.values():
        assert year_end.agency.short_name in page or name in page
        assert MARKER in page
        assert "Thử Nghiệm Hợp" not in page  # the commune it went into does not take its place
    assert f"<h1>{name} <span" in pages["reports:report_detail"]
    assert "32,7" in pages["reports:report_detail"] and "1.234" in pages["reports:report_detail"]
    assert name in pdf and MARKER in pdf
    assert "32,7" in pdf and "1.234" in pdf
    assert name in xlsx
    assert xlsx[xlsx.index("Đơn vị ngừng hoạt động từ") + 1] == datetime.datetime(2025, 7, 1)
    assert [c for c in xlsx if isinstance(c, int | float)] == [
        c for c in before_xlsx if isinstance(c, int | float)
    ]
    assert Decimal("32.7") in [Decimal(str(c)) for c in xlsx if isinstance(c, int | float)]
    assert before_pdf.replace(" ", "") == pdf.replace(" ", "")


def test_an_agency_still_open_carries_no_marker(plan_3707, client, staff_user, year_end):
    year_end.agency.valid_until = None
    year_end.agency.save()
    client.force_login(staff_user)
    page = client.get(reverse("reports:report_detail", args=[year_end.pk])).content.decode()
    assert "ngừng hoạt động" not in page
