"""Indicator panels: the headline by judgement, targets at risk, the unit scorecard, trends.

Every number comes from the roll-up the period's roll-up page shows
(``reports.selectors.rollup_visible_to``), and the trends from the same rules applied to
every period of the directive at once (``reports.selectors.indicator_rollups``), in a fixed number
of queries whatever the number of units, indicators and periods.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import get_language, pgettext

from dashboard.panels.trends import Trend, UnitHistory, indicator_trends
from directives.models import Agency
from edu_plans.links import pk_links
from indicators.models import Indicator
from indicators.rollup import Judgement, shortfall
from reports import permissions
from reports.models import ProgressReport, ReportingPeriod
from reports.selectors import RollupRow, indicator_rollups, visible_rollup

UNITS_BEHIND = 3
# The GET parameters of this panel, kept by its own links (the choice is kept too).
PARAMS = ("sort", "dir", "empty", "unit", "page")
SCORECARD_ROWS = 50  # units per page of the comparison


@dataclass(frozen=True)
class Mark:
    """A judgement as a reader sees it: a symbol and a word, never a colour alone."""

    key: str  # met, progress, not_met, none: the CSS modifier
    symbol: str
    word: str


def mark(judgement: Judgement | None) -> Mark:
    """The judgement's mark in the active language. A scorecard has a thousand cells and
    four marks: each is made once a language (a mark is only its words, never data)."""
    key = (judgement, get_language())
    found = _MARKS.get(key)
    if found is None:
        found = _MARKS[key] = _new_mark(judgement)
    return found


_MARKS: dict[tuple[Judgement | None, str | None], Mark] = {}


def _new_mark(judgement: Judgement | None) -> Mark:
    if judgement is None:
        return Mark("none", "—", pgettext("indicator panels", "no data yet"))
    symbols = {Judgement.MET: "✓", Judgement.PROGRESS: "↗", Judgement.NOT_MET: "✗"}
    return Mark(str(judgement), symbols[judgement], str(judgement.label))


JUDGEMENTS = [Judgement.MET, Judgement.PROGRESS, Judgement.NOT_MET, None]


@dataclass
class HeadlineCount:
    mark: Mark
    count: int
    url: str  # the roll-up page
    indicators: list[tuple[Indicator, str]]  # each indicator and its row on the roll-up


@dataclass
class UnitBehind:
    agency: Agency
    value: Decimal | None
    target: Decimal | None
    mark: Mark
    url: str  # the unit's report for the period


@dataclass
class RiskRow:
    indicator: Indicator
    province_value: Decimal
    target: Decimal
    gap: Decimal  # how far from the target, in the indicator's own unit
    shortfall: Decimal  # the same as a share of the target: what the list is sorted by
    mark: Mark
    url: str
    units: list[UnitBehind]


class Cell(NamedTuple):
    """A unit's figure under one indicator: a scorecard has about a thousand, read only."""

    value: Decimal | None
    target: Decimal | None
    mark: Mark
    url: str


@dataclass
class ScoreRow:
    agency: Agency | None  # None for the province
    cells: list[Cell | None]  # one per indicator; None where the unit has no target
    met: int = 0
    progress: int = 0
    rank: int | None = None
    trend_url: str = ""

    @property
    def is_empty(self) -> bool:
        return all(cell is None or cell.value is None for cell in self.cells)


@dataclass
class SortLink:
    url: str
    order: str  # "" unsorted, "ascending" or "descending": aria-sort


@dataclass
class Scorecard:
    columns: list[tuple[Indicator, SortLink]]
    name_sort: SortLink
    rank_sort: SortLink
    province: ScoreRow
    rows: list[ScoreRow]
    hidden: int  # empty rows left out
    hiding: bool
    toggle_empty_url: str
    listed: list[ScoreRow] = field(default_factory=list)  # every page's rows: the print
    total: int = 0  # units listed over every page
    first: int = 1  # the positions of the first and last rows shown
    last: int = 0
    previous_url: str = ""
    next_url: str = ""


@dataclass
class IndicatorPanels:
    period: ReportingPeriod | None  # the chosen period, or the latest ended one
    chosen: bool  # the period was chosen, not taken as the latest ended by the day
    rollup_url: str = ""
    headline: list[HeadlineCount] = field(default_factory=list)
    at_risk: list[RiskRow] = field(default_factory=list)
    scorecard: Scorecard | None = None
    trends: list[Trend] = field(default_factory=list)
    trend_unit: Agency | None = None
    trend_unit_history: UnitHistory | None = None  # the reorganisation that formed it
    sees_every_unit: bool = True
    clear_unit_url: str = ""
    with_trends: bool = False  # the trends were drawn (the exports, the trends page)
    trend_units: list[Agency] = field(default_factory=list)  # whose line can be added
    trends_url: str = ""  # the trends page, for the same choice
    trend_count: int = 0  # indicators, each with its trend there


