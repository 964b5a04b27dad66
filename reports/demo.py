"""Demo data for school year 2024 - 2025 of 3707/KH-UBND: a closed first quarter, the
mid-year review and the year-end review, at the dates they had, for trying the workflow
and giving the dashboard periods and years to compare.

Created only by ``make run`` / ``load_demo_data`` with DEBUG on, and marked as demo data.
Every task is tracked: section III is assigned as section IV of the plan says, by the
product's own proposal (the Sở GD&ĐT leads, each district implements in its area); the
Sở then hands eight of its task groups to its divisions and gives some of them a
deadline.

The quarter (September to November 2024) is written from what each unit reports at
mid-year, as it stood at the end of November: fewer tasks done, values lower, so that the
province's figures rise from one period to the next; Tam Đường stays behind its targets
in both, Mường Tè reports late in both and Phong Thổ not at all at mid-year. By the
year-end review every district and division has reported and been approved (Phong Thổ
late): its values are what the next school year's plan takes as baselines. The later
school years, across the 2025 reform, are the planning app's demo.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from accounts.demo import DIVISION_STAFF, create_demo_accounts
from accounts.models import User
from directives import assigning, proposals
from directives.demo import ensure_demo_divisions
from directives.models import Agency, Assignment, Directive
from indicators.models import Indicator, IndicatorTarget
from reports import workflow
from reports.models import ProgressReport, ReportingPeriod

PERIOD_NAME = "Sơ kết học kỳ I năm học 2024 - 2025"
QUARTER_NAME = "Báo cáo quý I năm học 2024 - 2025"
YEAR_END_NAME = "Tổng kết năm học 2024 - 2025"
YEAR_STARTS_ON = datetime.date(2024, 9, 5)
QUARTER_ENDS_ON = datetime.date(2024, 11, 30)
QUARTER_DUE_ON = datetime.date(2024, 12, 10)
PERIOD_ENDS_ON = datetime.date(2025, 1, 18)
PERIOD_DUE_ON = datetime.date(2025, 1, 25)
YEAR_ENDS_ON = datetime.date(2025, 5, 31)
YEAR_END_DUE_ON = datetime.date(2025, 6, 10)
# Each period locks two weeks after its due date.
LOCKED_AFTER = datetime.timedelta(days=14)
# Province-only figures of the year-end review (roll-up rule "none"), by TT.
YEAR_END_PROVINCE_VALUES = {15: Decimal(100), 16: Decimal(92), 26: Decimal("63.5")}

# Commune-level units per district (106 in all), and the communes each aims to bring to
# PCGD THCS level 3 (23 in all), as the province's figures split by district.
COMMUNES = {
    "thanhpholaichau": (7, 5),
    "tamduong": (13, 3),
    "phongtho": (17, 3),
    "sinho": (22, 2),
    "muongte": (14, 2),
    "namnhun": (11, 2),
    "thanuyen": (12, 3),
    "tanuyen": (10, 3),
}

# What each district's report looks like in the demo.
OUTCOMES = {
    "thanhpholaichau": "approved",
    "tamduong": "approved",
    "thanuyen": "approved",
    "tanuyen": "approved",
    "sinho": "submitted",
    "muongte": "late",
    "namnhun": "returned",
    "phongtho": "not_started",
}

# The quarter is closed: every district approved but Mường Tè (late, then approved) and
# Phong Thổ (nothing); Nậm Nhùn was returned once and approved when corrected. Districts
# and the Sở's divisions report each quarter; the other departments only at mid-year.
QUARTER_OUTCOMES = {
    "thanhpholaichau": "approved",
    "tamduong": "approved",
    "thanuyen": "approved",
    "tanuyen": "approved",
    "sinho": "approved",
    "namnhun": "returned",
    "muongte": "late",
    "phongtho": "not_started",
}
# The district that stays behind its targets in every period, by percentage points, on
# enrolment, attendance, universal education and literacy (TT 1 to 14 of the appendix).
LAGGARD = "tamduong"
LAGGARD_BEHIND = Decimal(3)
LAGGARD_INDICATORS = range(1, 15)

# Typical denominators of the percentage indicators for a district (children, people,
# teachers, schools, sets of equipment).
DENOMINATORS = {
    1: 2600,
    2: 5200,
    3: 1900,
    4: 1750,
    9: 26000,
    10: 26000,
    12: 420,
    13: 610,
    14: 480,
    17: 22,
    18: 22,
    19: 21,
    20: 21,
    21: 24,
    22: 24,
    23: 180,
    24: 260,
    25: 210,
}

RESULTS = [
    "Đã ban hành kế hoạch triển khai nhiệm vụ năm học 2024 - 2025 trên địa bàn; tổ chức "
    "hội nghị quán triệt tới 100% cơ sở giáo dục.",
    "Phối hợp với ngành Giáo dục tuyên truyền, vận động học sinh ra lớp; duy trì sĩ số, "
    "tỷ lệ chuyên cần đạt trên 97%.",
]
DIFFICULTIES = (
    "Một số điểm trường lẻ ở vùng sâu, vùng xa đi lại khó khăn; còn thiếu giáo viên Tiếng "
    "Anh, Tin học."
)
PROPOSALS = "Đề nghị tỉnh bố trí kinh phí kiên cố hóa phòng học tạm ở các điểm trường lẻ."
QUARTER_RESULTS = [
    "Đã xây dựng kế hoạch triển khai nhiệm vụ năm học; đang hướng dẫn các cơ sở giáo dục "
    "thực hiện.",
    "Đã tổ chức tuyên truyền, vận động học sinh ra lớp đầu năm học; đang rà soát số liệu huy động.",
]


# The division that leads each task group of section III (by its number), and the
# deadline the Sở sets for it; groups not listed stay with the Sở itself.
DIVISION_LEADS = {
    "1": ("vp", None),
    "2": ("gdpt", None),
    "3": ("gdpt", datetime.date(2025, 1, 15)),
    "4": ("tccb", datetime.date(2024, 12, 31)),
    "5": ("khtc", datetime.date(2024, 11, 30)),
    "6": ("gdpt", None),
    "7": ("vp", datetime.date(2024, 12, 15)),
    "8": ("vp", datetime.date(2025, 3, 31)),
}
DIVISION_OUTCOMES = {"gdpt": "approved", "khtc": "approved", "tccb": "submitted", "vp": "draft"}


def _track_every_task(staff: User) -> None:
    """Every seed document's tasks get a lead: its own implementation section's proposal,
    and for what the proposal leaves (tasks that only name coordinating agencies) the
    proposed lead, else the issuer, as staff would settle them."""
    for directive in Directive.objects.all():
        proposal = proposals.propose(directive)
        if proposal is not None and proposal.tasks:
            proposals.accept_proposal(directive=directive, by=staff)
        left = list(assigning.tasks_without_lead(directive))
        if left:
            lead = proposal.lead if proposal is not None and proposal.lead else directive.issuer
            assigning.assign(tasks=left, agencies=[lead], role=Assignment.Role.LEAD, by=staff)


def _assign_tasks(plan: Directive, staff: User) -> None:
    """Track every task, then give groups of the plan to divisions as the Sở would."""
    _track_every_task(staff)
    department = Agency.objects.get(code="lc-sgddt")
    divisions = ensure_demo_divisions(department)
    for group in plan.task_groups.filter(number__in=DIVISION_LEADS).prefetch_related("tasks"):
        suffix, due_on = DIVISION_LEADS[group.number]
        tasks = list(group.tasks.all())
        assigning.unassign(
            assignments=Assignment.objects.filter(task__in=tasks, agency=department), by=staff
        )
        assigning.assign(
            tasks=tasks,
            agencies=[divisions[suffix]],
            role=Assignment.Role.LEAD,
            due_on=due_on,
            by=staff,
        )
    # Quality of early-childhood education is the pre-school division's part of group 3.
    assigning.assign(
        tasks=list(plan.task_groups.get(number="3").tasks.all()),
        agencies=[divisions["gdmn"]],
        role=Assignment.Role.COORDINATE,
        by=staff,
    )


def _unit_targets(plan: Directive) -> None:
    indicators = {i.order: i for i in plan.indicators.exclude(rollup_rule="none")}
    for slug, (communes, level3) in COMMUNES.items():
        agency = Agency.objects.get(code=f"lc-{slug}-ubnd")
        for order, indicator in indicators.items():
            if order == 5:
                baseline = target = Decimal(communes)
            elif order == 8:
                baseline, target = Decimal(max(level3 - 1, 0)), Decimal(level3)
            elif order in (6, 7):
                baseline, target = Decimal(1 if order == 6 or slug != "muongte" else 0), Decimal(1)
            elif order == 11:
                baseline, target = Decimal(0), Decimal(1 if slug == "thanhpholaichau" else 0)
            else:
                baseline, target = indicator.baseline_value, indicator.target_value
            IndicatorTarget.objects.get_or_create(
                indicator=indicator,
                agency=agency,
                defaults={"baseline_value": baseline, "target_value": target},
            )


def _figures(
    report: ProgressReport, rng: random.Random, *, behind: Decimal = Decimal(0), scale: float = 1
) -> list[workflow.ValueInput]:
    """Values near the unit's targets; ``behind`` percentage points short of them on the
    laggard's indicators; denominators of a district's size times ``scale``."""
    values = []
    for indicator in workflow.indicators_for(report).prefetch_related("unit_targets"):
        short = behind if indicator.order in LAGGARD_INDICATORS else Decimal(0)
        target = next(t for t in indicator.unit_targets.all() if t.agency_id == report.agency_id)
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            denominator = Decimal(
                max(
                    3, round(DENOMINATORS.get(indicator.order, 100) * scale * rng.uniform(0.6, 1.5))
                )
            )
            share = (
                min(
                    Decimal(100),
                    target.target_value + Decimal(str(round(rng.uniform(-1.6, 0.6), 2))),
                )
                - short
            )
            numerator = (denominator * share / 100).quantize(Decimal(1))
            values.append(
                workflow.ValueInput(indicator.pk, numerator=numerator, denominator=denominator)
            )
        else:
            shortfall = 1 if indicator.order == 8 and rng.random() < 0.4 else 0
            if indicator.order == 8 and short:
                shortfall = 1
            values.append(
                workflow.ValueInput(
                    indicator.pk, value=max(target.target_value - shortfall, Decimal(0))
                )
            )
    return values


def _answer(rng: random.Random, index: int, *, starts_on: datetime.date) -> dict:
    """A realistic answer: most work under way, some done (on a day of the semester)."""
    progress = rng.choice(["in_progress", "done", "in_progress", "done", "delayed"])
    completed_on = (
        min(
            starts_on + datetime.timedelta(days=26 + rng.randint(0, 105)),
            timezone.localdate(),  # a semester still under way is done up to today
        )
        if progress == "done"
        else None
    )
    return {
        "progress": progress,
        "completed_on": completed_on,
        "results": RESULTS[index % len(RESULTS)],
        "difficulties": DIFFICULTIES,
        "proposals": PROPOSALS,
    }


def fill_report(
    report: ProgressReport,
    by: User,
    rng: random.Random,
    *,
    behind: Decimal = Decimal(0),
    scale: float = 1,
    year_end: bool = False,
) -> None:
    """Write a unit's report: answers to its tasks and groups (at year end most work
    done), and values near its targets."""
    if year_end:

        def answer(index):
            return _year_end_answer(rng, index, ends_on=report.period.ends_on)
    else:

        def answer(index):
            return _answer(rng, index, starts_on=report.period.starts_on)

    answers = [
        workflow.AnswerInput(task_id=task.pk, **answer(index))
        for index, task in enumerate(workflow.tasks_for(report))
    ]
    groups = [
        workflow.GroupAnswerInput(group_id=group.pk, **answer(index))
        for index, group in enumerate(workflow.groups_for(report))
    ]
    workflow.save_report(
        report=report,
        data=workflow.ReportInput(
            answers=answers, values=_figures(report, rng, behind=behind, scale=scale), groups=groups
        ),
        expected_version=report.version,
        by=by,
    )


def backdate_submission(report: ProgressReport, submitted_at) -> None:
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=submitted_at, first_submitted_at=submitted_at
    )
    report.refresh_from_db()


@transaction.atomic
def load_demo_data() -> ReportingPeriod | None:
    """Open the demo periods of 2024 - 2025, the quarter, the mid-year review and the
    year-end review, with a realistic mix of reports; return the mid-year review, or None
    if the demo exists already.

    Raises ImproperlyConfigured unless DEBUG is on.
    """
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo data is only created with DEBUG on.")
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    if ReportingPeriod.objects.filter(directive=plan, is_demo=True).exists():
        return None
    create_demo_accounts()
    staff = User.objects.get(username="chuyenvien")
    leadership = User.objects.get(username="lanhdao")
    _assign_tasks(plan, staff)
    _unit_targets(plan)
    department = Agency.objects.get(code="lc-sgddt")
    district_and_sở = list(
        Agency.objects.filter(
            code__in=[f"lc-{slug}-ubnd" for slug in QUARTER_OUTCOMES]
            + [department.code]
            + [f"{department.code}-{suffix}" for _u, suffix, _n in DIVISION_STAFF]
        )
    )
    quarter = open_demo_period(
        plan=plan,
        kind=ReportingPeriod.Kind.QUARTER,
        name=QUARTER_NAME,
        starts_on=YEAR_STARTS_ON,
        ends_on=QUARTER_ENDS_ON,
        due_on=QUARTER_DUE_ON,
        by=staff,
        units=district_and_sở,
    )
    period = open_demo_period(
        plan=plan,
        kind=ReportingPeriod.Kind.SEMESTER_1,
        name=PERIOD_NAME,
        starts_on=YEAR_STARTS_ON,
        ends_on=PERIOD_ENDS_ON,
        due_on=PERIOD_DUE_ON,
        by=staff,
    )
    # The mid-year reports are written first and the quarter's derived from them; the
    # approvals then come in the order of the school year, so that the state of record
    # of each task ends as the year-end review leaves it.
    rng = random.Random(2024)
    approvals = []
    for slug, outcome in OUTCOMES.items():
        report = period.reports.get(agency__code=f"lc-{slug}-ubnd")
        unit_user = User.objects.get(username=f"pgd_{slug}")
        if outcome == "not_started":
            continue
        behind = LAGGARD_BEHIND if slug == LAGGARD else Decimal(0)
        fill_report(report, unit_user, rng, behind=behind)
        workflow.submit_report(report=report, by=unit_user)
        if outcome == "late":
            submitted_at = at(period.due_on + datetime.timedelta(days=2), 16)
        else:
            submitted_at = at(period.due_on - datetime.timedelta(days=rng.randint(1, 6)))
        backdate_submission(report, submitted_at)
        if outcome == "approved":
            approvals.append((report, staff))
        elif outcome == "returned":
            workflow.return_report(
                report=report,
                reason="Chỉ tiêu 8 (số xã đạt chuẩn PCGD THCS mức độ 3) chưa khớp với hồ sơ "
                "công nhận; đề nghị rà soát và báo cáo lại.",
                by=staff,
            )
    approvals += _department_reports(period, leadership, rng)
    _close_quarter(quarter, period, staff=staff, leadership=leadership)
    for report, reviewer in approvals:
        workflow.approve_report(report=report, by=reviewer)
        backdate_review(report, report.submitted_at + datetime.timedelta(days=2))
    year_end = open_demo_period(
        plan=plan,
        kind=ReportingPeriod.Kind.YEAR_END,
        name=YEAR_END_NAME,
        starts_on=YEAR_STARTS_ON,
        ends_on=YEAR_ENDS_ON,
        due_on=YEAR_END_DUE_ON,
        by=staff,
        units=district_and_sở,
    )
    _close_year(year_end, staff=staff, leadership=leadership)
    for each in (quarter, period, year_end):
        lock_period(each, by=staff)
    period.refresh_from_db()
    return period


def open_demo_period(
    *,
    plan: Directive,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    due_on: datetime.date,
    by: User,
    units: list[Agency] | None = None,
) -> ReportingPeriod:
    """A demo period of the plan's school year, opened unlocked so that its reports can
    be written now; lock_period locks it at its own date once they are in."""
    return workflow.open_period(
        directive=plan,
        school_year=plan.school_year,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on,
        locks_on=timezone.localdate() + datetime.timedelta(days=60),
        by=by,
        units=units,
        is_demo=True,
    )


def lock_period(period: ReportingPeriod, *, by: User) -> None:
    """Lock a demo period two weeks after its due date."""
    workflow.change_period_dates(
        period=period,
        due_on=period.due_on,
        locks_on=period.due_on + LOCKED_AFTER,
        reason="Đã tổng hợp báo cáo; khóa kỳ báo cáo.",
        by=by,
    )


def backdate_review(report: ProgressReport, reviewed_at) -> None:
    ProgressReport.objects.filter(pk=report.pk).update(reviewed_at=reviewed_at)


def _year_end_answer(rng: random.Random, index: int, *, ends_on: datetime.date) -> dict:
    """At the end of the year most work is done, on a day of the year."""
    progress = rng.choice(["done", "done", "done", "in_progress", "delayed"])
    completed_on = (
        ends_on - datetime.timedelta(days=rng.randint(0, 240)) if progress == "done" else None
    )
    return {
        "progress": progress,
        "completed_on": completed_on,
        "results": RESULTS[index % len(RESULTS)],
        "difficulties": DIFFICULTIES,
        "proposals": PROPOSALS,
    }


def _close_year(year_end: ReportingPeriod, *, staff: User, leadership: User) -> None:
    """Every unit reports the year and is approved; Phong Thổ, silent at mid-year, comes
    in late; the Sở's province-only figures are entered."""
    rng = random.Random(2025)
    writers = {f"lc-{slug}-ubnd": f"pgd_{slug}" for slug in QUARTER_OUTCOMES}
    writers["lc-sgddt"] = "chuyenvien"
    writers |= {f"lc-sgddt-{suffix}": username for username, suffix, _n in DIVISION_STAFF}
    users = {u.username: u for u in User.objects.filter(username__in=writers.values())}
    for report in year_end.reports.select_related("agency").order_by("agency__code"):
        code = report.agency.code
        slug = code.removeprefix("lc-").removesuffix("-ubnd")
        writer = users[writers[code]]
        reviewer = leadership if code.startswith("lc-sgddt") else staff
        behind = LAGGARD_BEHIND / 2 if slug == LAGGARD else Decimal(0)
        fill_report(report, writer, rng, behind=behind, year_end=True)
        workflow.submit_report(report=report, by=writer)
        if slug == "phongtho":
            first = at(year_end.due_on + datetime.timedelta(days=5), 15)
        else:
            first = at(year_end.due_on - datetime.timedelta(days=rng.randint(1, 7)))
        backdate_submission(report, first)
        workflow.approve_report(report=report, by=reviewer)
        backdate_review(report, first + datetime.timedelta(days=3))
    indicators = year_end.directive.indicators.filter(order__in=YEAR_END_PROVINCE_VALUES)
    for indicator in indicators:
        workflow.set_province_value(
            period=year_end,
            indicator=indicator,
            value=YEAR_END_PROVINCE_VALUES[indicator.order],
            note="Số liệu thống kê cuối năm học của Sở.",
            by=staff,
        )


