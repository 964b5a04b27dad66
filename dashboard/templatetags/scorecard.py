"""``{% scorecard_cells row.cells %}``: one row's cells of the dashboard's indicator
scorecard (units × indicators).

Written in Python rather than as an included template: a province's forty units under
twenty-odd indicators make about nine hundred cells, and including a template for each,
with its filters, cost about a third of the dashboard. Each cell: the unit's value,
linked to where it comes from, its target, and the judgement as a symbol and a word; an
empty cell says, for screen readers, that the unit has no target.
"""

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from directives.localization import decimal_formatter
from edu_plans.escaping import escaped

register = template.Library()


@register.simple_tag
def scorecard_cells(cells) -> SafeString:
    no_target = escaped(pgettext("indicator panels", "no target for this unit"))
    format_decimal = decimal_formatter()
    # A scorecard has four marks; each one's HTML is written once a call.
    judged: dict[int, tuple[str, str]] = {}
    # A row's cells share its report's address, and units share targets and values:
    # each distinct one is formatted and escaped once a call.
    urls: dict[str, str] = {}
    numbers: dict[Decimal, str] = {}

    def number(value) -> str:
        if type(value) is Decimal and value.is_finite():
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = escaped(format_decimal(value) or "—")
            return found
        return escaped(format_decimal(value) or "—")

    parts = []
    for cell in cells:
        if not cell:
            parts.append(
                f'<td class="scorecard__cell"><span class="visually-hidden">{no_target}</span></td>'
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
    return mark_safe("".join(parts))
