"""The reporting panel's chart, drawn on the server as SVG (the page and a PDF show the
same picture); its numbers are in the table beside it."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 320
BAR_HEIGHT = 18
ROW_HEIGHT = 44
FONT = "DejaVu Sans, Arial, sans-serif"


def rate_bars(rates: list[tuple[str, Decimal | None]]) -> SafeString:
    """One horizontal bar per rate (0 to 100 %) with its label and value written above
    it, so that neither colour nor length alone carries the number and the chart stays
    narrow on a phone."""
    height = ROW_HEIGHT * len(rates) + 4
    rows = []
    for index, (label, value) in enumerate(rates):
        top = index * ROW_HEIGHT
        share = float(value or 0) / 100
        text = f"{label}: {number_format(value, 1)} %" if value is not None else f"{label}: —"
        rows.append(
            (
                top + 14,
                FONT,
                text,
                top + 20,
                WIDTH,
                BAR_HEIGHT,
                top + 20,
                round(WIDTH * min(max(share, 0), 1), 1),
                BAR_HEIGHT,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" font-family="{}" font-size="13" fill="#0b0c0c">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" fill="#e6e8ea"/>'
        '<rect x="0" y="{}" width="{}" height="{}" fill="#1d70b8" class="rate-bar"/>',
        rows,
    )
    title = _("Reporting rates, percent of the reports expected")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--rates" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-label="{}"><title>{}</title>{}</svg>',
        WIDTH,
        height,
        title,
        title,
        body,  # built by format_html_join: every value escaped
    )
