"""``{% scorecard_cells row.cells %}``: one row's cells of the dashboard's indicator
scorecard (units × indicators); ``{% scorecard_rows card.rows with_counts %}``: the units'
rows, each its heading and its cells.

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
from django.utils.translation import pgettext

from directives.localization import decimal_formatter
from edu_plans.escaping import escaped

register = template.Library()


@register.simple_tag
def scorecard_cells(cells) -> SafeString:
    parts: list[str] = []
    _cell_writer()(cells, parts)
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
