"""Indicator trends across periods and school years.

An indicator is followed back through the plans it continues (``Indicator.previous``):
for each earlier school year, the province value of that year's latest approved period
(its year-end review when it has one), then the oldest year's baseline, then the chosen
plan's own periods. A unit's line follows the unit across a reorganisation only where
its figures truly carry on (``directives.lineage.ancestries``): when the agencies it was
formed from went wholly into it, the points before the change are theirs, summed by the
indicator's own rule and marked as such; otherwise its line starts at the change.

Every trend shares one axis, so that the table, the chart and the workbook line up; an
indicator with no figure for a point shows a gap there. The cost is one roll-up per
earlier plan, never one per indicator.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from dashboard.charts_indicators import trend_chart
from directives.lineage import Ancestry, ancestries
from directives.models import Agency, Directive
from indicators.models import Indicator, IndicatorTarget
from indicators.rollup import UnitFigure, roll_up
from reports.models import ProgressReport, ProvinceValue, ReportingPeriod
from reports.selectors import RollupRow, indicator_rollups, province_figures

# How many school years back a trend looks: a chain longer than this is cut, and a loop
# in the links (a plan continuing itself) cannot run forever.
YEARS_BACK = 10


@dataclass
class TrendPoint:
    label: str  # short, under the chart
    name: str  # in full, in the table
    province: Decimal | None
    unit: Decimal | None = None
    province_url: str = ""
    unit_url: str = ""
    is_baseline: bool = False
    # The unit's figure is that of the agencies it was formed from, before the change.
    unit_inherited: bool = False


@dataclass
class Trend:
    indicator: Indicator
    points: list[TrendPoint]
    chart: SafeString


@dataclass
class UnitHistory:
    """What the panel says of the unit's line across the reorganisation that formed it."""

    since: datetime.date
    predecessors: tuple[Agency, ...]
    continuous: bool

    @property
    def note(self) -> str:
        day = self.since.strftime("%d/%m/%Y")
        if self.continuous:
            return pgettext(
                "indicator panels",
                "Before %(day)s (hollow squares): figures of the units before the "
                "reorganisation: %(names)s.",
            ) % {"day": day, "names": ", ".join(a.name for a in self.predecessors)}
        return pgettext(
            "indicator panels",
            "Unit formed on %(day)s: no figures from before the reorganisation.",
        ) % {"day": day}


@dataclass
class Trends:
    trends: list[Trend] = field(default_factory=list)
    unit_history: UnitHistory | None = None


@dataclass(frozen=True)
class _Slot:
    """A point of the shared axis: an earlier year's period, a baseline, or a period of
    the chosen plan."""

    key: tuple
    order: tuple
    label: str
    name: str
    period: ReportingPeriod | None = None
    is_baseline: bool = False


def indicator_trends(
    directive,
    periods: list[ReportingPeriod],
    unit: Agency | None,
    rollups: dict[int, list[RollupRow]],
) -> Trends:
    """Each indicator's trend over the periods (the chosen plan's, in order) and the
    earlier years it continues. ``rollups`` are the periods' full roll-ups: only the
    province's figures, the unit's own and those of the agencies it was formed from are
    read from them."""
    current = rollups[periods[-1].pk]
    indicators = [row.indicator for row in current]
    ancestry = ancestries([unit])[unit.pk] if unit is not None else None
    # Of an earlier year's units, a trend reads only the unit's and its predecessors'.
    listed = set()
    if unit is not None:
        listed = {unit.pk} | {agency.pk for agency in ancestry.predecessors}
    chains, earlier = _earlier_years(indicators, listed)
    history = None
    if ancestry is not None and ancestry.since is not None:
        history = UnitHistory(ancestry.since, ancestry.predecessors, ancestry.continuous)

    # Each slot is made once (its names are translated), not once an indicator.
    period_slots: dict[tuple[int, bool], _Slot] = {}
    baseline_slots: dict[int | None, _Slot] = {}

    def period_slot(period: ReportingPeriod, *, earlier_year: bool) -> _Slot:
        key = (period.pk, earlier_year)
        if key not in period_slots:
            period_slots[key] = _period_slot(period, earlier_year=earlier_year)
        return period_slots[key]

    def baseline_slot(indicator: Indicator) -> _Slot:
        if indicator.baseline_year_id not in baseline_slots:
            baseline_slots[indicator.baseline_year_id] = _baseline_slot(indicator)
        return baseline_slots[indicator.baseline_year_id]

    slots: dict[tuple, _Slot] = {}
    for chain in chains.values():
        for indicator in chain[1:]:
            if (found := earlier.get(indicator.directive_id)) is not None:
                slot = period_slot(found[0], earlier_year=True)
                slots[slot.key] = slot
        slot = baseline_slot(chain[-1])
        slots[slot.key] = slot
    for period in periods:
        slot = period_slot(period, earlier_year=False)
        slots[slot.key] = slot
    axis = sorted(slots.values(), key=lambda s: s.order)

    unit_reports, baselines = {}, {}
    if unit is not None:
        every_period = [s.period for s in axis if s.period is not None]
        unit_reports = dict(
            ProgressReport.objects.filter(period__in=every_period, agency=unit).values_list(
                "period_id", "pk"
            )
        )
        baselines = _unit_baselines([chain[-1] for chain in chains.values()], unit, ancestry)

    # Each period's roll-up page, which every indicator's point links to.
    rollup_urls = {
        slot.period.pk: reverse("reports:period_rollup", args=[slot.period.pk])
        for slot in axis
        if slot.period is not None
    }
    trends = []
    for index, indicator in enumerate(indicators):
        chain = chains[indicator.pk]
        cells: dict[tuple, TrendPoint] = {}
        oldest = chain[-1]
        baseline = baseline_slot(oldest)
        unit_baseline, inherited = baselines.get(oldest.pk, (None, False))
        cells[baseline.key] = TrendPoint(
            label=baseline.label,
            name=baseline.name,
            province=oldest.baseline_value,
            unit=unit_baseline,
            is_baseline=True,
            unit_inherited=inherited,
        )
        for earlier_indicator in chain[1:]:
            found = earlier.get(earlier_indicator.directive_id)
            if found is None:
                continue
            period, rows = found
            row = rows.get(earlier_indicator.pk)
            slot = period_slot(period, earlier_year=True)
            cells[slot.key] = _point(
                slot, row, earlier_indicator, unit, ancestry, unit_reports, rollup_urls
            )
        for period in periods:
            slot = period_slot(period, earlier_year=False)
            cells[slot.key] = _point(
                slot,
                rollups[period.pk][index],
                indicator,
                unit,
                ancestry,
                unit_reports,
                rollup_urls,
            )
        points = [
            cells.get(slot.key) or TrendPoint(slot.label, slot.name, None, is_baseline=False)
            for slot in axis
        ]
        chart = trend_chart(
            title=pgettext("indicator panels", "Trend: %(indicator)s") % {"indicator": indicator},
            labels=[point.label for point in points],
            province=[point.province for point in points],
            target=indicator.target_value,
            unit=[point.unit for point in points] if unit else None,
            unit_name=str(unit) if unit else "",
            unit_inherited=[point.unit_inherited for point in points] if unit else None,
        )
        trends.append(Trend(indicator, points, mark_safe(chart)))  # trend_chart escapes every text
    return Trends(trends, history)


