"""The official PDFs: a directive, a unit's progress report, the province synthesis.

Laid out after Nghị định 30/2020/NĐ-CP: A4, margins 20/15/20/30 mm, a Times-metric serif
with every Vietnamese glyph (Liberation Serif), the header block of an official document,
page numbers in the top margin from page 2 on. The documents are Vietnamese by law, so
their text is written in Vietnamese in the templates and rendered under the Vietnamese
locale ("99,85"), whatever language the user reads the site in.
"""

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from weasyprint.urls import URLFetcher

from directives.models import Agency, Directive
from directives.selectors import directive_detail
from reports.exports.charts import achievement_bar_chart, unit_values_chart
from reports.exports.synthesis import synthesis_data, synthesising_agency
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import report_page

# Agencies whose documents name their superior above them ("UBND TỈNH LAI CHÂU" over
# "SỞ GIÁO DỤC VÀ ĐÀO TẠO"); people's committees and the province itself do not.
SUBORDINATE_KINDS = {
    Agency.Kind.DEPARTMENT,
    Agency.Kind.DISTRICT_OFFICE,
    Agency.Kind.SCHOOL,
    Agency.Kind.UNIT,
}
# The document type as printed in the title block and in running text.
DOC_TYPE_NAMES = {
    Directive.DocType.CHI_THI: "Chỉ thị",
    Directive.DocType.KE_HOACH: "Kế hoạch",
    Directive.DocType.QUYET_DINH: "Quyết định",
    Directive.DocType.CONG_VAN: "Công văn",
    Directive.DocType.NGHI_QUYET: "Nghị quyết",
    Directive.DocType.THONG_BAO: "Thông báo",
    Directive.DocType.BAO_CAO: "Báo cáo",
}


# Who signs for an agency, as the signature block prints it.
SIGNER_TITLES = {
    Agency.Kind.PROVINCE: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    Agency.Kind.DISTRICT: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    Agency.Kind.COMMUNE: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    Agency.Kind.DEPARTMENT: ["GIÁM ĐỐC"],
    Agency.Kind.DISTRICT_OFFICE: ["TRƯỞNG PHÒNG"],
    Agency.Kind.SCHOOL: ["HIỆU TRƯỞNG"],
}
DEFAULT_SIGNER_TITLE = ["THỦ TRƯỞNG ĐƠN VỊ"]
# An agency's name breaks before its locality, as headers print it:
# "ỦY BAN NHÂN DÂN / TỈNH LAI CHÂU", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO / HUYỆN PHONG THỔ".
LOCALITY_WORDS = (" TỈNH ", " THÀNH PHỐ ", " HUYỆN ", " THỊ XÃ ", " QUẬN ", " XÃ ", " PHƯỜNG ")


@dataclass
class OfficialHeader:
    """The header block: issuer and number on the left, national motto and date on the right."""

    superior: str  # "" when the issuer names no superior
    issuer_lines: list[str]
    reference: str | None  # None leaves the "Số:" line out
    place_and_date: str


def official_date(day: datetime.date | None, place: str = "") -> str:
    """Place and date as a document prints them: "Lai Châu, ngày 17 tháng 9 năm 2024".

    Days below 10 and the months January and February take a leading zero (Nghị định
    30/2020, phụ lục I); an undated document leaves the blanks to fill in by hand."""
    if day is None:
        text = "ngày ... tháng ... năm ..."
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def name_lines(name: str) -> list[str]:
    """An agency's name in upper case, broken before its locality."""
    upper = " ".join(name.split()).upper()
    cuts = [upper.find(word) for word in LOCALITY_WORDS if upper.find(word) > 0]
    if not cuts:
        return [upper]
    cut = min(cuts)
    return [upper[:cut], upper[cut + 1 :]]


