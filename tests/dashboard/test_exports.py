"""The dashboard to print and share: the PDF and the workbook, for the same choice, hold
the same numbers as the page."""

import io

import openpyxl
import pytest
from django.urls import reverse

from dashboard.choice import resolve_choice
from dashboard.exports import panels
from tests.jobs.worker import download_through_job
from tests.reports.test_pdf_exports import read, text_of

pytestmark = pytest.mark.django_db


def test_the_pdf_states_the_choice_and_holds_the_page_numbers(client, leadership_user, demo):
    client.force_login(leadership_user)
    query = f"year=2024&directive={demo.directive.pk}&period={demo.pk}&on=20/01/2025"
    response = download_through_job(
        client, reverse("dashboard:dashboard_export", args=["pdf"]) + "?" + query
    )
    assert response["Content-Type"] == "application/pdf"
    assert "bao-cao-nhanh-3707-KH-UBND" in response["Content-Disposition"]
    text = text_of(read(response.content))
    assert "BÁO CÁO NHANH" in text
    assert "Tình hình thực hiện Kế hoạch số 3707/KH-UBND" in text
    assert f"kỳ báo cáo {demo.name}" in text and "tính đến ngày 20/01/2025" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text

    choice, _form = resolve_choice(
        {
            "year": "2024",
            "directive": str(demo.directive.pk),
            "period": str(demo.pk),
            "on": "20/01/2025",
        },
        user=leadership_user,
    )
    shown = panels(choice, user=leadership_user)
    expected = shown["reporting"].headline.expected
    assert f"{expected}" in text
    # The same task chart as the page: one bar per task group, drawn in the PDF too.
    for row in shown["tasks"].groups[:3]:
        assert row.title[:25] in text


def test_the_workbook_holds_the_same_numbers_as_the_page(client, leadership_user, demo):
    client.force_login(leadership_user)
    query = f"year=2024&directive={demo.directive.pk}&period={demo.pk}&on=20/01/2025"
    response = download_through_job(
        client, reverse("dashboard:dashboard_export", args=["xlsx"]) + "?" + query
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Báo cáo"]
    choice, _form = resolve_choice(
        {
            "year": "2024",
            "directive": str(demo.directive.pk),
            "period": str(demo.pk),
            "on": "20/01/2025",
        },
        user=leadership_user,
    )
    shown = panels(choice, user=leadership_user)

    tasks = {row[0]: row[1:] for row in workbook["Nhiệm vụ"].iter_rows(values_only=True) if row}
    for row in shown["tasks"].headline:
        assert tasks[row.label][0] == row.cells[0].count  # a number, not text
    reporting = {row[0]: row[1] for row in workbook["Báo cáo"].iter_rows(values_only=True) if row}
    for line in shown["reporting"].headline.lines:
        assert reporting[line.label] == line.count
    scorecard_rows = [
        row
        for row in workbook["Chỉ tiêu"].iter_rows(values_only=True)
        if row and row[0] == "Toàn tỉnh"
    ]
    assert scorecard_rows, "the province row of the scorecard"
    province = shown["indicators"].scorecard.province
    values = [cell.value for cell in province.cells if cell is not None and cell.value is not None]
    assert values and all(
        isinstance(v, int | float) for v in scorecard_rows[0][1:4] if v is not None
    )


def test_a_unit_downloads_its_own_row_against_the_province(client, demo):
    from accounts.models import User

    unit = User.objects.get(username="pgd_tamduong")
    client.force_login(unit)
    response = download_through_job(client, reverse("dashboard:dashboard_export", args=["xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    names = {row[0] for row in workbook["Báo cáo"].iter_rows(values_only=True) if row}
    assert "Ủy ban nhân dân huyện Tam Đường" in names
    assert "Ủy ban nhân dân huyện Phong Thổ" not in names


def test_the_printed_comparison_fits_its_pages(leadership_user, demo):
    """The unit comparison has a column an indicator (over twenty in a plan's appendix):
    printed as on the screen it ran off the right edge of the A4 page. It is printed in
    tables of a few indicators on landscape pages, every unit in each, the names of the
    columns' indicators under each table, and without the screen's links to the trends."""
    import pdfplumber

    from dashboard.exports import dashboard_pdf

    choice, _form = resolve_choice({}, user=leadership_user)
    shown = panels(choice, user=leadership_user)
    card = shown["indicators"].scorecard
    data = dashboard_pdf(choice, user=leadership_user)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [(page, page.extract_text() or "") for page in pdf.pages]
        overflowing = [
            (number, "".join(c["text"] for c in page.chars if c["x1"] > page.width)[:40])
            for number, (page, _text) in enumerate(pages, start=1)
            if any(c["x1"] > page.width for c in page.chars)
        ]
        assert overflowing == []
        comparison = [
            (page, text)
            for page, text in pages
            if "TT 1 " in text.replace("\n", " ") and "Đơn vị" in text
        ]
        assert comparison
        assert all(page.width > page.height for page, _text in comparison)
    text = " ".join(" ".join(t.split()) for _page, t in pages)
    indicators = [indicator for indicator, _link in card.columns]
    assert len(indicators) > 8  # more than one table's worth
    for indicator in indicators:
        assert f"TT {indicator.order}: {' '.join(indicator.name.split())[:30]}" in text
    for row in card.listed:
        assert str(row.agency)[:20] in text
    assert "xu hướng" not in text
