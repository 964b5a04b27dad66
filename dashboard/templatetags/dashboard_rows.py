"""The dashboard's repeated table rows, written in Python (ADR 0020):
``{% indicator_headline %}`` (the indicators by assessment), ``{% risk_rows %}`` (the
targets at risk), ``{% trend_rows %}`` (a trend's table, one row a period),
``{% trend_figures %}`` (each indicator's trend: caption, chart and that table),
``{% headline_rows %}`` and ``{% group_rows %}`` (the tasks by category and by task
group), ``{% agency_rows %}`` (the tasks by lead agency) and ``{% discipline_rows %}``
(each unit's reporting across the periods).

On a province's data these loops write about two thousand cells a render, and the
template engine's lookups, filters and translations per cell were most of the
dashboard's rendering. Each tag writes the HTML its loop wrote, whitespace included
(tests/dashboard/test_dashboard_rows.py keeps the loops and compares).
"""

from zoneinfo import ZoneInfo

from django import template
from django.template.defaultfilters import capfirst
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from directives.localization import decimal_formatter
from edu_plans.escaping import escaped

register = template.Library()
VIET_NAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _figure(value, url: str, number) -> str:
    shown = escaped(number(value) or "—")
    return f'<a href="{escaped(url)}">{shown}</a>' if url else shown


def _judgement(mark) -> str:
    return (
        f'<span class="judgement judgement--{escaped(mark.key)}"><span aria-hidden="true">'
        f"{escaped(mark.symbol)}</span> {escaped(mark.word)}</span>"
    )


@register.simple_tag
def risk_rows(risks, sees_every_unit) -> SafeString:
    """The rows of the targets at risk: the indicator, its direction, the province's
    value, the target and the gap, the assessment, and the units furthest behind their
    own targets (or, for a unit, its own figure)."""
    number = decimal_formatter()
    labels = [
        escaped(label)
        for label in (
            gettext("Indicator"),
            gettext("Direction"),
            gettext("Province value"),
            gettext("Target"),
            pgettext("indicator panels", "Gap to the target"),
            gettext("Assessment"),
            pgettext("indicator panels", "Units furthest behind")
            if sees_every_unit
            else pgettext("indicator panels", "Your unit"),
        )
    ]
    no_unit = escaped(pgettext("indicator panels", "no unit behind its own target"))
    parts = []
    for risk in risks:
        indicator = risk.indicator
        unit = escaped(indicator.unit)
        if risk.units:
            units = []
            for behind in risk.units:
                agency = escaped(behind.agency)
                if behind.url:
                    agency = f'<a href="{escaped(behind.url)}">{agency}</a>'
                units.append(
                    f"<li>{agency}: {escaped(number(behind.value))} / "
                    f"{escaped(number(behind.target))} {_judgement(behind.mark)}</li>"
                )
            units = f'<ul class="plain-list">{"".join(units)}</ul>'
        else:
            units = f'<span class="muted">{no_unit}</span>'
        direction = escaped(indicator.get_direction_display())
        value, target, gap = (
            escaped(number(v)) for v in (risk.province_value, risk.target, risk.gap)
        )
        parts.append(
            f'\n    <tr>\n      <td data-label="{labels[0]}"><a href="{escaped(risk.url)}">'
            f"{escaped(indicator.order)}. {escaped(indicator.name)}</a></td>\n"
            f'      <td data-label="{labels[1]}">{direction}</td>\n'
            f'      <td class="num" data-label="{labels[2]}">{value} {unit}</td>\n'
            f'      <td class="num" data-label="{labels[3]}">{target} {unit}</td>\n'
            f'      <td class="num" data-label="{labels[4]}">{gap} {unit}</td>\n'
            f'      <td data-label="{labels[5]}">{_judgement(risk.mark)}</td>\n'
            f'      <td data-label="{labels[6]}">\n        {units}\n      </td>\n    </tr>\n  '
        )
    return mark_safe("".join(parts))


@register.simple_tag
def indicator_headline(items) -> SafeString:
    """The indicators by assessment: each judgement's count, linked to the roll-up, and
    the numbers (TT) of its indicators, each linked to its row there."""
    tt = ""
    parts = []
    for item in items:
        mark = item.mark
        key = escaped(mark.key)
        parts.append(
            f'\n  <li class="indicator-headline__item indicator-headline__item--{key}">\n'
            f'    <a class="indicator-headline__count" href="{escaped(item.url)}">'
            f'<span class="indicator-headline__number">{escaped(item.count)}</span> '
            f'<span class="judgement judgement--{key}"><span aria-hidden="true">'
            f"{escaped(mark.symbol)}</span> {escaped(capfirst(mark.word))}</span></a>\n    "
        )
        if item.indicators:
            tt = tt or escaped(gettext("No. (TT)"))
            listed = ", ".join(
                f'<a href="{escaped(url)}" title="{escaped(indicator.name)}">'
                f"{escaped(indicator.order)}</a>"
                for indicator, url in item.indicators
            )
            parts.append(f'<span class="indicator-headline__list small">{tt} {listed}</span>')
        parts.append("\n  </li>\n  ")
    return mark_safe("".join(parts))