def official_header(
    issuer: Agency, *, reference: str | None, day: datetime.date | None, place: str = ""
) -> OfficialHeader:
    superior, lines = "", name_lines(issuer.name)
    if issuer.kind in SUBORDINATE_KINDS and issuer.parent is not None:
        superior = " ".join((issuer.parent.short_name or issuer.parent.name).split()).upper()
        if len(lines) > 1 and superior.endswith(lines[-1]):
            lines = lines[:-1]  # "UBND TỈNH LAI CHÂU" above says the province already
    return OfficialHeader(
        superior=superior,
        issuer_lines=lines,
        reference=reference,
        place_and_date=official_date(day, place),
    )


# The words that name a locality in an agency's name: "tỉnh Lai Châu", "xã Mường So".
LOCALITY_RE = re.compile(
    r"\b(?i:tỉnh|thành phố|huyện|thị xã|thị trấn|quận|xã|phường|đặc khu)\s+(?P<name>[^,;()]+)"
)
# Words that give no letter to the abbreviation in a symbol ("Sở Giáo dục và Đào tạo").
UNLETTERED = {"và", "-", "&", "–"}
# What a report's number line shows until the office gives it a number.
BLANK_NUMBER = "\u00a0" * 8


def place_of(agency: Agency) -> str:
    """The place name (địa danh) an agency's documents are dated at: the province, district
    or commune its name, or failing that its parent's, says it belongs to (Nghị định
    30/2020, phụ lục I): "Lai Châu" for Sở Giáo dục và Đào tạo tỉnh Lai Châu."""
    current = agency
    while current is not None:
        for match in LOCALITY_RE.finditer(" ".join(current.name.split())):
            name = match["name"].strip()
            if name[:1].isupper():  # "Xã hội" in "Phòng Văn hóa - Xã hội" is no locality
                return name
        current = current.parent
    return ""


def symbol_letters(agency: Agency) -> str:
    """The issuer's letters in a document's symbol: the initials of its name before the
    locality, "SGDĐT" for Sở Giáo dục và Đào tạo tỉnh Lai Châu, "UBND" for Ủy ban nhân dân
    huyện Phong Thổ; Đ keeps its stroke, other letters lose their marks."""
    name = " ".join(agency.name.split())
    for match in LOCALITY_RE.finditer(name):
        if match["name"].strip()[:1].isupper():
            name = name[: match.start()]
            break
    letters = []
    for word in name.split():
        if word.lower() in UNLETTERED or not word[0].isalpha():
            continue
        initial = word[0].upper()
        letters.append(initial if initial == "Đ" else unicodedata.normalize("NFD", initial)[0])
    return "".join(letters)


def report_reference(agency: Agency, number: str = "") -> str:
    """A Báo cáo's number and symbol: "12/BC-SGDĐT", or the number left blank for the
    office to fill in by hand when none is given: "      /BC-SGDĐT"."""
    return f"{number.strip() or BLANK_NUMBER}/BC-{symbol_letters(agency)}"


def directive_name(directive: Directive) -> str:
    """How running text names a directive: "Kế hoạch số 3707/KH-UBND", or without a
    number "Chỉ thị ngày 08/9/2020 của Ủy ban nhân dân tỉnh Bắc Giang"."""
    kind = DOC_TYPE_NAMES.get(directive.doc_type, directive.get_doc_type_display())
    if directive.number:
        return f"{kind} số {directive.reference}"
    if directive.issued_on:
        return f"{kind} ngày {directive.issued_on:%d/%m/%Y} của {directive.issuer.name}"
    return f"{kind} của {directive.issuer.name}"


