"""Demo data for the school years after the 2025 reform: 3707/KH-UBND rolled forward by
the product's own roll-forward into 2025 - 2026, and that plan into 2026 - 2027, reported
by Lai Châu's 38 commune-level units (Nghị quyết 1670/NQ-UBTVQH15).

The real plans of those years are not among our documents: both are marked as demo data,
keep last year's text with the new year's labels, and have no number. Staff settle what
the roll-forward could not carry as they would: the appendix's indicators that count
district-level units are dropped (there are none after the reform), every commune gets
targets, the province targets rise a little over the baselines. 2025 - 2026 has its
mid-year and year-end reviews approved; 2026 - 2027 has its mid-year review open, due
three days before the demo is loaded, with a realistic mix of reports.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from accounts.demo import DIVISION_STAFF, commune_agencies
from accounts.models import User
from directives.assigning import assign
from directives.lineage import successions_on
from directives.models import Agency, Assignment, Directive, SchoolYear
from indicators.models import Indicator
from indicators.targets import set_province_targets, set_unit_targets
from planning.models import RollForward, RollForwardIssue
from planning.rollforward import roll_forward, settle_issue
from reports import workflow
from reports.demo import (
    DIVISION_OUTCOMES,
    at,
    backdate_review,
    backdate_submission,
    fill_report,
    lock_period,
    open_demo_period,
)
from reports.models import ReportingPeriod
from reports.workflow.scope import reporting_unit_choices

# Counted units that name a level of local government the reform removed.
DISTRICT_UNITS = {"huyện", "quận", "thị xã"}
# A commune's population is about a fifth of a district's (8 districts, 38 communes).
COMMUNE_SCALE = 8 / 38
# Communes brought to PCGD THCS level 3 by each year's end (indicator "Số đơn vị cấp xã
# đạt chuẩn phổ cập giáo dục THCS mức độ 3"), and the commune that stays behind.
LEVEL_3_COMMUNES = {2025: 14, 2026: 18}
LAGGARD = "lc-xa-pau"
LAGGARD_BEHIND = Decimal(3)

YEARS = {
    2025: {
        "periods": [
            (
                ReportingPeriod.Kind.SEMESTER_1,
                "Sơ kết học kỳ I năm học 2025 - 2026",
                datetime.date(2025, 9, 5),
                datetime.date(2026, 1, 17),
                datetime.date(2026, 1, 24),
            ),
            (
                ReportingPeriod.Kind.YEAR_END,
                "Tổng kết năm học 2025 - 2026",
                datetime.date(2025, 9, 5),
                datetime.date(2026, 5, 31),
                datetime.date(2026, 6, 10),
            ),
        ]
    },
}
CURRENT_PERIOD_NAME = "Sơ kết học kỳ I năm học 2026 - 2027"

# The mix of the open review among the communes, by how many: the rest are approved.
CURRENT_MIX = {"submitted": 8, "late": 4, "returned": 3, "draft": 4, "not_started": 3}
RETURN_REASON = (
    "Số liệu huy động trẻ mẫu giáo chưa khớp với số liệu thống kê đầu năm học của xã; "
    "đề nghị rà soát, báo cáo lại."
)


@transaction.atomic
def load_later_years() -> ReportingPeriod | None:
    """Roll 3707/KH-UBND into 2025 - 2026 and 2026 - 2027 and report on both; return the
    open mid-year review of 2026 - 2027, or None when it exists already.

    Needs the 2024 - 2025 demo (its approved year-end review gives the baselines) and the
    seed data's reorganisation of Lai Châu. Raises ImproperlyConfigured unless DEBUG is on.
    """
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo data is only created with DEBUG on.")
    first = Directive.objects.get(number="3707", symbol="KH-UBND")
    if Directive.objects.filter(previous_year__previous_year=first).exists():
        return None
    staff = User.objects.get(username="chuyenvien")
    leadership = User.objects.get(username="lanhdao")
    communes = commune_agencies(Agency.objects.filter(kind=Agency.Kind.COMMUNE))
    plan_2025 = _new_year(first, 2025, staff, communes)
    for kind, name, starts_on, ends_on, due_on in YEARS[2025]["periods"]:
        period = _open(plan_2025, kind, name, starts_on, ends_on, due_on, staff)
        _report_everyone(period, staff, leadership, communes, year_end=kind == "year_end")
        lock_period(period, by=staff)
    plan_2026 = _new_year(plan_2025, 2026, staff, communes)
    today = timezone.localdate()
    current = _open(
        plan_2026,
        ReportingPeriod.Kind.SEMESTER_1,
        CURRENT_PERIOD_NAME,
        datetime.date(2026, 9, 5),
        datetime.date(2027, 1, 16),
        today - datetime.timedelta(days=3),
        staff,
    )
    _report_mix(current, staff, leadership, communes)
    return current


def _new_year(previous: Directive, start_year: int, staff: User, communes) -> Directive:
    """Roll the plan forward and settle it as staff would."""
    school_year, _ = SchoolYear.objects.get_or_create(start_year=start_year)
    record = roll_forward(directive=previous, school_year=school_year, by=staff, is_demo=True)
    plan = record.result
    Directive.objects.filter(pk=plan.pk).update(
        is_draft=False, issued_on=datetime.date(start_year, 9, 12)
    )
    plan.refresh_from_db()
    for indicator in plan.indicators.all():
        if indicator.unit.strip().casefold() in DISTRICT_UNITS:
            indicator.delete()
    indicators = list(plan.indicators.all())
    set_province_targets(
        directive=plan,
        targets={i: _province_target(i, start_year, len(communes)) for i in indicators},
        by=staff,
    )
    for indicator in indicators:
        if indicator.rollup_rule == Indicator.RollupRule.NONE:
            continue
        set_unit_targets(
            indicator=indicator,
            targets={
                commune: _unit_target(indicator, start_year, index)
                for index, commune in enumerate(communes)
            },
            by=staff,
        )
    _settle(record, staff)
    return plan


def _settle(record: RollForward, staff: User) -> None:
    """Settle what roll-forward listed: a task a closed district led is led by the units
    that replaced it, each in its area; the communes' targets are given above."""
    first_day = record.school_year.span[0]
    for issue in record.issues.select_related("agency", "task"):
        if issue.kind == RollForwardIssue.Kind.LEAD and issue.task and issue.agency:
            successors = successions_on([issue.agency], first_day)[issue.agency.pk].successors
            assign(
                tasks=[issue.task], agencies=list(successors), role=Assignment.Role.LEAD, by=staff
            )
            note = "Giao các đơn vị tiếp nhận chủ trì thực hiện trên địa bàn."
        elif issue.kind == RollForwardIssue.Kind.UNIT_TARGET:
            note = "Đã giao chỉ tiêu cho từng xã, phường."
        elif issue.kind == RollForwardIssue.Kind.BASELINE:
            note = "Đã rà soát; chỉ tiêu giao theo số xã, phường sau sắp xếp."
        else:
            continue
        settle_issue(issue=issue, note=note, by=staff)


