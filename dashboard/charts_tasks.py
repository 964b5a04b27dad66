"""The task panels' chart, drawn on the server as SVG: the page and the PDF show the same
picture, no script runs. Each bar's segments differ by pattern and carry their count in
words too, so that colour never carries the meaning alone."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from edu_plans.escaping import escaped

WIDTH = 640
BAR_HEIGHT = 20
ROW_HEIGHT = 66
LEGEND_HEIGHT = 34
TITLE_CHARS = 70
FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
MIN_LABELLED_WIDTH = 26  # a segment narrower than this carries no number inside it


@dataclass(frozen=True)
class Bar:
    """One task group's bar: its title, its counts and the list it links to."""

    title: str
    done: int
    in_progress: int
    overdue: int
    url: str | None = None

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.overdue


# (attribute, fill, pattern id or None, text colour inside the segment)
SEGMENTS = (
    ("done", "#0f6b3a", None, "#ffffff"),
    ("in_progress", "#9ec5e8", "tasks-dots", "#1b1f24"),
    ("overdue", "#b42318", "tasks-hatch", "#ffffff"),
)


def _segment_labels() -> dict[str, str]:
    return {
        "done": _("Completed"),
        "in_progress": _("In progress"),
        "overdue": pgettext("dashboard tasks", "Overdue"),
    }


def _defs() -> SafeString:
    # The patterns lie over the fill: dots for "in progress", stripes for "overdue".
    return mark_safe(
        "<defs>"
        '<pattern id="tasks-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#9ec5e8"/>'
        '<circle cx="3" cy="3" r="1.2" fill="#0b4f8a"/></pattern>'
        '<pattern id="tasks-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#b42318"/>'
        '<rect width="2" height="6" fill="#ffffff" fill-opacity="0.55"/></pattern>'
        "</defs>"
    )


def _fill(fill: str, pattern: str | None) -> str:
    return f"url(#{pattern})" if pattern else fill


def _legend(labels: dict[str, str]) -> SafeString:
    items, x = [], 0
    for name, fill, pattern, _ink in SEGMENTS:
        items.append(
            format_html(
                '<rect x="{}" y="8" width="16" height="16" fill="{}" stroke="#1b1f24" '
                'stroke-width="0.5"/><text x="{}" y="21" font-size="13">{}</text>',
                x,
                _fill(fill, pattern),
                x + 22,
                labels[name],
            )
        )
        x += 22 + 9 * len(labels[name]) + 24
    return format_html('<g class="task-chart__legend">{}</g>', mark_safe("".join(items)))


def _bar(bar: Bar, top: int, labels: dict[str, str]) -> str:
    """One bar's SVG, escaped as ``format_html`` escapes (tests/dashboard/test_task_chart.py
    keeps the ``format_html`` writer it replaced): the chart has a bar a task group."""
    title = escaped(Truncator(bar.title).chars(TITLE_CHARS))
    parts = [f'<text x="0" y="{top + 15}" font-size="14" font-weight="600">{title}</text>']
    y = top + 22
    if bar.total == 0:
        parts.append(
            f'<rect x="0" y="{y}" width="{WIDTH}" height="{BAR_HEIGHT}" fill="#f6f8fa" '
            'stroke="#d0d7de"/>'
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
                f'<rect class="task-bar__{name}" x="{x:.1f}" y="{y}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT}" fill="{escaped(_fill(fill, pattern))}">'
                f"<title>{escaped(labels[name])}: {count}</title></rect>"
            )
            if width >= MIN_LABELLED_WIDTH:
                parts.append(
                    f'<text x="{x + width / 2:.1f}" y="{y + 14}" font-size="12" '
                    f'font-weight="700" fill="{ink}" text-anchor="middle">{count}</text>'
                )
            x += width
        summary = " · ".join(
            f"{labels[name]} {getattr(bar, name)}" for name, _fill_, _p, _i in SEGMENTS
        )
    parts.append(
        f'<text x="0" y="{y + 36}" font-size="12" fill="#57606a">{escaped(summary)}</text>'
    )
    inner = f'<g class="task-bar"><title>{escaped(bar.title)}</title>{"".join(parts)}</g>'
    if bar.url:
        return f'<a href="{escaped(bar.url)}">{inner}</a>'
    return inner


def group_progress_chart(bars: Sequence[Bar], *, title: str) -> SafeString:
    """A horizontal stacked bar per task group (completed, in progress, overdue), each
    segment as wide as its share of the group's tasks, the counts written out beneath."""
    labels = _segment_labels()
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(bars)
    # Each bar escapes its own text.
    rows = "".join(_bar(bar, LEGEND_HEIGHT + i * ROW_HEIGHT, labels) for i, bar in enumerate(bars))
    rows = mark_safe(rows)  # noqa: S308
    return format_html(
        '<svg class="task-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {} {}" width="{}" height="{}" font-family="{}" fill="#1b1f24">'
        "<title>{}</title>{}{}{}</svg>",
        WIDTH,
        height,
        WIDTH,
        height,
        FONT,
        title,
        _defs(),
        _legend(labels),
        rows,
    )