@register.simple_tag
def trend_rows(points, with_unit) -> SafeString:
    """The rows of one indicator's trend table: the period, the province's value and,
    ``with_unit``, the chosen unit's, each linked to where it comes from."""
    inherited = ""
    number = decimal_formatter()
    parts = []
    for point in points:
        province = _figure(point.province, point.province_url, number)
        parts.append(
            f'\n        <tr><th scope="row">{escaped(point.name)}</th>\n'
            f'          <td class="num">{province}</td>\n          '
        )
        if with_unit:
            parts.append(f'<td class="num">{_figure(point.unit, point.unit_url, number)}')
            if point.unit_inherited:
                if not inherited:
                    inherited = escaped(
                        pgettext(
                            "indicator panels", "figures of the units before the reorganisation"
                        )
                    )
                parts.append(
                    f' <span class="trend__inherited" aria-hidden="true" title="{inherited}">'
                    f'*</span><span class="visually-hidden">{inherited}</span>'
                )
            parts.append("</td>")
        parts.append("\n        </tr>\n      ")
    return mark_safe("".join(parts))


@register.simple_tag
def trend_figures(trends, unit) -> SafeString:
    """Each indicator's trend: its caption (number, name, unit of measure and target),
    its chart and its table, the chosen unit's column beside the province's when ``unit``
    is given."""
    target_word = escaped(pgettext("indicator panels", "target"))
    period_label = escaped(gettext("Period"))
    province_label = escaped(pgettext("indicator panels", "Whole province"))
    unit_column = f'<th scope="col" class="num">{escaped(unit)}</th>' if unit else ""
    head = (
        '\n    <table class="table table--compact trend__table">\n      <thead><tr>'
        f'<th scope="col">{period_label}</th><th scope="col" class="num">{province_label}'
        f"</th>{unit_column}</tr></thead>\n      <tbody>\n      "
    )
    number = decimal_formatter()
    parts = []
    for trend in trends:
        indicator = trend.indicator
        order = escaped(indicator.order)
        target = escaped(number(indicator.target_value) or "—")
        parts.append(
            f'\n  <figure class="trend" id="trend-{order}">\n    <figcaption>{order}. '
            f'{escaped(indicator.name)} <span class="muted">({escaped(indicator.unit)}; '
            f"{target_word} {target})</span></figcaption>\n    {escaped(trend.chart)}{head}"
            f"{trend_rows(trend.points, unit)}\n      </tbody>\n    </table>\n  </figure>\n  "
        )
    return mark_safe("".join(parts))


def _count_cells(cells, parts: list[str]) -> None:
    for cell in cells:
        count = escaped(cell.count)
        if cell.url:
            count = f'<a href="{escaped(cell.url)}">{count}</a>'
        parts.append(f'<td class="num" data-label="{escaped(cell.label)}">{count}</td>')


@register.simple_tag
def headline_rows(rows, category_label) -> SafeString:
    """The rows of the tasks by category: the category, then its counts (the province's,
    and a unit's own beside it), each linked to its list of tasks."""
    label = escaped(category_label)
    parts = []
    for row in rows:
        parts.append(
            f'\n    <tr class="task-headline__{escaped(row.category)}">\n'
            f'      <td data-label="{label}">{escaped(row.label)}</td>\n      '
        )
        _count_cells(row.cells, parts)
        parts.append("\n    </tr>\n  ")
    return mark_safe("".join(parts))


@register.simple_tag
def group_rows(rows, group_label) -> SafeString:
    """The rows of the progress by task group: the group, linked to its tasks, then its
    counts, each linked to its list of tasks."""
    label = escaped(group_label)
    parts = []
    for row in rows:
        title = escaped(row.title)
        if row.url:
            title = f'<a href="{escaped(row.url)}">{title}</a>'
        parts.append(f'\n    <tr>\n      <td data-label="{label}">{title}</td>\n      ')
        _count_cells(row.cells, parts)
        parts.append("\n    </tr>\n  ")
    return mark_safe("".join(parts))


