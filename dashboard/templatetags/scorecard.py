"""``{% scorecard_cells row.cells %}``: one row's cells of the dashboard's indicator
scorecard (units × indicators); ``{% scorecard_rows card.rows with_counts %}``: the units'
rows, each its heading and its cells; ``{% scorecard_columns card.columns %}``: the
indicators' column headings; ``{% scorecard_print card with_counts %}``: the
scorecard as the dashboard's PDF prints it, a few indicators a table.

Written in Python rather than as an included template: a province's forty units under
twenty-odd indicators make about nine hundred cells, and including a template for each,
with its filters, cost about a third of the dashboard. Each cell: the unit's value,
linked to where it comes from, its target, and the judgement as a symbol and a word; an
empty cell says, for screen readers, that the unit has no target.
"""

from collections.abc import Callable
from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from directives.localization import decimal_formatter
from edu_plans.escaping import escaped

register = template.Library()


@register.simple_tag
def scorecard_cells(cells) -> SafeString:
    parts: list[str] = []
    _cell_writer()(cells, parts)
    return mark_safe("".join(parts))


@register.simple_tag
def scorecard_columns(columns) -> SafeString:
    """The indicators' column headings: each its number (TT), its name on hovering, and
    the link that sorts the units by it (``aria-sort`` on the column sorted by)."""
    tt = escaped(gettext("No. (TT)"))
    parts = []
    for indicator, link in columns:
        order = f' aria-sort="{escaped(link.order)}"' if link.order else ""
        parts.append(
            f'<th scope="col" class="num"{order}><a href="{escaped(link.url)}" '
            f'title="{escaped(indicator.name)}">{tt} {escaped(indicator.order)}</a></th>'
        )
    return mark_safe("".join(parts))


@register.simple_tag
def scorecard_rows(rows, with_counts) -> SafeString:
    """The units' rows of the scorecard: the unit with the link to its trend, with
    ``with_counts`` its rank and its numbers of indicators met and in progress, then its
    cells."""
    trend_word = escaped(pgettext("indicator panels", "trend"))
    write_cells = _cell_writer()
    parts = []
    for row in rows:
        parts.append(
            f'\n    <tr>\n      <th scope="row">{escaped(row.agency)} <a class="small" '
            f'href="{escaped(row.trend_url)}">{trend_word}</a></th>\n      '
        )
        if with_counts:
            parts.append(
                f'<td class="num scorecard__rank">{escaped(row.rank)}</td>'
                f'<td class="num">{escaped(row.met)}</td>'
                f'<td class="num">{escaped(row.progress)}</td>'
            )
        parts.append("\n      ")
        write_cells(row.cells, parts)
        parts.append("\n    </tr>\n    ")
    return mark_safe("".join(parts))


# Indicators a table of the printed comparison: with the unit and its three counts,
# eight columns of "32,39 / 32,8 ↗ Tiến bộ" fill the width of an A4 landscape page.
PRINT_COLUMNS = 8


@register.simple_tag
def scorecard_print(card, with_counts) -> SafeString:
    """The comparison to print: twenty-odd indicator columns run off a page, so they are
    split into tables of ``PRINT_COLUMNS``, each with the province's row and every unit's
    (all the pages the screen shows fifty at a time), and under it the names of its
    columns' indicators, which the screen gives on hovering a heading. The first table
    carries the units' rank and counts; no row links to the trends page."""
    tt = escaped(gettext("No. (TT)"))
    head_unit = f'<th scope="col" class="scorecard__unit">{escaped(gettext("Unit"))}</th>'
    head_counts = "".join(
        f'<th scope="col" class="num scorecard__count">{escaped(word)}</th>'
        for word in (pgettext("indicator panels", "Rank"), gettext("Met"), gettext("Progress"))
    )
    province = escaped(pgettext("indicator panels", "Whole province"))
    write_cells = _cell_writer()
    indicators = [indicator for indicator, _link in card.columns]
    parts = []
    for start in range(0, len(indicators), PRINT_COLUMNS):
        shown = indicators[start : start + PRINT_COLUMNS]
        stop = start + len(shown)
        counts = with_counts and start == 0
        heads = "".join(
            f'<th scope="col" class="num">{tt} {escaped(indicator.order)}</th>'
            for indicator in shown
        )
        parts.append(
            '\n<table class="table table--compact scorecard scorecard--print">\n  <thead><tr>'
            f"{head_unit}{head_counts if counts else ''}{heads}</tr></thead>\n  <tbody>\n"
            f'    <tr class="scorecard__province"><th scope="row">{province}</th>'
            f"{'<td></td>' * 3 if counts else ''}"
        )
        write_cells(card.province.cells[start:stop], parts)
        parts.append("</tr>")
        for row in card.listed:
            parts.append(f'\n    <tr><th scope="row">{escaped(row.agency)}</th>')
            if counts:
                parts.append(
                    f'<td class="num scorecard__rank">{escaped(row.rank)}</td>'
                    f'<td class="num">{escaped(row.met)}</td>'
                    f'<td class="num">{escaped(row.progress)}</td>'
                )
            write_cells(row.cells[start:stop], parts)
            parts.append("</tr>")
        key = "; ".join(
            f"{tt} {escaped(indicator.order)}: {escaped(indicator.name)}" for indicator in shown
        )
        parts.append(f'\n  </tbody>\n</table>\n<p class="scorecard__key small">{key}.</p>')
    return mark_safe("".join(parts))


def _cell_writer() -> Callable[[list, list[str]], None]:
    """A writer of rows of cells in the active language, appending each row's HTML to a
    list of parts. A row's cells share its report's address, and units share targets and
    values: each distinct number and address is formatted and escaped once a writer."""
    no_target = escaped(pgettext("indicator panels", "no target for this unit"))
    format_decimal = decimal_formatter()
    # A scorecard has four marks; each one's HTML is written once a writer.
    judged: dict[int, tuple[str, str]] = {}
    urls: dict[str, str] = {}
    numbers: dict[Decimal, str] = {}

    def number(value) -> str:
        if value is None:
            return "—"  # a unit's figure not approved yet: half the cells of a new period
        if type(value) is Decimal and value.is_finite():
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = escaped(format_decimal(value) or "—")
            return found
        return escaped(format_decimal(value) or "—")

    def write(cells, parts: list[str]) -> None:
        for cell in cells:
            if not cell:
                parts.append(
                    f'<td class="scorecard__cell"><span class="visually-hidden">{no_target}'
                    "</span></td>"
                )
                continue
            mark = cell.mark
            found = judged.get(id(mark))
            if found is None:
                key = escaped(mark.key)
                found = judged[id(mark)] = (
                    key,
                    f'<span class="judgement judgement--{key}"><span aria-hidden="true">'
                    f"{escaped(mark.symbol)}</span> {escaped(mark.word)}</span>",
                )
            key, judgement = found
            target = (
                f'<span class="muted"> / {number(cell.target)}</span>'
                if cell.target is not None
                else ""
            )
            url = urls.get(cell.url)
            if url is None:
                url = urls[cell.url] = escaped(cell.url)
            parts.append(
                f'<td class="num scorecard__cell scorecard__cell--{key}">'
                f'<a href="{url}">{number(cell.value)}</a>{target}<br>{judgement}</td>'
            )

    return write
