"""The task chart's bars written with f-strings are the SVG the ``format_html`` writer
they replaced wrote, byte for byte, in Vietnamese and English: the writer is kept here as
the reference."""

import pytest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override

from dashboard.charts_tasks import (
    BAR_HEIGHT,
    LEGEND_HEIGHT,
    MIN_LABELLED_WIDTH,
    ROW_HEIGHT,
    SEGMENTS,
    TITLE_CHARS,
    WIDTH,
    Bar,
    _bar,
    _fill,
    _segment_labels,
    group_progress_chart,
)


def reference_bar(bar: Bar, top: int, labels: dict[str, str]) -> SafeString:
    title = Truncator(bar.title).chars(TITLE_CHARS)
    parts = [
        format_html(
            '<text x="0" y="{}" font-size="14" font-weight="600">{}</text>', top + 15, title
        )
    ]
    y = top + 22
    if bar.total == 0:
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="{}" fill="#f6f8fa" stroke="#d0d7de"/>',
                y,
                WIDTH,
                BAR_HEIGHT,
            )
        )
        summary = _("No lead task")
    else:
        x = 0.0
        for name, fill, pattern, ink in SEGMENTS:
            count = getattr(bar, name)
            if not count:
                continue
            width = WIDTH * count / bar.total
            parts.append(
                format_html(
                    '<rect class="task-bar__{}" x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}: {}</title></rect>",
                    name,
                    f"{x:.1f}",
                    y,
                    f"{width:.1f}",
                    BAR_HEIGHT,
                    _fill(fill, pattern),
                    labels[name],
                    count,
                )
            )
            if width >= MIN_LABELLED_WIDTH:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="12" font-weight="700" fill="{}" '
                        'text-anchor="middle">{}</text>',
                        f"{x + width / 2:.1f}",
                        y + 14,
                        ink,
                        count,
                    )
                )
            x += width
        summary = " · ".join(
            f"{labels[name]} {getattr(bar, name)}" for name, _fill_, _p, _i in SEGMENTS
        )
    parts.append(
        format_html('<text x="0" y="{}" font-size="12" fill="#57606a">{}</text>', y + 36, summary)
    )
    inner = format_html(
        '<g class="task-bar"><title>{}</title>{}</g>', bar.title, mark_safe("".join(parts))
    )
    if bar.url:
        return format_html('<a href="{}">{}</a>', bar.url, inner)
    return inner


BARS = [
    Bar("I. Nhiệm vụ chung", 12, 5, 3, url="/directives/6/accounting/?on=01%2F02%2F2026&group=4"),
    Bar("II. <Giáo dục> mầm non & phổ thông " + "rất dài " * 12, 0, 1, 40, url=None),
    Bar("III. Không có nhiệm vụ", 0, 0, 0, url="/x/?a=1&b=<2>"),
    Bar('IV. "Chuyển đổi số"', 1, 0, 0),
    Bar("V. Một", 1, 99, 0, url="/y/"),
]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_bar_is_what_format_html_wrote(language):
    with override(language):
        labels = _segment_labels()
        for index, bar in enumerate(BARS):
            top = LEGEND_HEIGHT + index * ROW_HEIGHT
            assert _bar(bar, top, labels) == str(reference_bar(bar, top, labels))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_chart_holds_the_bars_in_order(language):
    with override(language):
        labels = _segment_labels()
        chart = group_progress_chart(BARS, title="Tiến độ <theo> nhóm")
        expected = "".join(
            str(reference_bar(bar, LEGEND_HEIGHT + i * ROW_HEIGHT, labels))
            for i, bar in enumerate(BARS)
        )
        assert expected in chart
        assert chart.endswith(expected + "</svg>")
        assert "Tiến độ &lt;theo&gt; nhóm" in chart
