"""Writing cells and sheets that print as official documents.

Numbers are stored as numbers with a number format, never as text; text is always stored
as text, so that a cell reading "=..." or "#N/A" can never become a formula or an error
value.

The workbooks use openpyxl's write-only mode, which streams rows instead of holding every
cell in memory. A write-only sheet has no ``merge_cells()``, but its ``merged_cells``
range list is written out with the sheet, so a merged header is declared there and the
cells it covers are written as empty styled cells (so that borders print). Column widths,
frozen panes and print titles must be set before the first row is appended.
"""

import datetime
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

MAX_CELL_TEXT = 32767  # Excel's limit for one cell
MAX_DECIMAL_PLACES = 4  # as stored (VALUE_DIGITS)
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def excel_number(value: Decimal | int | float | None) -> int | float | None:
    """A stored Decimal as an Excel number: an int when whole, so 106 reads back as 106."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def decimal_places(value: Decimal | int | float | None) -> int:
    """How many decimal places the number has, so 32,7 shows as 32,7 and 99,85 as 99,85."""
    if value is None or isinstance(value, int):
        return 0
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return min(max(-exponent, 0), MAX_DECIMAL_PLACES) if isinstance(exponent, int) else 0


def number_format(places: int) -> str:
    return "#,##0" if places <= 0 else "#,##0." + "0" * places


def clean_text(value) -> str:
    """Text a worksheet accepts: no control characters, at most one cell's worth."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet title: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_TITLE_FORBIDDEN.sub(" ", name).strip().strip("'").strip() or "Sheet"
    base = re.sub(r"\s+", " ", base)[:31].rstrip()
    used = {t.casefold() for t in taken}
    title, counter = base, 1
    while title.casefold() in used:
        counter += 1
        suffix = f" ({counter})"
        title = base[: 31 - len(suffix)].rstrip() + suffix
    return title


class Styles:
    """Named styles registered once per workbook: cheaper than styling cell by cell."""

    HEADER = "edu_header"
    TEXT = "edu_text"
    CENTER = "edu_center"
    GROUP = "edu_group"
    TITLE = "edu_title"
    DATE = "edu_date"
    GREY = "edu_grey"

    def __init__(self, workbook: Workbook):
        thin = Side(style="thin", color="808080")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        font = Font(name="Times New Roman", size=12)
        bold = Font(name="Times New Roman", size=12, bold=True)
        top_left = Alignment(vertical="top", wrap_text=True)
        centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
        definitions = [
            NamedStyle(
                self.HEADER,
                font=bold,
                border=border,
                alignment=centered,
                fill=PatternFill("solid", fgColor="DDE7F0"),
            ),
            NamedStyle(self.TEXT, font=font, border=border, alignment=top_left),
            NamedStyle(
                self.CENTER,
                font=font,
                border=border,
                alignment=Alignment(horizontal="center", vertical="top", wrap_text=True),
            ),
            NamedStyle(
                self.GROUP,
                font=bold,
                border=border,
                alignment=top_left,
                fill=PatternFill("solid", fgColor="F2F2F2"),
            ),
            NamedStyle(
                self.TITLE,
                font=Font(name="Times New Roman", size=13, bold=True),
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            ),
            NamedStyle(
                self.DATE,
                font=font,
                border=border,
                alignment=Alignment(horizontal="center", vertical="top"),
                number_format="dd/mm/yyyy",
            ),
            NamedStyle(
                self.GREY,
                font=font,
                border=border,
                fill=PatternFill("solid", fgColor="D9D9D9"),
            ),
        ]
        for places in range(MAX_DECIMAL_PLACES + 1):
            definitions.append(
                NamedStyle(
                    self.number(places),
                    font=font,
                    border=border,
                    alignment=Alignment(horizontal="right", vertical="top"),
                    number_format=number_format(places),
                )
            )
        for style in definitions:
            workbook.add_named_style(style)

    @staticmethod
    def number(places: int) -> str:
        return f"edu_number_{places}"


def text_cell(ws, value, style: str = Styles.TEXT) -> WriteOnlyCell:
    """A text cell that stays text, even when it reads "=1+1", "-5" or "#N/A"."""
    cell = WriteOnlyCell(ws, clean_text(value) if value not in (None, "") else None)
    if cell.value is not None:
        cell.data_type = "s"
    cell.style = style
    return cell


def number_cell(ws, value, places: int | None = None) -> WriteOnlyCell:
    """A number with a format showing its own decimal places (or ``places``)."""
    cell = WriteOnlyCell(ws, excel_number(value))
    cell.style = Styles.number(decimal_places(value) if places is None else places)
    return cell


def date_cell(ws, value: datetime.date | datetime.datetime | None) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    cell = WriteOnlyCell(ws, value)
    cell.style = Styles.DATE
    return cell


def blank_cell(ws, style: str = Styles.TEXT) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, None)
    cell.style = style
    return cell


def prepare_sheet(
    ws,
    *,
    widths: list[float],
    freeze: str,
    title_rows: str,
    header: str = "",
) -> None:
    """Column widths, frozen panes and a printable page: A4 landscape, one page wide,
    header rows repeated on every page, page numbers at the bottom."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    ws.print_title_rows = title_rows
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    if header:
        ws.oddHeader.center.text = clean_text(header).replace("&", "&&")
    ws.oddFooter.center.text = "Trang &P/&N"


def group_row(ws, group, *, width: int) -> list[WriteOnlyCell]:
    """A task group's heading row: its number and title, shaded across the table."""
    return [
        text_cell(ws, group.number, Styles.GROUP),
        text_cell(ws, group.title, Styles.GROUP),
    ] + [blank_cell(ws, Styles.GROUP) for _ in range(width - 2)]


def merge(ws, ref: str) -> None:
    ws.merged_cells.add(ref)


def save_workbook(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_workbook() -> Workbook:
    workbook = Workbook(write_only=True)
    Styles(workbook)
    return workbook
