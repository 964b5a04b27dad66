"""Excel exports, opened again and read as a reader would: numbers are numbers with a
number format, the appendix keeps the document's two-level header, one sheet per unit."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports import workflow
from reports.exports import xlsx
from reports.models import IndicatorValue, ProgressReport, TaskAnswer
from reports.selectors import indicator_rollup
from tests.reports.conftest import complete_input

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def read(content: bytes):
    return load_workbook(io.BytesIO(content))


def merged(ws) -> set[str]:
    return {str(cell_range) for cell_range in ws.merged_cells.ranges}


def assert_printable(ws, title_rows: str) -> None:
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == title_rows


def assert_number(cell, value, number_format: str | None = None) -> None:
    assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool), cell
    assert cell.value == pytest.approx(float(value))
    if number_format:
        assert cell.number_format == number_format


@pytest.fixture
def demo_period(demo):
    return demo


def test_directive_workbook_has_the_appendix_in_the_documents_two_level_header(plan_3707):
    wb = read(xlsx.directive_workbook(plan_3707))
    assert wb.sheetnames == ["Chỉ tiêu", "Nhiệm vụ"]
    ws = wb["Chỉ tiêu"]
    assert merged(ws) == {"A1:A2", "B1:B2", "C1:D1", "E1:F1"}
    assert [ws[c].value for c in ("A1", "B1", "C1", "E1")] == [
        "TT",
        "Chỉ tiêu",
        "Năm học 2023-2024",
        "Năm học 2024-2025",
    ]
    assert [ws[f"{c}2"].value for c in "CDEF"] == [
        "Đơn vị",
        "Chỉ tiêu đạt được",
        "Đơn vị",
        "Chỉ tiêu phấn đấu",
    ]
    assert ws.freeze_panes == "C3"
    assert ws.column_dimensions["B"].width >= 50
    assert_printable(ws, "$1:$2")
    assert ws.max_row == 2 + 26
    # Indicator 1: 32,7 % last year, 32,8 % this year, as numbers shown as in the document.
    assert_number(ws["A3"], 1, "#,##0")
    assert ws["B3"].value == "Tỷ lệ huy động trẻ nhà trẻ"
    assert ws["C3"].value == "%" and ws["E3"].value == "%"
    assert_number(ws["D3"], Decimal("32.7"), "#,##0.0")
    assert_number(ws["F3"], Decimal("32.8"), "#,##0.0")
    assert_number(ws["F4"], Decimal("99.85"), "#,##0.00")
    assert_number(ws["D7"], 106, "#,##0")  # indicator 5: 106 communes
    assert isinstance(ws["D7"].value, int)
    tasks = wb["Nhiệm vụ"]
    assert tasks["B1"].value == "Nhiệm vụ"
    assert tasks.max_row == 1 + 12 + 47  # header, 12 task groups, 47 tasks
    assert tasks.freeze_panes == "C2"


def test_directive_workbook_for_a_period_adds_actuals_units_and_task_status(demo_period):
    wb = read(xlsx.directive_workbook(demo_period.directive, period=demo_period))
    units = [
        "UBND huyện Mường Tè",
        "UBND huyện Nậm Nhùn",
        "UBND huyện Phong Thổ",
        "UBND huyện Sìn Hồ",
        "UBND huyện Tam Đường",
        "UBND huyện Tân Uyên",
        "UBND huyện Than Uyên",
        "UBND thành phố Lai Châu",
    ]
    assert wb.sheetnames[:3] == ["Chỉ tiêu", "Tiến độ nhiệm vụ", "Tình hình nộp báo cáo"]
    assert sorted(wb.sheetnames[3:]) == sorted(units)  # one sheet per unit with targets

    ws = wb["Chỉ tiêu"]
    assert merged(ws) == {"A1:A2", "B1:B2", "C1:D1", "E1:F1", "G1:I1"}
    assert ws["G1"].value == "Sơ kết học kỳ I năm học 2024 - 2025"
    assert [ws[f"{c}2"].value for c in "GHI"] == ["Thực hiện", "Tỷ lệ đạt (%)", "Đánh giá"]
    assert_printable(ws, "$1:$2")
    rows = {row.indicator.order: row for row in indicator_rollup(demo_period)}
    judgements = {"met": "Đạt", "progress": "Tiến bộ", "not_met": "Chưa đạt"}
    for excel_row in range(3, ws.max_row + 1):
        order = ws[f"A{excel_row}"].value
        rollup = rows[order]
        if rollup.province_value is None:
            assert ws[f"G{excel_row}"].value is None
        else:
            assert_number(ws[f"G{excel_row}"], rollup.province_value)
        if rollup.achievement is not None:
            assert_number(ws[f"H{excel_row}"], rollup.achievement, "#,##0.00")
        assert ws[f"I{excel_row}"].value == judgements.get(rollup.judgement)
    assert ws["G4"].value == pytest.approx(float(rows[2].province_value))  # a ratio, 95-100 %

    # Tam Đường's report is approved: its own values, numerators and denominators.
    unit = wb["UBND huyện Tam Đường"]
    assert unit["A1"].value == "Ủy ban nhân dân huyện Tam Đường — Đã duyệt"
    assert "A1:H1" in merged(unit)
    assert [unit[f"{c}2"].value for c in "ABCDEFGH"] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu giao",
        "Thực hiện",
        "Tử số",
        "Mẫu số",
        "Đánh giá",
    ]
    assert unit.freeze_panes == "C3"
    assert_printable(unit, "$1:$2")
    stored = {
        v.indicator.order: v
        for v in IndicatorValue.objects.filter(
            report__period=demo_period, report__agency__code="lc-tamduong-ubnd"
        ).select_related("indicator")
    }
    assert unit.max_row == 2 + len(stored)
    for excel_row in range(3, unit.max_row + 1):
        value = stored[unit[f"A{excel_row}"].value]
        assert_number(unit[f"E{excel_row}"], value.value)
        if value.numerator is not None:
            assert_number(unit[f"F{excel_row}"], value.numerator, "#,##0")
            assert_number(unit[f"G{excel_row}"], value.denominator, "#,##0")
            assert isinstance(unit[f"G{excel_row}"].value, int)
    # Phong Thổ has not reported: its indicators are listed with targets, no values.
    phongtho = wb["UBND huyện Phong Thổ"]
    assert phongtho.max_row == unit.max_row
    assert all(phongtho[f"E{r}"].value is None for r in range(3, phongtho.max_row + 1))
    assert all(isinstance(phongtho[f"D{r}"].value, int | float) for r in range(3, 5))

    status = wb["Tiến độ nhiệm vụ"]
    assert merged(status) >= {"A1:A2", "B1:B2"}
    assert status.freeze_panes == "C3"
    columns = {status.cell(1, c).value: c for c in range(3, status.max_column + 1)}
    assert set(units) <= set(columns)
    assert status.cell(2, columns["UBND huyện Tam Đường"]).value == "Đã duyệt"
    assert status.cell(2, columns["UBND huyện Sìn Hồ"]).value == "Đã nộp"
    answer = TaskAnswer.objects.get(
        report__period=demo_period, report__agency__code="lc-tamduong-ubnd", task__number="2"
    )
    task_row = next(
        r for r in range(3, status.max_row + 1) if status[f"B{r}"].value == answer.task.text
    )
    labels = {"in_progress": "Đang triển khai", "done": "Hoàn thành"}
    assert status.cell(task_row, columns["UBND huyện Tam Đường"]).value == labels[answer.progress]
    # Sìn Hồ's report is submitted, not approved: it does not count yet.
    assert status.cell(task_row, columns["UBND huyện Sìn Hồ"]).value is None

    board = wb["Tình hình nộp báo cáo"]
    late = {board[f"B{r}"].value: board[f"E{r}"].value for r in range(2, board.max_row + 1)}
    assert late["Ủy ban nhân dân huyện Mường Tè"] > 0
    assert isinstance(late["Ủy ban nhân dân huyện Sìn Hồ"], int)


def test_text_that_looks_like_a_formula_stays_text(phongtho_report, unit_user):
    data = complete_input(phongtho_report)
    texts = ['=HYPERLINK("http://example.invalid","x")', "+84 912", "-5 trường", "@SUM(A1)"]
    for answer, text in zip(data.answers, texts, strict=False):
        answer.results = text
    data.answers[0].difficulties = "#N/A"
    workflow.save_report(report=phongtho_report, data=data, expected_version=1, by=unit_user)
    ws = read(xlsx.report_workbook(phongtho_report))["Nhiệm vụ"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type in ("f", "e")]
    found = {c.value for c in cells}
    assert set(texts[: len(data.answers)]) <= found and "#N/A" in found


def test_report_workbook_holds_the_units_answers_and_values(submitted_report):
    wb = read(xlsx.report_workbook(submitted_report))
    assert wb.sheetnames == ["Thông tin báo cáo", "Nhiệm vụ", "Chỉ tiêu"]
    info = {row[0]: row[1] for row in wb["Thông tin báo cáo"].iter_rows(values_only=True)}
    assert info["Đơn vị báo cáo"] == "Ủy ban nhân dân huyện Phong Thổ"
    assert info["Tình trạng"] == "Đã nộp"
    assert info["Kỳ báo cáo"] == "Sơ kết học kỳ I năm học 2024 - 2025"
    assert info["Văn bản"].startswith("3707/KH-UBND — ")

    tasks = wb["Nhiệm vụ"]
    assert [c.value for c in tasks[1]] == [
        "TT",
        "Nhiệm vụ",
        "Vai trò",
        "Tình trạng",
        "Kết quả đạt được",
        "Tồn tại, hạn chế, nguyên nhân",
        "Đề xuất, kiến nghị",
    ]
    assert tasks["B2"].value == "TỔ CHỨC THỰC HIỆN"  # the group's heading row
    assert [tasks[f"A{r}"].value for r in (3, 4)] == ["2", "4"]
    assert [tasks[f"C{r}"].value for r in (3, 4)] == ["Chủ trì", "Phối hợp"]
    assert tasks["D3"].value == "Đang triển khai"
    assert tasks["E3"].value == "Đã triển khai kế hoạch tới 100% trường học."
    assert tasks.freeze_panes == "C2"
    assert_printable(tasks, "$1:$1")

    values = wb["Chỉ tiêu"]
    assert [values[f"A{r}"].value for r in (2, 3)] == [2, 8]
    assert_number(values["D2"], Decimal("99.8"), "#,##0.0")  # the unit's own target
    assert_number(values["E2"], Decimal("99.5"), "#,##0.0")  # 995 / 1000
    assert_number(values["F2"], 995, "#,##0")
    assert_number(values["G2"], 1000, "#,##0")
    assert values["H2"].value == "Chưa đạt"  # below 99,8 and no better than last year's 99,5
    assert_number(values["E3"], 3, "#,##0")
    assert values["H3"].value == "Đạt"


def test_sheet_titles_are_short_unique_and_without_forbidden_characters():
    taken = ["Chỉ tiêu"]
    first = xlsx.sheet_title("Sở GD&ĐT: Lai/Châu [thử nghiệm] *? với tên rất dài thêm", taken)
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    taken.append(first)
    second = xlsx.sheet_title("Sở GD&ĐT: Lai/Châu [thử nghiệm] *? với tên rất dài thêm", taken)
    assert second != first and len(second) <= 31 and second.endswith("(2)")
    assert xlsx.sheet_title("chỉ tiêu", taken) == "chỉ tiêu (2)"  # Excel ignores case