def _is_level_3(indicator: Indicator) -> bool:
    return (
        indicator.unit.strip().casefold() == "xã"
        and "mức độ 3" in indicator.name
        and ("THCS" in indicator.name)
    )


def _province_target(indicator: Indicator, start_year: int, communes: int) -> Decimal:
    if indicator.unit.strip().casefold() == "xã":
        return Decimal(LEVEL_3_COMMUNES[start_year] if _is_level_3(indicator) else communes)
    baseline = indicator.baseline_value or indicator.previous.target_value or Decimal(0)
    if indicator.direction == Indicator.Direction.LOWER:
        return max(Decimal(0), baseline - Decimal("0.5"))
    ceiling = Decimal(100) if indicator.unit.strip() == "%" else baseline + 10
    return min(ceiling, (baseline + Decimal("0.6")).quantize(Decimal("0.1")))


def _unit_target(indicator: Indicator, start_year: int, index: int) -> Decimal:
    if indicator.unit.strip().casefold() == "xã":
        if _is_level_3(indicator):
            return Decimal(1 if index < LEVEL_3_COMMUNES[start_year] else 0)
        return Decimal(1)
    return indicator.target_value


def _open(plan, kind, name, starts_on, ends_on, due_on, staff) -> ReportingPeriod:
    """A period the communes, the Sở and its divisions report on (the other departments
    are left out, as in the 2024 - 2025 demo's reviews)."""
    writers = _writer_names(plan)
    units = [
        agency
        for agency in reporting_unit_choices(plan, starts_on=starts_on, ends_on=ends_on)
        if agency.code in writers
    ]
    return open_demo_period(
        plan=plan,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        by=staff,
        units=units,
    )