def attached_to(directive: Directive) -> str:
    """What an appendix says it belongs to: "Kế hoạch số 3707/KH-UBND ngày 17 tháng 9
    năm 2024 của Ủy ban nhân dân tỉnh Lai Châu"."""
    if directive.number and directive.issued_on:
        return (
            f"{directive_name(directive)} {official_date(directive.issued_on)} "
            f"của {directive.issuer.name}"
        )
    return directive_name(directive)


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def in_vietnamese(function):
    """Run an export under the Vietnamese locale whatever language is active, so that
    numbers, dates, choice labels and the figures in the charts read "99,85", "Đã duyệt".

    A fresh ``override`` per call: one shared instance keeps the previous language on
    itself, which concurrent requests would overwrite."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return function(*args, **kwargs)

    return wrapper


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a PDF template and return the PDF's bytes.

    Everything the documents show is in the HTML (charts as inline SVG), so nothing is
    fetched: text from the database can never make the renderer read a file or a URL.
    """
    html = render_to_string(template_name, context)
    document = weasyprint.HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        url_fetcher=URLFetcher(allowed_protocols=()),
    )
    return document.write_pdf()


@in_vietnamese
def directive_pdf(directive: Directive) -> bytes:
    """The directive as an official document, with its tasks, agencies and appendix."""
    detail = directive_detail(pk=directive.pk)
    directive = detail.directive
    preamble = directive.preamble
    return render_pdf(
        "reports/pdf/directive.html",
        {
            "header": official_header(
                directive.issuer,
                reference=directive.reference or None,
                day=directive.issued_on,
                place=directive.place,
            ),
            "directive": directive,
            "detail": detail,
            "doc_type_name": DOC_TYPE_NAMES.get(directive.doc_type, ""),
            "attached_to": attached_to(directive),
            # A reference the opening text quotes already is not printed twice.
            "references": [r for r in directive.references.all() if r.text not in preamble],
            "capacity_lines": [
                line.strip().upper()
                for line in directive.signer_capacity.splitlines()
                if line.strip()
            ],
        },
    )


@in_vietnamese
def report_pdf(report: ProgressReport, *, number: str = "") -> bytes:
    """One unit's progress report for a period, with its status and the review; ``number``
    is the report's number when the office has given it one."""
    report = ProgressReport.objects.select_related(
        "agency__parent",
        "period__directive__issuer",
        "period__created_by__agency",
        "period__school_year",
        "submitted_by",
        "reviewed_by",
    ).get(pk=report.pk)
    page = report_page(report)
    return render_pdf(
        "reports/pdf/report.html",
        {
            "header": official_header(
                report.agency,
                reference=report_reference(report.agency, number),
                day=_local_day(report.submitted_at),
                place=place_of(report.agency),
            ),
            "report": report,
            "page": page,
            "directive_name": directive_name(report.period.directive),
            "recipient": synthesising_agency(report.period),
            "signer_lines": SIGNER_TITLES.get(report.agency.kind, DEFAULT_SIGNER_TITLE),
        },
    )


def _no_progress(step: str, percent: int) -> None:
    return None


@in_vietnamese
def synthesis_pdf(period: ReportingPeriod, *, number: str = "", progress=_no_progress) -> bytes:
    """The province synthesis report of a period: completeness, task status, indicators
    and their charts, units' difficulties and proposals; ``number`` as for report_pdf.
    ``progress(step, percent)`` hears of each stage (a background job shows it)."""
    units = period.reports.count()
    progress(
        ngettext(
            "Gathering the figures of %(count)s unit",
            "Gathering the figures of %(count)s units",
            units,
        )
        % {"count": units},
        10,
    )
    data = synthesis_data(period)
    progress(_("Building the PDF file"), 50)
    return render_pdf(
        "reports/pdf/synthesis.html",
        {
            "header": official_header(
                data.issuer,
                reference=report_reference(data.issuer, number),
                day=timezone.localdate(),
                place=place_of(data.issuer),
            ),
            "data": data,
            "period": data.period,
            "directive_name": directive_name(data.period.directive),
            "signer_lines": SIGNER_TITLES.get(data.issuer.kind, DEFAULT_SIGNER_TITLE),
            # The charts are drawn here from numbers only; names inside are escaped.
            "achievement_chart": mark_safe(achievement_bar_chart(data.indicators)),
            "unit_charts": [
                (row, mark_safe(unit_values_chart(row))) for row in data.key_indicators
            ],
        },
    )
