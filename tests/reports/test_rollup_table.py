"""The roll-up's table of unit values, written in Python ({% unit_value_rows %}), is the
HTML the page's template wrote: names escaped, the closed-agency note, ratios with their
numerator and denominator, targets, and the assessment badge."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from directives.models import Agency
from indicators.rollup import Judgement
from reports.selectors import UnitValueRow

# The page's own loop before the rows were written in Python: the reference.
TEMPLATE_ROWS = '{% load i18n vn_format %}{% for unit in units %}<tr><td>{{ unit.agency.short_name|default:unit.agency.name }}{% include "includes/closed_agency.html" with agency=unit.agency %}</td><td class="num">{{ unit.value|number|default:"—" }}{% if unit.denominator %} <span class="muted small">({{ unit.numerator|number }}/{{ unit.denominator|number }})</span>{% endif %}</td><td class="num">{{ unit.target|number }}</td><td>{% include "includes/judgement.html" with judgement=unit.judgement %}</td></tr>{% endfor %}'  # noqa: E501

UNITS = [
    UnitValueRow(
        agency=Agency(name="UBND xã <Bình> & Lư", short_name=""),
        value=Decimal("99.85"),
        numerator=Decimal(1997),
        denominator=Decimal(2000),
        target=Decimal("99.5"),
        judgement=Judgement.MET,
    ),
    UnitValueRow(
        agency=Agency(
            name="UBND huyện Tam Đường",
            short_name="Tam Đường",
            valid_until=datetime.date(2025, 6, 30),
        ),
        value=Decimal(12345),
        numerator=None,
        denominator=None,
        target=None,
        judgement=None,
    ),
    UnitValueRow(
        agency=Agency(name="UBND xã Pa Ủ", short_name="Pa Ủ"),
        value=None,
        numerator=None,
        denominator=Decimal(0),
        target=Decimal(3),
        judgement=Judgement.NOT_MET,
    ),
]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_the_templates_rows(language):
    with override(language):
        expected = Template(TEMPLATE_ROWS).render(Context({"units": UNITS}))
        ours = Template("{% load rollup_table %}{% unit_value_rows units %}").render(
            Context({"units": UNITS})
        )
    # The includes ended in a line break, which the rows no longer carry.
    assert ours == expected.replace("\n", "")
    assert "&lt;Bình&gt; &amp; Lư" in ours


# The page's loop over the units still missing, before it was written in Python.
TEMPLATE_MISSING = '{% for agency in missing %}{{ agency.short_name|default:agency.name }}{% include "includes/closed_agency.html" with agency=agency %}{% if not forloop.last %}; {% endif %}{% endfor %}'  # noqa: E501


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_units_still_missing_are_the_templates_list(language, count):
    missing = [unit.agency for unit in UNITS][:count]
    with override(language):
        expected = Template(TEMPLATE_MISSING).render(Context({"missing": missing}))
        ours = Template("{% load rollup_table %}{% missing_unit_names missing %}").render(
            Context({"missing": missing})
        )
    assert ours == expected