def _earlier_years(indicators: list[Indicator], listed: set[int]):
    """Each indicator's chain back through the plans it continues (itself first), and
    for each earlier plan its trend period with its roll-up rows by indicator, listing
    the units of ``listed`` only. The chains are walked first, a query two school
    years; then the periods and the province's figures of every earlier plan are read at once
    (a unit's line costs a roll-up per earlier plan), whatever the number of indicators."""
    chains = {indicator.pk: [indicator] for indicator in indicators}
    seen_directives = {indicator.directive_id for indicator in indicators}
    tails = {indicator.pk: indicator for indicator in indicators if indicator.previous_id}
    found_by_directive = defaultdict(list)
    ahead: dict[int, Indicator] = {}  # the year before, read with the year found
    for _year in range(YEARS_BACK):
        wanted = {tail.previous_id: pk for pk, tail in tails.items() if tail.previous_id}
        if not wanted:
            break
        if all(pk in ahead for pk in wanted):
            found = [ahead[pk] for pk in wanted if ahead[pk].directive_id not in seen_directives]
            ahead = {}
        else:
            # Two years a query. Not their plans: a plan's row holds its whole text.
            found = list(
                Indicator.objects.filter(pk__in=wanted)
                .exclude(directive_id__in=seen_directives)
                .select_related("baseline_year", "previous__baseline_year")
            )
            ahead = {i.previous_id: i.previous for i in found if i.previous_id is not None}
        tails = {}
        for indicator in found:
            found_by_directive[indicator.directive_id].append(indicator)
            pk = wanted[indicator.pk]
            chains[pk].append(indicator)
            tails[pk] = indicator
        seen_directives |= set(found_by_directive)
    earlier: dict[int, tuple[ReportingPeriod, dict[int, RollupRow]]] = {}
    chosen = _year_periods(list(found_by_directive))
    if listed:
        # A roll-up reads the plan's indicators, by its key only.
        directives = Directive.objects.only("pk").in_bulk(list(chosen))
        for directive_id, period in chosen.items():
            rows = indicator_rollups(directives[directive_id], [period], listed=listed)
            rows = rows[period.pk]
            earlier[directive_id] = (period, {row.indicator.pk: row for row in rows})
    elif chosen:
        # The province's line only: its values, added up by the database.
        values = province_figures(
            [i for directive_id in chosen for i in found_by_directive[directive_id]],
            list(chosen.values()),
        )
        for directive_id, period in chosen.items():
            earlier[directive_id] = (
                period,
                {
                    indicator.pk: RollupRow(indicator, values[period.pk][indicator.pk], None, None)
                    for indicator in found_by_directive[directive_id]
                },
            )
    return chains, earlier


