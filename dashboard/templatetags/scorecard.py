"""``{% scorecard_cells row.cells %}``: one row's cells of the dashboard's indicator
scorecard (units × indicators).

Written in Python rather than as an included template: a province's forty units under
twenty-odd indicators make about nine hundred cells, and including a template for each,
with its filters, cost about a third of the dashboard. Each cell: the unit's value,
linked to where it comes from, its target, and the judgement as a symbol and a word; an
empty cell says, for screen readers, that the unit has no target.
"""

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
            f'<span class="muted"> / {escaped(format_decimal(cell.target))}</span>'
            if cell.target is not None
            else ""
        )
        parts.append(
            f'<td class="num scorecard__cell scorecard__cell--{key}">'
            f'<a href="{escaped(cell.url)}">'
            f"{escaped(format_decimal(cell.value) or '—')}</a>{target}<br>{judgement}</td>"
        )
    return mark_safe("".join(parts))
