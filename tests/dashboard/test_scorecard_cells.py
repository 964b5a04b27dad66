"""The scorecard's cells, written in Python ({% scorecard_cells %}), are the HTML the
included cell template wrote: value linked, target, the judgement's symbol and word, and
the screen-reader note where a unit has no target; its units' rows ({% scorecard_rows %})
are the HTML of the loop the dashboard's template wrote around them."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from dashboard.panels.indicators import Cell, ScoreRow, mark
from directives.models import Agency
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
            # The same number written differently, and the same address: written once.
            Cell(Decimal("99.850"), Decimal("99.50"), mark(Judgement.MET), "/reporting/?a=1&b=2"),
            Cell(Decimal("-1234567.5"), Decimal("1E+3"), mark(Judgement.NOT_MET), "/x/"),
        ]
        expected = Template(CELL_TEMPLATE).render(Context({"cells": cells}))
        ours = Template("{% load scorecard %}{% scorecard_cells cells %}").render(
            Context({"cells": cells})
        )
    assert ours == expected
    assert 'href="/reporting/?a=1&amp;b=2"' in ours


# The loop of the dashboard's template before the rows were written in Python.
ROWS_TEMPLATE = """{% load i18n scorecard %}{% translate "trend" context "indicator panels" as trend_word %}{% for row in rows %}
    <tr>
      <th scope="row">{{ row.agency }} <a class="small" href="{{ row.trend_url }}">{{ trend_word }}</a></th>
      {% if with_counts %}<td class="num scorecard__rank">{{ row.rank }}</td><td class="num">{{ row.met }}</td><td class="num">{{ row.progress }}</td>{% endif %}
      {% scorecard_cells row.cells %}
    </tr>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("with_counts", [True, False])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_the_rows_loop(language, with_counts):
    with override(language):
        report = "/reporting/reports/7/"
        rows = [
            ScoreRow(
                agency=Agency(pk=1, name="Xã Hồng Thủ", short_name="Hồng Thủ <&>"),
                cells=[
                    Cell(Decimal("99.85"), Decimal("99.5"), mark(Judgement.MET), report),
                    None,
                    Cell(Decimal(1234), Decimal(1234), mark(Judgement.MET), report),
                ],
                met=2,
                progress=0,
                rank=1,
                trend_url="/dashboard/?unit=1&sort=rank#indicator-trends",
            ),
            ScoreRow(
                agency=Agency(pk=2, name="Phường 1"),
                cells=[
                    Cell(None, Decimal("99.5"), mark(None), ""),
                    Cell(Decimal(0), None, mark(Judgement.PROGRESS), ""),
                    Cell(Decimal("1234.0"), Decimal(2000), mark(Judgement.NOT_MET), ""),
                ],
                met=0,
                progress=1,
                rank=2,
                trend_url="/dashboard/?unit=2#indicator-trends",
            ),
        ]
        context = {"rows": rows, "with_counts": with_counts}
        expected = Template(ROWS_TEMPLATE).render(Context(context))
        ours = Template("{% load scorecard %}{% scorecard_rows rows with_counts %}").render(
            Context(context)
        )
    assert ours == expected
    assert "Hồng Thủ &lt;&amp;&gt;" in ours