def indicator_panels(choice, *, user, params=None, trends=True) -> IndicatorPanels:
    """The indicator panels for the choice: its period, or the latest period of the
    directive that has ended by the day chosen. ``params`` are the request's GET
    parameters (sorting, empty rows, the unit whose trend is shown). Without ``trends``
    (the dashboard page, which links to them), only the period's own roll-up is read."""
    params = params or {}
    periods = choice.directive_periods()
    if choice.period is not None:
        period = next((p for p in periods if p.pk == choice.period.pk), None)
    else:
        period = next((p for p in reversed(periods) if p.ends_on <= choice.on), None)
    panels = IndicatorPanels(
        period=period,
        chosen=choice.period is not None,
        sees_every_unit=permissions.sees_everything(user),
    )
    if period is None:
        return panels
    kept = {name: params.get(name) for name in PARAMS if params.get(name)}

    dashboard_url = reverse("dashboard:dashboard")
    trends_url = reverse("dashboard:dashboard_trends")

    def here(anchor: str, **changes) -> str:
        return f"{dashboard_url}?{choice.query(**(kept | changes))}#{anchor}"

    def trends_page(unit="") -> str:
        return f"{trends_url}?{choice.query(unit=unit)}"

    # One roll-up of the periods up to the one shown serves its panels and the trends.
    trend_periods = [p for p in periods if p.ends_on <= period.ends_on]
    rollups = indicator_rollups(choice.directive, trend_periods if trends else [period])
    # The trends read a unit's predecessors too; the panels only what the user may see.
    by_period = {
        pk: visible_rollup(user, [replace(row) for row in rows]) for pk, rows in rollups.items()
    }
    rows = _units_of_period(by_period[period.pk], period)
    panels.rollup_url = reverse("reports:period_rollup", args=[period.pk])
    # Only the units the rows hold (a reporting unit's own) are ever linked.
    report_url = pk_links("reports:report_detail")
    report_urls = {
        agency_id: report_url(pk)
        for agency_id, pk in ProgressReport.objects.filter(period=period)
        .order_by()
        .values_list("agency_id", "pk")
    }
    panels.headline = _headline(rows, panels.rollup_url)
    panels.at_risk = _at_risk(rows, panels.rollup_url, report_urls)
    panels.scorecard = _scorecard(rows, params, here, trends_page, panels, report_urls)
    panels.trends_url = trends_page()
    panels.trend_count = len(rows)
    if not trends:
        return panels
    panels.with_trends = True
    # The units the user may see, each once: whose line the trends may add.
    visible = {unit.agency.pk: unit.agency for row in rows for unit in row.units}
    panels.trend_unit = _trend_unit(visible, params, choice, user)
    panels.clear_unit_url = panels.trends_url
    if panels.sees_every_unit:
        panels.trend_units = sorted(visible.values(), key=str)  # as the page names them
    found = indicator_trends(choice.directive, trend_periods, panels.trend_unit, rollups)
    panels.trends, panels.trend_unit_history = found.trends, found.unit_history
    return panels


def _units_of_period(rows: list[RollupRow], period: ReportingPeriod) -> list[RollupRow]:
    """The units the period's panels list: those that existed during it (a 2026 - 2027
    view lists communes, a 2024 - 2025 view districts), and any whose figure was approved
    for it, whatever became of it since."""

    def listed(agency: Agency, value) -> bool:
        return value is not None or agency.is_valid_between(period.starts_on, period.ends_on)

    for row in rows:
        row.units = [unit for unit in row.units if listed(unit.agency, unit.value)]
        row.missing_units = [agency for agency in row.missing_units if listed(agency, None)]
    return rows


def _anchor(url: str, indicator: Indicator) -> str:
    # The roll-up page marks each indicator's row by its number (TT).
    return f"{url}#indicator-{indicator.order}"


def _headline(rows: list[RollupRow], rollup_url: str) -> list[HeadlineCount]:
    """How many indicators the roll-up judges Đạt, Tiến bộ, Chưa đạt, and not yet."""
    return [
        HeadlineCount(
            mark=mark(judgement),
            count=sum(1 for row in rows if row.judgement == judgement),
            url=rollup_url,
            indicators=[
                (row.indicator, _anchor(rollup_url, row.indicator))
                for row in rows
                if row.judgement == judgement
            ],
        )
        for judgement in JUDGEMENTS
    ]


def _at_risk(rows: list[RollupRow], rollup_url: str, report_urls) -> list[RiskRow]:
    """The indicators whose province value misses the target, furthest behind first (as a
    share of the target, in the indicator's direction), each with the units furthest
    behind their own targets."""
    risks = []
    for row in rows:
        if row.judgement in (None, Judgement.MET):
            continue
        indicator = row.indicator
        behind = shortfall(
            value=row.province_value, target=indicator.target_value, direction=indicator.direction
        )
        if behind is None or behind <= 0:
            continue
        units = []
        for unit in row.units:
            unit_behind = shortfall(
                value=unit.value, target=unit.target, direction=indicator.direction
            )
            if unit_behind is not None and unit_behind > 0:
                units.append((unit_behind, unit))
        units.sort(key=lambda pair: (-pair[0], pair[1].agency.name))
        risks.append(
            RiskRow(
                indicator=indicator,
                province_value=row.province_value,
                target=indicator.target_value,
                gap=abs(row.province_value - indicator.target_value),
                shortfall=behind,
                mark=mark(row.judgement),
                url=_anchor(rollup_url, indicator),
                units=[
                    UnitBehind(
                        unit.agency,
                        unit.value,
                        unit.target,
                        mark(unit.judgement),
                        report_urls.get(unit.agency.pk, ""),
                    )
                    for _behind, unit in units[:UNITS_BEHIND]
                ],
            )
        )
    risks.sort(key=lambda risk: (-risk.shortfall, risk.indicator.order))
    return risks


