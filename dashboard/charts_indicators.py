"""The indicator trend chart as an SVG string drawn on the server: the page and a PDF show
the same picture. No JavaScript, no inline style: presentation attributes only, every
``<text>`` names its face (WeasyPrint does not pass the page's font into SVG), every piece
of text escaped. The province line is solid with round markers, the unit's dashed with
square ones, and the target a labelled dotted line, so that no colour carries meaning
alone; the numbers are in the table the template puts under the chart."""

from decimal import Decimal
from html import escape as _escape

from django.utils.translation import pgettext

from directives.localization import format_decimal
from reports.exports.charts import FONT

WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 46, 14, 36
PROVINCE_COLOUR = "#0b4f8a"
UNIT_COLOUR = "#7a4b00"
TARGET_COLOUR = "#0f6b3a"


def escape(text) -> str:
    """``django.utils.html.escape`` (safe text escaped too) without its lazy-text wrapper:
    a dashboard draws twenty-odd charts of a dozen texts each."""
    return _escape(str(text))


def _text(x, y, content, *, size=10, anchor="middle", fill="#1b1f24") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="{fill}">{escape(content)}</text>'
    )


def _scale(numbers: list[Decimal]) -> tuple[Decimal, Decimal]:
    """The bottom and top of the value axis: the numbers' range with a margin, never flat."""
    low, high = min(numbers), max(numbers)
    spread = (high - low) / 8
    margin = spread or abs(low) / 10 or Decimal(1)
    bottom = low - margin
    if low >= 0 > bottom:
        bottom = Decimal(0)  # counts and rates do not go below zero
    return bottom, high + margin


def trend_chart(
    *,
    title: str,
    labels: list[str],
    province: list[Decimal | None],
    target: Decimal | None,
    unit: list[Decimal | None] | None = None,
    unit_name: str = "",
    unit_inherited: list[bool] | None = None,
) -> str:
    """A small line chart: one point per label (the baseline, then each period) for the
    province, and for a unit when ``unit`` is given; a dotted line at the target. A unit's
    points marked in ``unit_inherited`` are those of the agencies it was formed from:
    hollow squares, and no line joins them to the unit's own."""
    numbers = [n for n in province + (unit or []) if n is not None]
    if target is not None:
        numbers.append(target)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">'
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        f'stroke="#8c959f" stroke-width="1"/>',
    ]
    if not numbers:
        parts.append(
            _text(
                WIDTH / 2, HEIGHT / 2, pgettext("indicator panels", "no data yet"), fill="#57606a"
            )
        )
        return "".join(parts) + "</svg>"
    low, high = _scale(numbers)
    step = plot_w / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return LEFT + (index * step if len(labels) > 1 else plot_w / 2)

    def y(number: Decimal) -> float:
        return TOP + plot_h * float((high - number) / (high - low))

    for number in (low, high):
        shown = format_decimal(number.quantize(Decimal("0.1")))
        parts.append(_text(LEFT - 4, y(number) + 3, shown, size=9, anchor="end"))
    for index, label in enumerate(labels):
        parts.append(_text(x(index), HEIGHT - BOTTOM + 14, _shorten(label, 16), size=9))
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{LEFT + plot_w}" y2="{ty:.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="1.2" stroke-dasharray="2 3"/>'
        )
        parts.append(
            _text(
                LEFT + plot_w + 4,
                ty + 3,
                pgettext("indicator panels", "target"),
                size=9,
                anchor="start",
                fill=TARGET_COLOUR,
            )
        )
    parts += _series(province, x, y, colour=PROVINCE_COLOUR, square=False)
    if unit is not None:
        inherited = unit_inherited or [False] * len(unit)
        # Two runs, so that the line breaks where the unit's own figures begin.
        before = [n if was else None for n, was in zip(unit, inherited, strict=True)]
        own = [None if was else n for n, was in zip(unit, inherited, strict=True)]
        parts += _series(before, x, y, colour=UNIT_COLOUR, square=True, hollow=True)
        parts += _series(own, x, y, colour=UNIT_COLOUR, square=True)
    legend = [(pgettext("indicator panels", "— province"), PROVINCE_COLOUR)]
    if unit is not None:
        legend.append((f"-- {unit_name}", UNIT_COLOUR))
    for index, (name, colour) in enumerate(legend):
        parts.append(
            _text(LEFT + index * 130, HEIGHT - 6, _shorten(name, 24), size=9, anchor="start",
                  fill=colour)
        )  # fmt: skip
    return "".join(parts) + "</svg>"


def _series(numbers, x, y, *, colour: str, square: bool, hollow: bool = False) -> list[str]:
    """A line through the points that have a number (a gap where a period has none), a
    marker and the figure at each point."""
    parts, run = [], []
    runs = []
    for index, number in enumerate(numbers):
        if number is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append((x(index), y(number)))
    if run:
        runs.append(run)
    dash = ' stroke-dasharray="5 3"' if square else ""
    for points in runs:
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
    for index, number in enumerate(numbers):
        if number is None:
            continue
        px, py = x(index), y(number)
        if square:
            fill = (
                f'fill="#ffffff" stroke="{colour}" stroke-width="1.5"'
                if hollow
                else (f'fill="{colour}"')
            )
            parts.append(
                f'<rect x="{px - 3.5:.1f}" y="{py - 3.5:.1f}" width="7" height="7" {fill}/>'
            )
        else:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>')
        offset = 12 if square else -7
        parts.append(_text(px, py + offset, format_decimal(number), size=9, fill=colour))
    return parts


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
