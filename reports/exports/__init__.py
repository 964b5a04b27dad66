"""Exports of directives and reports: PDF (WeasyPrint) and Excel (openpyxl).

Exporters take plain data from selectors and return bytes; views only set headers.
"""

from django.utils.text import slugify

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(*parts) -> str:
    """A download's name from its parts, in ASCII: "bao-cao-3707-kh-ubnd-hoc-ky-i"."""
    return "-".join(slugify(str(part)) for part in parts if part) or "edu-plans"


def period_file_name(period, fmt: str) -> str:
    """The name of a period's synthesis PDF or workbook."""
    stem = file_stem("bao-cao", period.directive.number, period.directive.symbol, period.name)
    return f"{stem}.{fmt}"
