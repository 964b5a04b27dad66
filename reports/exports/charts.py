"""Charts for the PDFs as plain SVG strings, drawn on the server.

WeasyPrint runs no JavaScript and ignores ``foreignObject``, and SVG text does not inherit
the page's font, so every ``<text>`` names the face itself. Numbers are formatted in the
active language ("99,85" under Vietnamese).
"""

import math
from decimal import Decimal

from django.utils.html import escape

from directives.localization import format_decimal
from indicators.rollup import Judgement

FONT = "Liberation Serif"
# Drawn at 1 unit = 1 CSS px (0.75 pt) and shown at about the text width of an A4 page,
# so a 12-unit label prints at about 9 pt.
WIDTH = 620
LABEL_WIDTH = 270
VALUE_WIDTH = 62
PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH
FIRST_ROW = 28
ROW_HEIGHT = 19
BAR_HEIGHT = 13
COLOURS = {
    Judgement.MET: "#2e7d32",
    Judgement.PROGRESS: "#c77800",
    Judgement.NOT_MET: "#c62828",
    None: "#78909c",
}
LEGEND = [
    (Judgement.MET, "Đạt"),
    (Judgement.PROGRESS, "Tiến bộ"),
    (Judgement.NOT_MET, "Chưa đạt"),
    (None, "Chưa đánh giá"),
]


def _text(x, y, content, *, size=12, anchor="start", weight="normal", fill="#000") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" text-anchor="{anchor}" fill="{fill}">{escape(content)}</text>'
    )


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _axis(largest: Decimal | None, *, at_least: int) -> tuple[Decimal, Decimal]:
    """The top of the axis and its step: at most five round steps (1, 2, 2,5 or 5 times a
    power of ten) that reach the largest value, and never below ``at_least``."""
    reach = max(Decimal(at_least), largest or Decimal(0))
    raw = reach / 5
    power = Decimal(10) ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, Decimal("2.5"), 5, 10) if power * m >= raw)
    return (reach / step).to_integral_value(rounding="ROUND_CEILING") * step, step


def _legend(y: float) -> str:
    parts, x = [], LABEL_WIDTH
    for judgement, label in LEGEND:
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="11" height="11" fill="{COLOURS[judgement]}"/>'
        )
        parts.append(_text(x + 15, y, label, size=11))
        x += 28 + 6 * len(label)
    return "".join(parts)


def _bar(
    y: float, label: str, amount: Decimal | None, top: Decimal, colour: str, shown: str
) -> str:
    """One row: its label right-aligned before the axis, the bar, the figure after it."""
    baseline = y + BAR_HEIGHT - 2
    parts = [_text(LABEL_WIDTH - 6, baseline, label, size=11, anchor="end")]
    if amount is None:
        parts.append(_text(LABEL_WIDTH + 4, baseline, "chưa có số liệu", size=11, fill="#455a64"))
        return "".join(parts)
    length = PLOT_WIDTH * float(min(max(amount, Decimal(0)), top) / top)
    parts.append(
        f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{length:.1f}" height="{BAR_HEIGHT}" '
        f'fill="{colour}"/>'
    )
    parts.append(_text(LABEL_WIDTH + length + 4, baseline, shown, size=11))
    return "".join(parts)


def _x(amount: Decimal, top: Decimal) -> float:
    return LABEL_WIDTH + PLOT_WIDTH * float(min(amount, top) / top)


def _grid(top: Decimal, step: Decimal, bottom: float, *, marked: int | None = None) -> str:
    """Vertical lines at each step of the axis with their figures under the plot;
    ``marked`` (100 % for achievement) is drawn in black."""
    parts, tick = [], Decimal(0)
    while tick <= top:
        x = _x(tick, top)
        parts.append(
            f'<line x1="{x:.1f}" y1="{FIRST_ROW - 4}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="#b0bec5" stroke-width="0.6"/>'
        )
        parts.append(_text(x, bottom + 14, format_decimal(tick), size=11, anchor="middle"))
        tick += step
    if marked is not None and marked <= top:
        x = _x(Decimal(marked), top)
        parts.append(
            f'<line x1="{x:.1f}" y1="{FIRST_ROW - 4}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="#000" stroke-width="1.2"/>'
        )
    return "".join(parts)


def _svg(rows: int, body: list[str], title: str, heading: str) -> str:
    bottom = FIRST_ROW + ROW_HEIGHT * rows
    height = bottom + 42
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img"><title>{escape(title)}</title>'
        + _text(LABEL_WIDTH, 15, heading, weight="bold")
        + "".join(body)
        + _legend(bottom + 36)
        + "</svg>"
    )


def achievement_bar_chart(rows) -> str:
    """One horizontal bar per indicator: its province value as a percentage of the
    target, coloured by judgement, with a black line at 100 %. ``rows`` are RollupRows;
    an indicator without an achievement says "chưa có số liệu"."""
    rows = list(rows)
    achieved = [row.achievement for row in rows if row.achievement is not None]
    # Far beyond the target (a target near zero), bars stop at 200 % with the figure shown.
    top, step = _axis(min(max(achieved, default=Decimal(0)), Decimal(200)), at_least=100)
    bottom = FIRST_ROW + ROW_HEIGHT * len(rows)
    body = [_grid(top, step, bottom, marked=100)]
    for index, row in enumerate(rows):
        label = f"{row.indicator.order}. {_shorten(row.indicator.name, 42)}"
        shown = f"{format_decimal(row.achievement)}%" if row.achievement is not None else ""
        body.append(
            _bar(
                FIRST_ROW + index * ROW_HEIGHT,
                label,
                row.achievement,
                top,
                COLOURS[row.judgement],
                shown,
            )
        )
    return _svg(
        len(rows),
        body,
        "Tỷ lệ đạt so với chỉ tiêu của từng chỉ tiêu",
        "Tỷ lệ đạt so với chỉ tiêu (%)",
    )


def unit_values_chart(indicator_row) -> str:
    """One horizontal bar per unit for one indicator (a RollupRow): the unit's value,
    coloured by its own judgement, with a black tick at the unit's own target."""
    units = indicator_row.units
    indicator = indicator_row.indicator
    numbers = [u.value for u in units if u.value is not None]
    numbers += [u.target for u in units if u.target is not None]
    if indicator.unit.strip() == "%":
        top, step = Decimal(100), Decimal(25)
    else:
        top, step = _axis(max(numbers, default=None), at_least=5)
    bottom = FIRST_ROW + ROW_HEIGHT * len(units)
    body = [_grid(top, step, bottom)]
    for index, unit in enumerate(units):
        y = FIRST_ROW + index * ROW_HEIGHT
        name = _shorten(unit.agency.short_name or unit.agency.name, 40)
        body.append(
            _bar(y, name, unit.value, top, COLOURS[unit.judgement], format_decimal(unit.value))
        )
        if unit.target is not None:
            x = _x(unit.target, top)
            body.append(
                f'<line x1="{x:.1f}" y1="{y - 3}" x2="{x:.1f}" y2="{y + BAR_HEIGHT + 3}" '
                f'stroke="#000" stroke-width="2.5"/>'
            )
    return _svg(
        len(units),
        body,
        f"Số liệu của các đơn vị: {indicator.order}. {indicator.name}",
        f"Đơn vị tính: {indicator.unit} (vạch đen: chỉ tiêu giao cho đơn vị)",
    )