def _scorecard(rows: list[RollupRow], params, here, trends_page, panels, report_urls) -> Scorecard:
    """Units × indicators, each cell the unit's value judged against its own target, the
    province first; sorted by the column asked for; ranked by Đạt, then Tiến bộ."""
    indicators = [row.indicator for row in rows]
    province = ScoreRow(
        agency=None,
        cells=[
            Cell(
                row.province_value,
                row.indicator.target_value,
                mark(row.judgement),
                _anchor(panels.rollup_url, row.indicator),
            )
            for row in rows
        ],
    )
    marks = {judgement: mark(judgement) for judgement in JUDGEMENTS}  # once, not per cell
    met, progress = Judgement.MET, Judgement.PROGRESS
    # Each unit's row, in the order the units first appear; a cell stays None where the
    # indicator's row does not list the unit.
    by_unit: dict[int, tuple[ScoreRow, str]] = {}  # and the unit's report for the period
    for index, row in enumerate(rows):
        for unit in row.units:
            agency = unit.agency
            found = by_unit.get(agency.pk)
            if found is None:
                found = by_unit[agency.pk] = (
                    ScoreRow(
                        agency=agency,
                        cells=[None] * len(rows),
                        trend_url=trends_page(unit=agency.pk),
                    ),
                    report_urls.get(agency.pk, ""),
                )
            score, report_url = found
            judgement = unit.judgement
            score.cells[index] = Cell(unit.value, unit.target, marks[judgement], report_url)
            score.met += judgement == met
            score.progress += judgement == progress
    units = [score for score, _url in by_unit.values()]
    # Competition ranking: units with as many Đạt and Tiến bộ share a place.
    ordered = sorted(units, key=lambda s: (-s.met, -s.progress))
    for position, score in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous and (previous.met, previous.progress) == (score.met, score.progress)
        score.rank = previous.rank if same else position

    sort, descending = params.get("sort") or "name", params.get("dir") == "desc"
    column = {f"ind-{indicator.pk}": index for index, indicator in enumerate(indicators)}
    if sort == "rank":
        units.sort(key=lambda s: (s.rank, s.agency.name), reverse=descending)
    elif sort in column:
        index = column[sort]
        with_value = [s for s in units if s.cells[index] and s.cells[index].value is not None]
        without = [s for s in units if s not in with_value]
        with_value.sort(key=lambda s: (s.cells[index].value, s.agency.name), reverse=descending)
        units = with_value + sorted(without, key=lambda s: s.agency.name)
    else:
        sort = "name"
        units.sort(key=lambda s: s.agency.name, reverse=descending)
    hiding = params.get("empty") == "hide"
    shown = [s for s in units if not (hiding and s.is_empty)]
    # A country's thousands of communes are read a page at a time, in the order chosen.
    pages = max(1, -(-len(shown) // SCORECARD_ROWS))
    try:
        page = min(max(int(params.get("page") or 1), 1), pages)
    except (TypeError, ValueError):
        page = 1
    start = (page - 1) * SCORECARD_ROWS

    def sort_link(key: str) -> SortLink:
        current = sort == key
        flip = "desc" if current and not descending else ""
        order = ("descending" if descending else "ascending") if current else ""
        return SortLink(here("indicator-scorecard", sort=key, dir=flip, page=""), order)

    return Scorecard(
        columns=[(indicator, sort_link(f"ind-{indicator.pk}")) for indicator in indicators],
        name_sort=sort_link("name"),
        rank_sort=sort_link("rank"),
        province=province,
        rows=shown[start : start + SCORECARD_ROWS],
        listed=shown,
        hidden=len(units) - len(shown),
        hiding=hiding,
        toggle_empty_url=here("indicator-scorecard", empty="" if hiding else "hide", page=""),
        total=len(shown),
        first=start + 1,
        last=min(start + SCORECARD_ROWS, len(shown)),
        previous_url=here("indicator-scorecard", page=page - 1) if page > 1 else "",
        next_url=here("indicator-scorecard", page=page + 1) if page < pages else "",
    )


def _trend_unit(visible: dict[int, Agency], params, choice, user) -> Agency | None:
    """The unit whose own trend is drawn beside the province's: the one asked for (that
    the user may see), or a reporting unit's own agency."""
    try:
        asked = int(params.get("unit") or 0)
    except (TypeError, ValueError):
        asked = 0
    if asked in visible:
        return visible[asked]
    if choice.unit_ids is not None:
        if user.agency_id in visible:
            return visible[user.agency_id]
        return next(iter(sorted(visible.values(), key=lambda a: a.name)), None)
    return None
