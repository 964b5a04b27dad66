"""The scorecard's cells, written in Python ({% scorecard_cells %}), are the HTML the
included cell template wrote: value linked, target, the judgement's symbol and word, and
the screen-reader note where a unit has no target."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from dashboard.panels.indicators import Cell, mark
from indicators.rollup import Judgement

# The cell template the dashboard included before the cells were written in Python.
CELL_TEMPLATE = '{% load i18n vn_format %}{% for cell in cells %}{% if cell %}<td class="num scorecard__cell scorecard__cell--{{ cell.mark.key }}"><a href="{{ cell.url }}">{{ cell.value|number|default:"—" }}</a>{% if cell.target is not None %}<span class="muted"> / {{ cell.target|number }}</span>{% endif %}<br><span class="judgement judgement--{{ cell.mark.key }}"><span aria-hidden="true">{{ cell.mark.symbol }}</span> {{ cell.mark.word }}</span></td>{% else %}<td class="scorecard__cell"><span class="visually-hidden">{% translate "no target for this unit" context "indicator panels" %}</span></td>{% endif %}{% endfor %}'  # noqa: E501


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_cells_are_the_cell_templates(language):
    with override(language):
        cells = [
            Cell(Decimal("99.85"), Decimal("99.5"), mark(Judgement.MET), "/reporting/?a=1&b=2"),
            None,
            Cell(None, None, mark(None), "/reporting/periods/6/rollup/#indicator-3"),
            Cell(Decimal(12345), Decimal(0), mark(Judgement.NOT_MET), "/x/"),
            Cell(Decimal(3), None, mark(Judgement.PROGRESS), "/y/"),
        ]
        expected = Template(CELL_TEMPLATE).render(Context({"cells": cells}))
        ours = Template("{% load scorecard %}{% scorecard_cells cells %}").render(
            Context({"cells": cells})
        )
    assert ours == expected
    assert 'href="/reporting/?a=1&amp;b=2"' in ours