def _writer_names(plan: Directive) -> dict[str, str]:
    """The demo account that writes each unit's report, by agency code."""
    names = {"lc-sgddt": "chuyenvien"}
    names |= {f"lc-sgddt-{suffix}": username for username, suffix, _n in DIVISION_STAFF}
    for agency in commune_agencies(Agency.objects.filter(kind=Agency.Kind.COMMUNE)):
        kind, slug = agency.code.removeprefix("lc-").split("-", 1)
        names[agency.code] = f"{kind}_{slug}"
    return names


def _writers(period: ReportingPeriod) -> dict[int, User]:
    """Who writes each unit's report, by agency pk."""
    names = _writer_names(period.directive)
    users = {u.username: u for u in User.objects.filter(username__in=names.values())}
    return {
        report.agency_id: users[names[report.agency.code]]
        for report in period.reports.select_related("agency")
    }


def _report_everyone(period, staff, leadership, communes, *, year_end: bool) -> None:
    """A closed review: every unit reported and was approved, a few late."""
    rng = random.Random(period.ends_on.toordinal())
    writers = _writers(period)
    for report in period.reports.select_related("agency").order_by("agency__code"):
        writer = writers[report.agency_id]
        is_sở = report.agency.code.startswith("lc-sgddt")
        behind = LAGGARD_BEHIND if report.agency.code == LAGGARD else Decimal(0)
        fill_report(
            report,
            writer,
            rng,
            behind=behind,
            scale=1 if is_sở else COMMUNE_SCALE,
            year_end=year_end,
        )
        workflow.submit_report(report=report, by=writer)
        late = rng.random() < 0.1
        first = (
            at(period.due_on + datetime.timedelta(days=rng.randint(1, 4)), 15)
            if late
            else (at(period.due_on - datetime.timedelta(days=rng.randint(1, 7))))
        )
        backdate_submission(report, first)
        workflow.approve_report(report=report, by=leadership if is_sở else staff)
        backdate_review(report, first + datetime.timedelta(days=2))
    if year_end:
        # The Sở's own figures come close to what it aimed for.
        for indicator in period.directive.indicators.filter(rollup_rule=Indicator.RollupRule.NONE):
            aim = indicator.target_value or indicator.baseline_value
            if aim is not None:
                workflow.set_province_value(
                    period=period,
                    indicator=indicator,
                    value=max(Decimal(0), aim - Decimal("0.5")),
                    note="Số liệu thống kê cuối năm học của Sở.",
                    by=staff,
                )


def _report_mix(period, staff, leadership, communes) -> None:
    """The open review: most communes approved, the rest in every other state; the Sở's
    divisions as in the 2024 - 2025 demo."""
    rng = random.Random(2026)
    writers = _writers(period)
    outcomes = [kind for kind, count in CURRENT_MIX.items() for _ in range(count)]
    reports = list(period.reports.select_related("agency").order_by("agency__code"))
    commune_reports = [r for r in reports if r.agency.kind == Agency.Kind.COMMUNE]
    rng.shuffle(outcomes)
    outcomes += ["approved"] * (len(commune_reports) - len(outcomes))
    by_code = {r.agency.code: r for r in reports}
    plan = list(zip(commune_reports, outcomes, strict=True))
    plan += [(by_code["lc-sgddt"], "submitted")] if "lc-sgddt" in by_code else []
    for _username, suffix, _name in DIVISION_STAFF:
        report = by_code.get(f"lc-sgddt-{suffix}")
        if report is not None:
            plan.append((report, DIVISION_OUTCOMES[suffix]))
    for report, outcome in plan:
        if outcome == "not_started":
            continue
        writer = writers[report.agency_id]
        is_sở = report.agency.code.startswith("lc-sgddt")
        behind = LAGGARD_BEHIND if report.agency.code == LAGGARD else Decimal(0)
        fill_report(report, writer, rng, behind=behind, scale=1 if is_sở else COMMUNE_SCALE)
        if outcome == "draft":
            continue
        workflow.submit_report(report=report, by=writer)
        if outcome == "late":
            first = at(period.due_on + datetime.timedelta(days=1), 16)
        else:
            first = at(period.due_on - datetime.timedelta(days=rng.randint(1, 6)))
        backdate_submission(report, first)
        if outcome == "approved":
            workflow.approve_report(report=report, by=leadership if is_sở else staff)
        elif outcome == "returned":
            workflow.return_report(report=report, reason=RETURN_REASON, by=staff)