def _year_periods(directive_ids: list[int]) -> dict[int, ReportingPeriod]:
    """For each plan, the period that stands for its year: the latest with approved
    figures, its year-end review (tổng kết năm học) first."""
    if not directive_ids:
        return {}
    approved = ProgressReport.objects.filter(
        period=OuterRef("pk"), status=ProgressReport.Status.APPROVED
    )
    entered = ProvinceValue.objects.filter(period=OuterRef("pk"))
    periods = (
        ReportingPeriod.objects.filter(directive_id__in=directive_ids)
        .filter(Q(Exists(approved)) | Q(Exists(entered)))
        .select_related("school_year")
        .order_by("ends_on", "pk")
    )
    chosen: dict[int, ReportingPeriod] = {}
    for period in periods:
        best = chosen.get(period.directive_id)
        year_end = period.kind == ReportingPeriod.Kind.YEAR_END
        if best is None or year_end or best.kind != ReportingPeriod.Kind.YEAR_END:
            chosen[period.directive_id] = period
    return chosen


def _period_slot(period: ReportingPeriod, *, earlier_year: bool) -> _Slot:
    year = period.school_year
    label = str(year) if earlier_year else period.ends_on.strftime("%m/%Y")
    name = period.name
    if earlier_year and str(year) not in name:
        name = pgettext("indicator panels", "%(period)s, school year %(year)s") % {
            "period": name,
            "year": year,
        }
    return _Slot(("period", period.pk), (period.ends_on, 1, period.pk), label, name, period)


def _baseline_slot(indicator: Indicator) -> _Slot:
    year = indicator.baseline_year
    if year is None:
        # A baseline of no stated year comes first.
        return _Slot(
            ("baseline", None),
            (datetime.date.min, 0, 0),
            pgettext("indicator panels", "baseline"),
            pgettext("indicator panels", "Baseline"),
            is_baseline=True,
        )
    return _Slot(
        ("baseline", year.pk),
        (year.span[1], 0, 0),
        str(year),
        pgettext("indicator panels", "Baseline (school year %(year)s)") % {"year": year},
        is_baseline=True,
    )


def _point(
    slot: _Slot,
    row: RollupRow | None,
    indicator: Indicator,
    unit: Agency | None,
    ancestry: Ancestry | None,
    unit_reports: dict[int, int],
    rollup_urls: dict[int, str],
) -> TrendPoint:
    period = slot.period
    point = TrendPoint(
        label=slot.label,
        name=slot.name,
        province=row.province_value if row else None,
        province_url=f"{rollup_urls[period.pk]}#indicator-{indicator.order}",
    )
    if unit is None or row is None:
        return point
    figures = {u.agency.pk: u for u in row.units}
    before_change = ancestry is not None and ancestry.since and period.ends_on < ancestry.since
    if before_change:
        point.unit, point.unit_inherited = _inherited(indicator, ancestry, figures)
        return point
    own = figures.get(unit.pk)
    point.unit = own.value if own else None
    if period.pk in unit_reports:
        point.unit_url = reverse("reports:report_detail", args=[unit_reports[period.pk]])
    return point


def _inherited(indicator: Indicator, ancestry: Ancestry, figures) -> tuple[Decimal | None, bool]:
    """The unit's figure before the change: its predecessors' figures under the
    indicator's rule, when they went wholly into it and every one of them reported."""
    if not ancestry.continuous or indicator.rollup_rule == Indicator.RollupRule.NONE:
        return None, False
    rows = [figures.get(agency.pk) for agency in ancestry.predecessors]
    if any(row is None or row.value is None for row in rows):
        return None, False  # part of the area is no figure for the whole
    value = roll_up(
        rule=indicator.rollup_rule,
        figures=[UnitFigure(row.value, row.numerator, row.denominator) for row in rows],
        ratio_scale=indicator.ratio_scale,
    )
    return value, value is not None


def _unit_baselines(
    oldest: list[Indicator], unit: Agency, ancestry: Ancestry | None
) -> dict[int, tuple[Decimal, bool]]:
    """The unit's baseline for each oldest indicator of a chain, and whether it is its
    predecessors': its own, or for a count its predecessors' summed, when they went
    wholly into it (a rate's baseline has no numerator to add up)."""
    agency_ids = [unit.pk]
    if ancestry is not None and ancestry.continuous:
        agency_ids += [agency.pk for agency in ancestry.predecessors]
    found = defaultdict(dict)
    for indicator_id, agency_id, baseline in IndicatorTarget.objects.filter(
        indicator__in=oldest, agency_id__in=agency_ids
    ).values_list("indicator_id", "agency_id", "baseline_value"):
        found[indicator_id][agency_id] = baseline
    result = {}
    for indicator in oldest:
        by_agency = found.get(indicator.pk, {})
        if by_agency.get(unit.pk) is not None:
            result[indicator.pk] = (by_agency[unit.pk], False)
        elif (
            ancestry is not None
            and ancestry.continuous
            and indicator.rollup_rule == Indicator.RollupRule.SUM
            and all(by_agency.get(a.pk) is not None for a in ancestry.predecessors)
        ):
            total = sum((by_agency[a.pk] for a in ancestry.predecessors), Decimal(0))
            result[indicator.pk] = (total, True)
    return result