@register.simple_tag
def agency_rows(rows) -> SafeString:
    """The rows of the tasks by lead agency: the agency (the province's row in bold), its
    counts, each linked to its list of tasks, with a note (how many are overdue), and
    when a task of the agency was last updated."""
    lead_agency = escaped(gettext("Lead agency"))
    last_update = escaped(gettext("Last update"))
    labels: dict[str, str] = {}  # every row has the same columns: each escaped once
    parts = []
    for row in rows:
        title = escaped(row.title)
        if row.is_province:
            parts.append(
                '\n    <tr class="task-agencies__province">\n'
                f'      <td data-label="{lead_agency}"><strong>{title}</strong></td>\n      '
            )
        else:
            parts.append(f'\n    <tr>\n      <td data-label="{lead_agency}">{title}</td>\n      ')
        for cell in row.cells:
            count = escaped(cell.count)
            if cell.url:
                count = f'<a href="{escaped(cell.url)}">{count}</a>'
            note = f' <span class="late">({escaped(cell.note)})</span>' if cell.note else ""
            label = labels.get(cell.label)
            if label is None:
                label = labels[cell.label] = escaped(cell.label)
            parts.append(f'<td class="num" data-label="{label}">{count}{note}</td>')
        if row.last_update:
            # What the date filter writes for "d/m/Y H:i", in Vietnam's time.
            day = row.last_update.astimezone(VIET_NAM).strftime("%d/%m/%Y %H:%M")
        else:
            day = "—"
        parts.append(f'\n      <td data-label="{last_update}">{day}</td>\n    </tr>\n  ')
    return mark_safe("".join(parts))


def _days(count: int) -> str:
    return ngettext("%(days)s day", "%(days)s days", count) % {"days": count}


@register.simple_tag
def discipline_rows(rows) -> SafeString:
    """The rows of the reporting discipline: the unit, then for each period whether its
    report came on time, late or not at all (by how many days), was returned, approved or
    awaits review, linked to the report; then the unit's counts across the periods."""
    words = {
        "unit": escaped(gettext("Unit")),
        "on_time": escaped(gettext("On time")),
        "late": escaped(pgettext("dashboard reporting", "Late")),
        "missing": escaped(pgettext("dashboard reporting", "Missing")),
        "returned": escaped(gettext("Returned")),
        "approved": escaped(gettext("Approved")),
        "not_due": escaped(gettext("Not due yet")),
        "awaiting": escaped(gettext("Awaiting review")),
        "not_expected": escaped(gettext("Not expected to report")),
    }
    gap = "\n          "
    parts = []
    for row in rows:
        parts.append(
            f'\n    <tr>\n      <td data-label="{words["unit"]}">'
            f"{escaped(row.agency.name)}</td>\n      "
        )
        for cell in row.cells:
            parts.append(
                f'\n      <td data-label="{escaped(cell.period.name)}" class="discipline__cell '
                f'discipline__cell--{escaped(cell.timeliness or "none")}">\n        '
            )
            if not cell.report:
                parts.append(f'<span class="muted">{words["not_expected"]}</span>')
            else:
                parts.append(f'<a href="{escaped(cell.url)}">{gap}')
                mark = '<span class="discipline__mark" aria-hidden="true">'
                if cell.timeliness == "on_time":
                    parts.append(f"{mark}✓</span> {words['on_time']}{gap}")
                elif cell.timeliness == "late":
                    late = ngettext("%(days)s day late", "%(days)s days late", cell.days)
                    parts.append(f"{mark}◔</span> {late % {'days': cell.days}}{gap}")
                elif cell.timeliness == "missing":
                    missing = ngettext(
                        "Not submitted, %(days)s day overdue",
                        "Not submitted, %(days)s days overdue",
                        cell.days,
                    )
                    parts.append(f"{mark}✗</span> {missing % {'days': cell.days}}{gap}")
                else:
                    parts.append(f"{mark}…</span> {words['not_due']}")
                parts.append(gap)
                if cell.returned:
                    parts.append(f"<br>{mark}↩</span> {words['returned']}")
                parts.append(gap)
                if cell.approved:
                    parts.append(f"<br>{mark}✔</span> {words['approved']}")
                elif cell.report.status == "submitted":
                    parts.append(f"<br>{mark}⋯</span> {words['awaiting']}")
                parts.append("\n        </a>")
            parts.append("\n      </td>\n      ")
        days_late = (
            f' <span class="muted small">({_days(row.days_late)})</span>' if row.days_late else ""
        )
        days_overdue = (
            f' <span class="muted small">({_days(row.days_overdue)})</span>'
            if row.days_overdue
            else ""
        )
        parts.append(
            f'\n      <td data-label="{words["on_time"]}" class="num">'
            f"{row.on_time}/{row.expected}</td>\n"
            f'      <td data-label="{words["late"]}" class="num">{row.late}{days_late}</td>\n'
            f'      <td data-label="{words["missing"]}" class="num">'
            f"{row.missing}{days_overdue}</td>\n"
            f'      <td data-label="{words["returned"]}" class="num">{row.returned}</td>\n'
            f'      <td data-label="{words["approved"]}" class="num">'
            f"{row.approved}/{row.expected}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(parts))
