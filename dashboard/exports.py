"""The dashboard to print and share: an official-looking PDF ("Báo cáo nhanh") with the
same panels and charts as the page, and its tables as an Excel workbook."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dashboard.choice import Choice
from dashboard.panels.indicators import indicator_panels
from dashboard.panels.reporting import reporting_panels
from dashboard.panels.tasks import task_panels
from reports.exports.pdf import (
    directive_name,
    in_vietnamese,
    official_header,
    place_of,
    render_pdf,
)
from reports.exports.synthesis import education_department_of
from reports.exports.xlsx import Styles, date_cell, number_cell, prepare_sheet, text_cell
from reports.exports.xlsx.cells import new_workbook, save_workbook


def panels(choice: Choice, *, user, params=None, trends=True) -> dict:
    """What the page and both exports show: one computation of each panel. The page
    leaves the trends to their own page (``trends=False``); the exports carry them."""
    return {
        "tasks": task_panels(choice, user=user),
        "indicators": indicator_panels(choice, user=user, params=params, trends=trends),
        "reporting": reporting_panels(choice, user=user),
    }


def stated_choice(choice: Choice) -> str:
    """The filters in words, as the document states them."""
    parts = []
    if choice.school_year:
        parts.append(f"năm học {choice.school_year}")
    if choice.period:
        parts.append(f"kỳ báo cáo {choice.period.name}")
    parts.append(f"số liệu tính đến ngày {choice.on:%d/%m/%Y}")
    return "; ".join(parts)


PRINT_FONT = "Liberation Serif"  # the face of every official PDF (reports/exports/pdf.css)
_FONT_ATTRIBUTE = re.compile(r'font-family="[^"]*"')


def _in_print_face(svg: str) -> SafeString:
    """The page's chart, drawn in the document's face: SVG text takes no font from CSS."""
    return mark_safe(_FONT_ATTRIBUTE.sub(f'font-family="{PRINT_FONT}"', str(svg)))  # noqa: S308


def _for_print(shown: dict) -> dict:
    tasks, indicators, reporting = shown["tasks"], shown["indicators"], shown["reporting"]
    if tasks is not None:
        tasks.chart = _in_print_face(tasks.chart)
    for trend in indicators.trends if indicators is not None else []:
        trend.chart = _in_print_face(trend.chart)
    if reporting is not None and reporting.headline is not None:
        reporting.headline.chart = _in_print_face(reporting.headline.chart)
    return shown


def _no_progress(step: str, percent: int) -> None:
    return None


@in_vietnamese
def dashboard_pdf(choice: Choice, *, user, params=None, progress=_no_progress) -> bytes:
    """ "Báo cáo nhanh tình hình thực hiện ..." of the chosen directive, issued in the name
    of the education department of its province, dated today. ``progress(step, percent)``
    hears of each stage (a background job shows it)."""
    directive = choice.directive
    issuer = education_department_of(directive.issuer) or directive.issuer
    today = timezone.localdate()
    progress(_("Computing the dashboard's panels"), 10)
    shown = _for_print(panels(choice, user=user, params=params))
    progress(_("Building the PDF file"), 50)
    return render_pdf(
        "dashboard/pdf/dashboard.html",
        {
            "header": official_header(issuer, reference=None, day=today, place=place_of(issuer)),
            "choice": choice,
            "directive_name": directive_name(directive),
            "stated_choice": stated_choice(choice),
            "printed_at": timezone.localtime(),
            "printing": True,  # the comparison split to fit the page, no screen links
            **shown,
        },
    )


def file_stem(choice: Choice, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    reference = (choice.directive.reference or "van-ban").replace("/", "-")
    return f"bao-cao-nhanh-{reference}-{day:%Y%m%d}"


@dataclass
class Table:
    """One table of the workbook: a title row, a header row and rows of text or numbers."""

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def _task_tables(tasks) -> list[Table]:
    headline = Table(
        "Nhiệm vụ theo phân loại (chủ trì)",
        ["Phân loại", *[column.title for column in tasks.columns]],
        [[row.label, *[cell.count for cell in row.cells]] for row in tasks.headline],
    )
    headline.rows.append(["Tổng số", *[len(column.accounting.tasks) for column in tasks.columns]])
    headline.rows.append(
        ["Tỷ lệ hoàn thành (%)", *[column.accounting.completion_rate for column in tasks.columns]]
    )
    groups = Table(
        "Tiến độ theo nhóm nhiệm vụ",
        ["Nhóm nhiệm vụ", *tasks.group_columns],
        [[row.title, *[cell.count for cell in row.cells]] for row in tasks.groups],
    )
    agencies = Table(
        "Tiến độ theo cơ quan chủ trì",
        ["Cơ quan chủ trì", *tasks.agency_columns, "Cập nhật gần nhất"],
        [
            [
                row.title,
                *[cell.count for cell in row.cells],
                timezone.localtime(row.last_update) if row.last_update else None,
            ]
            for row in tasks.agencies
        ],
    )
    return [headline, groups, agencies]


def _indicator_tables(indicators) -> list[Table]:
    tables = [
        Table(
            "Chỉ tiêu theo đánh giá"
            + (f" ({indicators.period.name})" if indicators.period else ""),
            ["Đánh giá", "Số chỉ tiêu", "Các chỉ tiêu (TT)"],
            [
                [
                    count.mark.word,
                    count.count,
                    ", ".join(str(indicator.order) for indicator, _url in count.indicators),
                ]
                for count in indicators.headline
            ],
        ),
        Table(
            "Chỉ tiêu có nguy cơ không đạt",
            [
                "TT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Toàn tỉnh",
                "Chỉ tiêu",
                "Còn thiếu",
                "Đánh giá",
                "Đơn vị chậm nhất",
            ],
            [
                [
                    row.indicator.order,
                    row.indicator.name,
                    row.indicator.unit,
                    row.province_value,
                    row.target,
                    row.gap,
                    row.mark.word,
                    "; ".join(unit.agency.name for unit in row.units),
                ]
                for row in indicators.at_risk
            ],
        ),
    ]
    card = indicators.scorecard
    if card is not None:
        columns = [indicator for indicator, _sort in card.columns]
        table = Table(
            "Bảng so sánh các đơn vị (giá trị thực hiện; đánh giá so với chỉ tiêu giao)",
            [
                "Đơn vị",
                *[f"{i.order}. {i.name} ({i.unit})" for i in columns],
                "Số chỉ tiêu Đạt",
                "Tiến bộ",
                "Xếp hạng",
            ],
        )
        for row in [card.province, *card.rows]:
            name = row.agency.name if row.agency else "Toàn tỉnh"
            cells = [None if cell is None else cell.value for cell in row.cells]
            table.rows.append([name, *cells, row.met, row.progress, row.rank])
        tables.append(table)
    if indicators.trends:
        names = [point.name for point in indicators.trends[0].points]
        tables.append(
            Table(
                "Xu hướng giá trị toàn tỉnh",
                ["TT", "Chỉ tiêu", *names],
                [
                    [
                        trend.indicator.order,
                        trend.indicator.name,
                        *[point.province for point in trend.points],
                    ]
                    for trend in indicators.trends
                ],
            )
        )
        unit = indicators.trend_unit
        if unit is not None:
            inherited = [
                any(trend.points[i].unit_inherited for trend in indicators.trends)
                for i in range(len(names))
            ]
            title = f"Xu hướng giá trị của {unit.name}"
            if indicators.trend_unit_history is not None:
                title = f"{title}. {indicators.trend_unit_history.note}"
            tables.append(
                Table(
                    title,
                    [
                        "TT",
                        "Chỉ tiêu",
                        *[
                            f"{name} (số liệu của các đơn vị trước sắp xếp)" if was else name
                            for name, was in zip(names, inherited, strict=True)
                        ],
                    ],
                    [
                        [
                            trend.indicator.order,
                            trend.indicator.name,
                            *[point.unit for point in trend.points],
                        ]
                        for trend in indicators.trends
                    ],
                )
            )
    return tables


TIMELINESS_WORDS = {
    "on_time": "Đúng hạn",
    "late": "Muộn {days} ngày",
    "missing": "Chưa nộp, quá hạn {days} ngày",
    "pending": "Chưa đến hạn",
}


def _discipline_word(cell) -> str:
    if cell.report is None:
        return ""
    words = [TIMELINESS_WORDS.get(cell.timeliness, "").format(days=cell.days)]
    if cell.returned:
        words.append("có lần bị trả lại")
    if cell.approved:
        words.append("đã duyệt")
    return "; ".join(word for word in words if word)


def _reporting_tables(reporting) -> list[Table]:
    tables = []
    if reporting.headline is not None:
        headline = reporting.headline
        tables.append(
            Table(
                f"Tình hình báo cáo ({headline.period.name})",
                ["", "Số báo cáo", "Tỷ lệ so với số phải nộp (%)"],
                [[line.label, line.count, line.rate] for line in headline.lines],
            )
        )
    discipline = reporting.discipline
    tables.append(
        Table(
            "Chấp hành chế độ báo cáo của các đơn vị",
            [
                "Đơn vị",
                *[period.name for period in discipline.periods],
                "Đúng hạn",
                "Muộn",
                "Chưa nộp",
                "Bị trả lại",
            ],
            [
                [
                    row.agency.name,
                    *[_discipline_word(cell) for cell in row.cells],
                    row.on_time,
                    row.late,
                    row.missing,
                    row.returned,
                ]
                for row in discipline.rows
            ],
        )
    )
    return tables


def _write_sheet(workbook, title: str, tables: list[Table]) -> None:
    ws = workbook.create_sheet(title)
    width = max((len(t.headers) for t in tables), default=1)
    prepare_sheet(ws, widths=[40] + [16] * (width - 1), freeze="B1", title_rows="1:1", header=title)
    for table in tables:
        ws.append([text_cell(ws, table.title, Styles.HEADER)])
        ws.append([text_cell(ws, header, Styles.HEADER) for header in table.headers])
        for row in table.rows:
            ws.append([_cell(ws, value) for value in row])
        ws.append([])


def _cell(ws, value):
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return number_cell(ws, value)
    if isinstance(value, datetime.datetime | datetime.date):
        return date_cell(ws, value)
    return text_cell(ws, value)


@in_vietnamese
def dashboard_workbook(choice: Choice, *, user, params=None, progress=_no_progress) -> bytes:
    """The dashboard's tables, one sheet per panel, numbers as numbers."""
    progress(_("Computing the dashboard's panels"), 10)
    shown = panels(choice, user=user, params=params)
    progress(_("Writing the Excel file"), 70)
    workbook = new_workbook()
    _write_sheet(workbook, "Nhiệm vụ", _task_tables(shown["tasks"]))
    _write_sheet(workbook, "Chỉ tiêu", _indicator_tables(shown["indicators"]))
    _write_sheet(workbook, "Báo cáo", _reporting_tables(shown["reporting"]))
    return save_workbook(workbook)