def _department_reports(
    period: ReportingPeriod, leadership: User, rng: random.Random
) -> list[tuple[ProgressReport, User]]:
    """The Sở and its divisions report their own work; leadership is to approve what the
    divisions submitted (a report is never approved within the agency that wrote it) and
    the Sở's own report waits for it. Returns the approvals to make."""
    report = period.reports.get(agency__code="lc-sgddt")
    writer = User.objects.get(username="chuyenvien")
    fill_report(report, writer, rng)
    workflow.submit_report(report=report, by=writer)
    backdate_submission(report, at(period.due_on - datetime.timedelta(days=2)))
    approvals = []
    for username, suffix, _name in DIVISION_STAFF:
        report = period.reports.get(agency__code=f"lc-sgddt-{suffix}")
        writer = User.objects.get(username=username)
        outcome = DIVISION_OUTCOMES[suffix]
        fill_report(report, writer, rng)
        if outcome == "draft":
            continue
        workflow.submit_report(report=report, by=writer)
        backdate_submission(report, at(period.due_on - datetime.timedelta(days=rng.randint(1, 6))))
        if outcome == "approved":
            approvals.append((report, leadership))
    return approvals


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _close_quarter(
    quarter: ReportingPeriod, semester: ReportingPeriod, *, staff: User, leadership: User
) -> None:
    """Write, submit and review the quarter's reports from what each unit says at mid-year,
    as it stood at the end of the quarter."""
    rng = random.Random(2023)
    writers = {f"lc-{slug}-ubnd": f"pgd_{slug}" for slug in QUARTER_OUTCOMES}
    writers["lc-sgddt"] = "chuyenvien"
    writers |= {f"lc-sgddt-{suffix}": username for username, suffix, _n in DIVISION_STAFF}
    users = {u.username: u for u in User.objects.filter(username__in=writers.values())}
    later = {
        report.agency_id: report
        for report in semester.reports.prefetch_related(
            "answers", "group_answers", "values__indicator"
        )
    }
    for report in quarter.reports.select_related("agency").order_by("agency__code"):
        code = report.agency.code
        slug = code.removeprefix("lc-").removesuffix("-ubnd")
        outcome = QUARTER_OUTCOMES.get(slug, "approved")
        source = later[report.agency_id]
        if outcome == "not_started" or not (source.answers.all() or source.group_answers.all()):
            continue
        writer = users[writers[code]]
        reviewer = leadership if code.startswith("lc-sgddt") else staff
        behind = LAGGARD_BEHIND / 2 if slug == LAGGARD else Decimal(0)
        workflow.save_report(
            report=report,
            data=_as_at_quarter_end(source, rng, behind=behind),
            expected_version=report.version,
            by=writer,
        )
        workflow.submit_report(report=report, by=writer)
        if outcome == "late":
            first = at(quarter.due_on + datetime.timedelta(days=4), 15)
        else:
            first = at(quarter.due_on - datetime.timedelta(days=rng.randint(1, 6)))
        backdate_submission(report, first)
        reviewed = first + datetime.timedelta(days=2)
        if outcome == "returned":
            workflow.return_report(
                report=report,
                reason="Số liệu huy động trẻ mẫu giáo chưa khớp với số liệu thống kê đầu "
                "năm học; đề nghị rà soát, báo cáo lại.",
                by=reviewer,
            )
            workflow.submit_report(report=report, by=writer)
            resubmitted = reviewed + datetime.timedelta(days=3)
            ProgressReport.objects.filter(pk=report.pk).update(submitted_at=resubmitted)
            reviewed = resubmitted + datetime.timedelta(days=1)
        workflow.approve_report(report=report, by=reviewer)
        ProgressReport.objects.filter(pk=report.pk).update(reviewed_at=reviewed)


