"""``{% unit_value_rows row.units %}``: the rows of an indicator's table of unit values on
the roll-up page.

Written in Python rather than in the template: a province's forty units under each of
twenty-odd indicators make about a thousand rows, whose variables, filters and includes
cost most of the page's time in the template engine. The HTML is the page's as it was:
the unit's name with includes/closed_agency.html's note, its value (numerator and
denominator for a ratio), its target, and includes/judgement.html's badge.
"""

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from directives.localization import table_formatter
from edu_plans.escaping import escaped

register = template.Library()


def _name(agency, closed_note: str) -> str:
    """The agency's short name (or name) with includes/closed_agency.html's note."""
    name = escaped(agency.short_name or agency.name)
    closed = agency.closed_since
    if closed:
        day = date_format(closed, "d/m/Y")
        name += f' <span class="agency-closed">{escaped(closed_note % {"day": day})}</span>'
    return name


@register.simple_tag
def unit_value_rows(units) -> SafeString:
    closed_note = gettext("closed since %(day)s")
    # In the language active now, each distinct number and judgement written once a call:
    # forty units share an indicator's targets, and four judgements.
    number = table_formatter()
    badges = {None: '<span class="muted">—</span>'}
    parts = []
    for unit in units:
        name = _name(unit.agency, closed_note)
        value = escaped(number(unit.value) or "—")
        if unit.denominator:
            value += (
                f' <span class="muted small">({escaped(number(unit.numerator))}'
                f"/{escaped(number(unit.denominator))})</span>"
            )
        judgement = unit.judgement or None
        badge = badges.get(judgement)
        if badge is None:
            badge = badges[judgement] = (
                f'<span class="judgement judgement--{escaped(judgement)}">'
                f"{escaped(judgement.label)}</span>"
            )
        parts.append(
            f'<tr><td>{name}</td><td class="num">{value}</td>'
            f'<td class="num">{escaped(number(unit.target))}</td>'
            f"<td>{badge}</td></tr>"
        )
    return mark_safe("".join(parts))


@register.simple_tag
def missing_unit_names(agencies) -> SafeString:
    """The units still missing, "; " between them, each with its closed-agency note and
    the line break that ended the include they were written with."""
    closed_note = gettext("closed since %(day)s")
    return mark_safe("; ".join(_name(agency, closed_note) + "\n" for agency in agencies))
