"""The dashboard's repeated rows written in Python (dashboard/templatetags/dashboard_rows.py
and scorecard.py) are the HTML the template loops they replaced wrote, byte for byte: the
indicators by assessment, the scorecard's column headings, the targets at risk, the trend
tables, the tasks by lead agency and the reporting discipline, in Vietnamese and
English."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from dashboard.panels.indicators import HeadlineCount, RiskRow, SortLink, UnitBehind, mark
from dashboard.panels.reporting import DisciplineCell, DisciplineRow
from dashboard.panels.tasks import AgencyRow, Cell, GroupRow, HeadlineRow
from dashboard.panels.trends import Trend, TrendPoint
from directives.models import Agency
from indicators.models import Indicator
from indicators.rollup import Judgement
from reports.models import ProgressReport, ReportingPeriod

LOADS = "{% load i18n tz vn_format %}"

# The loops of templates/dashboard/_indicators.html, _tasks.html and _reporting.html
# before the tags wrote them.
HEADLINE_COUNT_LOOP = """  {% for item in indicators.headline %}
  <li class="indicator-headline__item indicator-headline__item--{{ item.mark.key }}">
    <a class="indicator-headline__count" href="{{ item.url }}"><span class="indicator-headline__number">{{ item.count }}</span> <span class="judgement judgement--{{ item.mark.key }}"><span aria-hidden="true">{{ item.mark.symbol }}</span> {{ item.mark.word|capfirst }}</span></a>
    {% if item.indicators %}<span class="indicator-headline__list small">{% translate "No. (TT)" %} {% for indicator, url in item.indicators %}<a href="{{ url }}" title="{{ indicator.name }}">{{ indicator.order }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</span>{% endif %}
  </li>
  {% endfor %}
"""

COLUMNS_LOOP = """    {% for indicator, link in card.columns %}<th scope="col" class="num"{% if link.order %} aria-sort="{{ link.order }}"{% endif %}><a href="{{ link.url }}" title="{{ indicator.name }}">{% translate "No. (TT)" %} {{ indicator.order }}</a></th>{% endfor %}
"""

RISK_LOOP = """{% for risk in indicators.at_risk %}
    <tr>
      <td data-label="{% translate 'Indicator' %}"><a href="{{ risk.url }}">{{ risk.indicator.order }}. {{ risk.indicator.name }}</a></td>
      <td data-label="{% translate 'Direction' %}">{{ risk.indicator.get_direction_display }}</td>
      <td class="num" data-label="{% translate 'Province value' %}">{{ risk.province_value|number }} {{ risk.indicator.unit }}</td>
      <td class="num" data-label="{% translate 'Target' %}">{{ risk.target|number }} {{ risk.indicator.unit }}</td>
      <td class="num" data-label="{% translate 'Gap to the target' context "indicator panels" %}">{{ risk.gap|number }} {{ risk.indicator.unit }}</td>
      <td data-label="{% translate 'Assessment' %}"><span class="judgement judgement--{{ risk.mark.key }}"><span aria-hidden="true">{{ risk.mark.symbol }}</span> {{ risk.mark.word }}</span></td>
      <td data-label="{% if indicators.sees_every_unit %}{% translate 'Units furthest behind' context "indicator panels" %}{% else %}{% translate 'Your unit' context "indicator panels" %}{% endif %}">
        {% if risk.units %}<ul class="plain-list">{% for unit in risk.units %}<li>{% if unit.url %}<a href="{{ unit.url }}">{{ unit.agency }}</a>{% else %}{{ unit.agency }}{% endif %}: {{ unit.value|number }} / {{ unit.target|number }} <span class="judgement judgement--{{ unit.mark.key }}"><span aria-hidden="true">{{ unit.mark.symbol }}</span> {{ unit.mark.word }}</span></li>{% endfor %}</ul>{% else %}<span class="muted">{% translate "no unit behind its own target" context "indicator panels" %}</span>{% endif %}
      </td>
    </tr>
  {% endfor %}"""

TREND_LOOP = """{% for point in trend.points %}
        <tr><th scope="row">{{ point.name }}</th>
          <td class="num">{% if point.province_url %}<a href="{{ point.province_url }}">{{ point.province|number|default:"—" }}</a>{% else %}{{ point.province|number|default:"—" }}{% endif %}</td>
          {% if indicators.trend_unit %}<td class="num">{% if point.unit_url %}<a href="{{ point.unit_url }}">{{ point.unit|number|default:"—" }}</a>{% else %}{{ point.unit|number|default:"—" }}{% endif %}{% if point.unit_inherited %} <span class="trend__inherited" aria-hidden="true" title="{% translate "figures of the units before the reorganisation" context "indicator panels" %}">*</span><span class="visually-hidden">{% translate "figures of the units before the reorganisation" context "indicator panels" %}</span>{% endif %}</td>{% endif %}
        </tr>
      {% endfor %}"""

FIGURES_LOOP = """{% load dashboard_rows %}{% translate "target" context "indicator panels" as target_word %}{% translate "Period" as period_label %}{% translate "Whole province" context "indicator panels" as province_label %}{% for trend in indicators.trends %}
  <figure class="trend" id="trend-{{ trend.indicator.order }}">
    <figcaption>{{ trend.indicator.order }}. {{ trend.indicator.name }} <span class="muted">({{ trend.indicator.unit }}; {{ target_word }} {{ trend.indicator.target_value|number|default:"—" }})</span></figcaption>
    {{ trend.chart }}
    <table class="table table--compact trend__table">
      <thead><tr><th scope="col">{{ period_label }}</th><th scope="col" class="num">{{ province_label }}</th>{% if indicators.trend_unit %}<th scope="col" class="num">{{ indicators.trend_unit }}</th>{% endif %}</tr></thead>
      <tbody>
      {% trend_rows trend.points indicators.trend_unit %}
      </tbody>
    </table>
  </figure>
  {% endfor %}"""

AGENCY_LOOP = """{% for row in tasks.agencies %}
    <tr{% if row.is_province %} class="task-agencies__province"{% endif %}>
      <td data-label="{% translate 'Lead agency' %}">{% if row.is_province %}<strong>{{ row.title }}</strong>{% else %}{{ row.title }}{% endif %}</td>
      {% for cell in row.cells %}<td class="num" data-label="{{ cell.label }}">{% if cell.url %}<a href="{{ cell.url }}">{{ cell.count }}</a>{% else %}{{ cell.count }}{% endif %}{% if cell.note %} <span class="late">({{ cell.note }})</span>{% endif %}</td>{% endfor %}
      <td data-label="{% translate 'Last update' %}">{% if row.last_update %}{{ row.last_update|timezone:"Asia/Ho_Chi_Minh"|date:"d/m/Y H:i" }}{% else %}—{% endif %}</td>
    </tr>
  {% endfor %}"""

HEADLINE_LOOP = """{% translate "Category" as category_label %}{% for row in tasks.headline %}
    <tr class="task-headline__{{ row.category }}">
      <td data-label="{{ category_label }}">{{ row.label }}</td>
      {% for cell in row.cells %}<td class="num" data-label="{{ cell.label }}">{% if cell.url %}<a href="{{ cell.url }}">{{ cell.count }}</a>{% else %}{{ cell.count }}{% endif %}</td>{% endfor %}
    </tr>
  {% endfor %}"""

GROUP_LOOP = """{% translate "Task group" as task_group_label %}{% for row in tasks.groups %}
    <tr>
      <td data-label="{{ task_group_label }}">{% if row.url %}<a href="{{ row.url }}">{{ row.title }}</a>{% else %}{{ row.title }}{% endif %}</td>
      {% for cell in row.cells %}<td class="num" data-label="{{ cell.label }}">{% if cell.url %}<a href="{{ cell.url }}">{{ cell.count }}</a>{% else %}{{ cell.count }}{% endif %}</td>{% endfor %}
    </tr>
  {% endfor %}"""

DISCIPLINE_LOOP = """{% for row in discipline.rows %}
    <tr>
      <td data-label="{% translate 'Unit' %}">{{ row.agency.name }}</td>
      {% for cell in row.cells %}
      <td data-label="{{ cell.period.name }}" class="discipline__cell discipline__cell--{{ cell.timeliness|default:'none' }}">
        {% if cell.report %}<a href="{{ cell.url }}">
          {% if cell.timeliness == "on_time" %}<span class="discipline__mark" aria-hidden="true">✓</span> {% translate "On time" %}
          {% elif cell.timeliness == "late" %}<span class="discipline__mark" aria-hidden="true">◔</span> {% blocktranslate count days=cell.days %}{{ days }} day late{% plural %}{{ days }} days late{% endblocktranslate %}
          {% elif cell.timeliness == "missing" %}<span class="discipline__mark" aria-hidden="true">✗</span> {% blocktranslate count days=cell.days %}Not submitted, {{ days }} day overdue{% plural %}Not submitted, {{ days }} days overdue{% endblocktranslate %}
          {% else %}<span class="discipline__mark" aria-hidden="true">…</span> {% translate "Not due yet" %}{% endif %}
          {% if cell.returned %}<br><span class="discipline__mark" aria-hidden="true">↩</span> {% translate "Returned" %}{% endif %}
          {% if cell.approved %}<br><span class="discipline__mark" aria-hidden="true">✔</span> {% translate "Approved" %}{% elif cell.report.status == "submitted" %}<br><span class="discipline__mark" aria-hidden="true">⋯</span> {% translate "Awaiting review" %}{% endif %}
        </a>{% else %}<span class="muted">{% translate "Not expected to report" %}</span>{% endif %}
      </td>
      {% endfor %}
      <td data-label="{% translate 'On time' %}" class="num">{{ row.on_time }}/{{ row.expected }}</td>
      <td data-label="{% translate 'Late' context 'dashboard reporting' %}" class="num">{{ row.late }}{% if row.days_late %} <span class="muted small">({% blocktranslate count days=row.days_late %}{{ days }} day{% plural %}{{ days }} days{% endblocktranslate %})</span>{% endif %}</td>
      <td data-label="{% translate 'Missing' context 'dashboard reporting' %}" class="num">{{ row.missing }}{% if row.days_overdue %} <span class="muted small">({% blocktranslate count days=row.days_overdue %}{{ days }} day{% plural %}{{ days }} days{% endblocktranslate %})</span>{% endif %}</td>
      <td data-label="{% translate 'Returned' %}" class="num">{{ row.returned }}</td>
      <td data-label="{% translate 'Approved' %}" class="num">{{ row.approved }}/{{ row.expected }}</td>
    </tr>
  {% endfor %}"""


def render(source: str, context: dict) -> str:
    return Template(source).render(Context(context))


def headline_indicators() -> list[Indicator]:
    return [
        Indicator(order=3, name='Tỷ lệ biết chữ <mức 2> & "khác"', unit="%"),
        Indicator(order=12, name="Học sinh bỏ học", unit="học sinh"),
        Indicator(order=27, name="Trường đạt chuẩn quốc gia", unit="trường"),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_indicator_headline_is_the_assessment_loop(language):
    literacy, dropouts, schools = headline_indicators()
    with override(language):
        items = [
            HeadlineCount(
                mark(Judgement.MET),
                2,
                "/reporting/periods/6/rollup/?a=1&b=2",
                [(literacy, "/reporting/periods/6/rollup/#indicator-3"), (schools, "#27")],
            ),
            HeadlineCount(mark(Judgement.PROGRESS), 1, "/r/", [(dropouts, "/r/#indicator-12")]),
            HeadlineCount(mark(Judgement.NOT_MET), 0, "/r/", []),
            HeadlineCount(mark(None), 0, "/r/", []),
        ]
        expected = render(LOADS + HEADLINE_COUNT_LOOP, {"indicators": {"headline": items}})
        ours = render(
            "{% load dashboard_rows %}  {% indicator_headline items %}\n", {"items": items}
        )
    assert ours == expected
    assert 'title="Tỷ lệ biết chữ &lt;mức 2&gt; &amp; &quot;khác&quot;">3</a>, <a' in ours


@pytest.mark.parametrize("language", ["vi", "en"])
def test_scorecard_columns_are_the_column_headings_loop(language):
    literacy, dropouts, schools = headline_indicators()
    columns = [
        (literacy, SortLink("/dashboard/?sort=ind-3&dir=desc&a=1", "descending")),
        (dropouts, SortLink("/dashboard/?sort=ind-12", "")),
        (schools, SortLink("/dashboard/?sort=ind-27", "ascending")),
    ]
    with override(language):
        expected = render(LOADS + COLUMNS_LOOP, {"card": {"columns": columns}})
        ours = render(
            "{% load scorecard %}    {% scorecard_columns columns %}\n", {"columns": columns}
        )
    assert ours == expected
    assert ours.count("aria-sort=") == 2


def risks() -> list[RiskRow]:
    literacy = Indicator(order=3, name='Tỷ lệ biết chữ <mức 2> & "khác"', unit="%")
    literacy.direction = Indicator.Direction.RAISE
    dropouts = Indicator(order=12, name="Học sinh bỏ học", unit="học sinh")
    dropouts.direction = Indicator.Direction.LOWER
    behind = [
        UnitBehind(
            Agency(name="UBND xã <Bum Nưa>", short_name=""),
            Decimal("87.50"),
            Decimal("95"),
            mark(Judgement.NOT_MET),
            "/reports/5/?a=1&b=2",
        ),
        UnitBehind(Agency(name="UBND xã Bum Tở"), None, Decimal("1234.5"), mark(None), ""),
    ]
    return [
        RiskRow(
            literacy,
            Decimal("97.10"),
            Decimal("99"),
            Decimal("-1.9"),
            Decimal("0.0192"),
            mark(Judgement.PROGRESS),
            "/reporting/periods/6/rollup/#indicator-3",
            behind,
        ),
        RiskRow(
            dropouts,
            Decimal("1250"),
            Decimal("1000"),
            Decimal("250"),
            Decimal("0.25"),
            mark(Judgement.NOT_MET),
            "/reporting/periods/6/rollup/#indicator-12",
            [],
        ),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("sees_every_unit", [True, False])
def test_risk_rows_are_the_targets_at_risk_loop(language, sees_every_unit):
    rows = risks()
    with override(language):
        expected = render(
            LOADS + RISK_LOOP,
            {"indicators": {"at_risk": rows, "sees_every_unit": sees_every_unit}},
        )
        ours = render(
            "{% load dashboard_rows %}{% risk_rows rows sees %}",
            {"rows": rows, "sees": sees_every_unit},
        )
    assert ours == expected
    assert "1.250" in ours or "1,250" in ours


def trend_points() -> list[TrendPoint]:
    return [
        TrendPoint("2023", "Năm học 2023-2024", Decimal("1234.50"), Decimal("99.85")),
        TrendPoint(
            "Q1",
            'Quý 1 <đầu năm> & "giữa"',
            Decimal("0.000"),
            None,
            province_url="/reporting/periods/3/rollup/?a=1&b=2",
            unit_url="",
            unit_inherited=True,
        ),
        TrendPoint("Q2", "Quý 2", None, Decimal("-12345678.9"), unit_url="/reports/9/"),
        TrendPoint("BL", "Mức cơ sở", Decimal(7), Decimal(3), is_baseline=True),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("with_unit", [True, False])
def test_trend_rows_are_the_trend_tables_loop(language, with_unit):
    points = trend_points()
    unit = Agency(name="UBND xã Bum Nưa") if with_unit else None
    with override(language):
        expected = render(
            LOADS + TREND_LOOP, {"trend": {"points": points}, "indicators": {"trend_unit": unit}}
        )
        ours = render(
            "{% load dashboard_rows %}{% trend_rows points unit %}",
            {"points": points, "unit": unit},
        )
    assert ours == expected
    assert ("trend__inherited" in ours) is with_unit


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("with_unit", [True, False])
def test_trend_figures_are_the_trends_loop(language, with_unit):
    trends = [
        Trend(
            Indicator(order=3, name='Tỷ lệ <biết chữ> & "khác"', unit="%",
                      target_value=Decimal("1234.50")),
            trend_points(),
            mark_safe('<svg role="img"><title>Xu hướng &amp; mục tiêu</title></svg>'),
        ),
        Trend(Indicator(order=12, name="Số trường", unit="trường <công lập>"), [], mark_safe("")),
    ]  # fmt: skip
    unit = Agency(name="UBND xã <Bum Nưa>") if with_unit else None
    with override(language):
        expected = render(
            LOADS + FIGURES_LOOP, {"indicators": {"trends": trends, "trend_unit": unit}}
        )
        ours = render(
            "{% load dashboard_rows %}{% trend_figures trends unit %}",
            {"trends": trends, "unit": unit},
        )
    assert ours == expected
    assert ("UBND xã &lt;Bum Nưa&gt;" in ours) is with_unit


def agency_rows() -> list[AgencyRow]:
    return [
        AgencyRow(
            title="Toàn tỉnh",
            cells=[
                Cell(gettext_lazy("Total"), 48, "/tasks/?lead=all&state=x"),
                Cell("Quá hạn", 3, None, note="2 > 30 ngày"),
            ],
            last_update=datetime.datetime(2026, 11, 30, 20, 5, tzinfo=datetime.UTC),
            is_province=True,
        ),
        AgencyRow(
            title="Phòng GD&ĐT <Tam Đường>",
            cells=[Cell("Tổng", 0, "/tasks/?lead=7"), Cell("Chưa rõ", None)],
            last_update=None,
        ),
        AgencyRow(
            title="UBND xã Bum Tở",
            cells=[Cell("Tổng", 1234, "/tasks/?lead=8")],
            last_update=datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC),
        ),
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_agency_rows_are_the_lead_agency_tables_loop(language):
    rows = agency_rows()
    with override(language):
        expected = render(LOADS + AGENCY_LOOP, {"tasks": {"agencies": rows}})
        ours = render("{% load dashboard_rows %}{% agency_rows rows %}", {"rows": rows})
    assert ours == expected
    assert "01/12/2026 03:05" in ours  # the last update in Vietnam's time


def count_cells() -> list[Cell]:
    return [
        Cell(gettext_lazy("Total"), 48, "/tasks/?on=30/11/2026&role=lead&state=done_late"),
        Cell('Đơn vị <của bạn> & "Sở"', 0, None),
        Cell("Chưa rõ", None, "/tasks/?a=1&b=2"),
    ]


def count_tables() -> dict:
    """The two count tables' rows, each table with its loop, its tag and the label of its
    first column, and what its rows must show."""
    return {
        "headline": (
            [
                HeadlineRow("done_on_time", "Hoàn thành đúng hạn", count_cells()),
                HeadlineRow("open_overdue", "Chưa hoàn thành, quá hạn <1>", count_cells()[1:]),
            ],
            HEADLINE_LOOP,
            '{% translate "Category" as label %}{% headline_rows rows label %}',
            ["task-headline__open_overdue", "&lt;1&gt;"],
        ),
        "groups": (
            [
                GroupRow(None, "I. Nhóm <nhiệm vụ> & giải pháp", count_cells(), "/tasks/?g=3"),
                GroupRow(None, "II. Phát triển mạng lưới", count_cells()[:1], None),
            ],
            GROUP_LOOP,
            '{% translate "Task group" as label %}{% group_rows rows label %}',
            ['<a href="/tasks/?g=3">', '<a href="/tasks/?a=1&amp;b=2">'],
        ),
    }


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("table", ["headline", "groups"])
def test_count_rows_are_the_task_count_tables_loops(language, table):
    """The tasks by category and by task group."""
    rows, loop, tag, shown = count_tables()[table]
    with override(language):
        expected = render(LOADS + loop, {"tasks": {table: rows}})
        ours = render("{% load i18n dashboard_rows %}" + tag, {"rows": rows})
    assert ours == expected
    assert all(text in ours for text in shown)


def discipline_rows() -> list[DisciplineRow]:
    q1, q2 = ReportingPeriod(pk=1, name="Quý 1"), ReportingPeriod(pk=2, name="Quý <2> & cả năm")

    def report(pk, status):
        return ProgressReport(pk=pk, status=status)

    Status = ProgressReport.Status
    rows = [
        DisciplineRow(
            agency=Agency(name='UBND xã <Bình Lư> & "Bản"'),
            cells=[
                DisciplineCell(q1, report(11, Status.SUBMITTED), "on_time"),
                DisciplineCell(
                    q2, report(12, Status.APPROVED), "late", days=1, returned=True, approved=True
                ),
            ],
            expected=2,
            on_time=1,
            late=1,
            days_late=1,
            returned=1,
            approved=1,
        ),
        DisciplineRow(
            agency=Agency(name="UBND xã Bum Nưa"),
            cells=[
                DisciplineCell(q1, report(21, Status.NOT_STARTED), "missing", days=1),
                DisciplineCell(q2, report(22, Status.RETURNED), "late", days=12, returned=True),
            ],
            expected=2,
            late=1,
            days_late=12,
            missing=1,
            days_overdue=1,
            returned=1,
        ),
        DisciplineRow(
            agency=Agency(name="UBND phường Tân Phong"),
            cells=[
                DisciplineCell(q1, report(31, Status.DRAFT), "missing", days=40),
                DisciplineCell(q2, None),
            ],
            expected=1,
            missing=1,
            days_overdue=40,
        ),
        DisciplineRow(
            agency=Agency(name="UBND xã Bum Tở"),
            cells=[
                DisciplineCell(q1, report(41, Status.SUBMITTED), "pending"),
                DisciplineCell(q2, report(42, Status.DRAFT), "pending"),
            ],
            expected=0,
        ),
    ]
    for row in rows:  # each report's page, as the panel links it
        for cell in row.cells:
            if cell.report is not None:
                cell.url = reverse("reports:report_detail", args=[cell.report.pk])
    return rows


@pytest.mark.parametrize("language", ["vi", "en"])
def test_discipline_rows_are_the_discipline_tables_loop(language):
    rows = discipline_rows()
    with override(language):
        expected = render(LOADS + DISCIPLINE_LOOP, {"discipline": {"rows": rows}})
        ours = render("{% load dashboard_rows %}{% discipline_rows rows %}", {"rows": rows})
    assert ours == expected
    assert "discipline__cell--none" in ours
    assert f'href="{reverse("reports:report_detail", args=[11])}"' in ours