def _as_at_quarter_end(
    later: ProgressReport, rng: random.Random, *, behind: Decimal
) -> workflow.ReportInput:
    """What a unit reported for the quarter, given what it reports at mid-year: a task is
    done only if it was finished by the end of November, some work under way had not
    started yet; percentages a point or two lower (``behind`` more on the laggard's indicators), a
    commune fewer at PCGD THCS level 3 here and there."""

    def answer(item, index: int) -> dict:
        progress, completed_on = item.progress, None
        if progress == "done" and item.completed_on and item.completed_on <= QUARTER_ENDS_ON:
            completed_on = item.completed_on
        elif progress == "done":
            progress = "in_progress"
        elif progress == "in_progress" and rng.random() < 0.25:
            progress = "not_started"
        elif progress == "delayed" and rng.random() < 0.5:
            progress = "in_progress"
        return {
            "progress": progress,
            "completed_on": completed_on,
            "results": QUARTER_RESULTS[index % len(QUARTER_RESULTS)],
            "difficulties": DIFFICULTIES,
            "proposals": PROPOSALS,
        }

    answers = [
        workflow.AnswerInput(task_id=item.task_id, **answer(item, index))
        for index, item in enumerate(later.answers.all())
    ]
    groups = [
        workflow.GroupAnswerInput(group_id=item.group_id, **answer(item, index))
        for index, item in enumerate(later.group_answers.all())
    ]
    values = []
    for value in later.values.all():
        if value.denominator:
            drop = Decimal(str(round(rng.uniform(0.8, 2.4), 2)))
            if value.indicator.order in LAGGARD_INDICATORS:
                drop += behind
            share = max(Decimal(0), value.numerator * 100 / value.denominator - drop)
            values.append(
                workflow.ValueInput(
                    value.indicator_id,
                    numerator=(value.denominator * share / 100).quantize(Decimal(1)),
                    denominator=value.denominator,
                )
            )
        else:
            fewer = 1 if value.indicator.order == 8 and value.value and rng.random() < 0.3 else 0
            values.append(workflow.ValueInput(value.indicator_id, value=value.value - fewer))
    return workflow.ReportInput(answers=answers, values=values, groups=groups)
