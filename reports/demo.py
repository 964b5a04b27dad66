"""Demo data: a closed first quarter and a half-finished mid-year review of 3707/KH-UBND,
for trying the workflow and giving the dashboard periods to compare.

Created only by ``make run`` / ``load_demo_data`` with DEBUG on, and marked as demo data.
Every task is tracked: section III is assigned as section IV of the plan says, by the
product's own proposal (the Sở GD&ĐT leads, each district implements in its area); the
Sở then hands eight of its task groups to its divisions and gives some of them a
deadline. Dates of the periods are set relative to the day the demo is loaded, so that
the mid-year reports can be filled in, submitted and reviewed right away, and the quarter
was due six weeks before them and is locked.

The quarter (September to November 2024) is written from what each unit reports at
mid-year, as it stood at the end of November: fewer tasks done, values lower, so that the
province's figures rise from one period to the next; Tam Đường stays behind its targets
in both, Mường Tè reports late in both and Phong Thổ not at all. The second school year
the dashboard compares with is the appendix's own: each indicator's baseline is the value
achieved in 2023 - 2024.
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
from directives.models import Agency, Assignment, Directive, SchoolYear
from indicators.models import Indicator, IndicatorTarget
from reports import workflow
from reports.models import ProgressReport, ReportingPeriod

PERIOD_NAME = "Sơ kết học kỳ I năm học 2024 - 2025"
QUARTER_NAME = "Báo cáo quý I năm học 2024 - 2025"
QUARTER_STARTS_ON = datetime.date(2024, 9, 5)
QUARTER_ENDS_ON = datetime.date(2024, 11, 30)
# The quarter was due six weeks before the mid-year review, and locked two weeks later.
QUARTER_DUE_BEFORE = datetime.timedelta(days=42)
QUARTER_LOCKED_AFTER = datetime.timedelta(days=14)

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
    report: ProgressReport, rng: random.Random, *, behind: Decimal = Decimal(0)
) -> list[workflow.ValueInput]:
    """Values near the unit's targets; ``behind`` percentage points short of them on the
    laggard's indicators."""
    values = []
    for indicator in workflow.indicators_for(report).prefetch_related("unit_targets"):
        short = behind if indicator.order in LAGGARD_INDICATORS else Decimal(0)
        target = next(t for t in indicator.unit_targets.all() if t.agency_id == report.agency_id)
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            denominator = Decimal(
                round(DENOMINATORS.get(indicator.order, 100) * rng.uniform(0.6, 1.5))
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


def _answer(rng: random.Random, index: int) -> dict:
    """A realistic answer: most work under way, some done (on a day of the semester)."""
    progress = rng.choice(["in_progress", "done", "in_progress", "done", "delayed"])
    completed_on = (
        datetime.date(2024, 10, 1) + datetime.timedelta(days=rng.randint(0, 105))
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


def _fill(
    report: ProgressReport, by: User, rng: random.Random, *, behind: Decimal = Decimal(0)
) -> None:
    answers = [
        workflow.AnswerInput(task_id=task.pk, **_answer(rng, index))
        for index, task in enumerate(workflow.tasks_for(report))
    ]
    groups = [
        workflow.GroupAnswerInput(group_id=group.pk, **_answer(rng, index))
        for index, group in enumerate(workflow.groups_for(report))
    ]
    workflow.save_report(
        report=report,
        data=workflow.ReportInput(
            answers=answers, values=_figures(report, rng, behind=behind), groups=groups
        ),
        expected_version=report.version,
        by=by,
    )


def _backdate_submission(report: ProgressReport, submitted_at) -> None:
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=submitted_at, first_submitted_at=submitted_at
    )
    report.refresh_from_db()


@transaction.atomic
def load_demo_data() -> ReportingPeriod | None:
    """Open the demo periods, the quarter closed and the mid-year review under way, with
    a realistic mix of reports; return the mid-year review, or None if the demo exists
    already.

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
    today = timezone.localdate()
    due = today - datetime.timedelta(days=3)
    school_year = SchoolYear.objects.get(start_year=2024)
    department = Agency.objects.get(code="lc-sgddt")
    quarter = workflow.open_period(
        directive=plan,
        school_year=school_year,
        kind=ReportingPeriod.Kind.QUARTER,
        name=QUARTER_NAME,
        starts_on=QUARTER_STARTS_ON,
        ends_on=QUARTER_ENDS_ON,
        due_on=due - QUARTER_DUE_BEFORE,
        # Open while its reports are written; locked once they are (_close_quarter).
        locks_on=today + datetime.timedelta(days=60),
        by=staff,
        units=list(
            Agency.objects.filter(
                code__in=[f"lc-{slug}-ubnd" for slug in QUARTER_OUTCOMES]
                + [department.code]
                + [f"{department.code}-{suffix}" for _u, suffix, _n in DIVISION_STAFF]
            )
        ),
        is_demo=True,
    )
    period = workflow.open_period(
        directive=plan,
        school_year=school_year,
        kind=ReportingPeriod.Kind.SEMESTER_1,
        name=PERIOD_NAME,
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2025, 1, 18),
        due_on=due,
        locks_on=today + datetime.timedelta(days=60),
        by=staff,
        is_demo=True,
    )
    # The mid-year reports are written first and the quarter's derived from them; the
    # approvals then come in the order of the school year, so that the state of record
    # of each task ends as the mid-year review leaves it.
    rng = random.Random(2024)
    approvals = []
    for slug, outcome in OUTCOMES.items():
        report = period.reports.get(agency__code=f"lc-{slug}-ubnd")
        unit_user = User.objects.get(username=f"pgd_{slug}")
        if outcome == "not_started":
            continue
        behind = LAGGARD_BEHIND if slug == LAGGARD else Decimal(0)
        _fill(report, unit_user, rng, behind=behind)
        workflow.submit_report(report=report, by=unit_user)
        on_time = timezone.now() - datetime.timedelta(days=rng.randint(4, 9))
        submitted_at = timezone.now() - datetime.timedelta(days=1) if outcome == "late" else on_time
        _backdate_submission(report, submitted_at)
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
    return period


def _department_reports(
    period: ReportingPeriod, leadership: User, rng: random.Random
) -> list[tuple[ProgressReport, User]]:
    """The Sở and its divisions report their own work; leadership is to approve what the
    divisions submitted (a report is never approved within the agency that wrote it) and
    the Sở's own report waits for it. Returns the approvals to make."""
    report = period.reports.get(agency__code="lc-sgddt")
    writer = User.objects.get(username="chuyenvien")
    _fill(report, writer, rng)
    workflow.submit_report(report=report, by=writer)
    _backdate_submission(report, timezone.now() - datetime.timedelta(days=5))
    approvals = []
    for username, suffix, _name in DIVISION_STAFF:
        report = period.reports.get(agency__code=f"lc-sgddt-{suffix}")
        writer = User.objects.get(username=username)
        outcome = DIVISION_OUTCOMES[suffix]
        _fill(report, writer, rng)
        if outcome == "draft":
            continue
        workflow.submit_report(report=report, by=writer)
        _backdate_submission(report, timezone.now() - datetime.timedelta(days=rng.randint(4, 9)))
        if outcome == "approved":
            approvals.append((report, leadership))
    return approvals


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _close_quarter(
    quarter: ReportingPeriod, semester: ReportingPeriod, *, staff: User, leadership: User
) -> None:
    """Write, submit and review the quarter's reports from what each unit says at mid-year,
    as it stood at the end of the quarter; then lock the quarter."""
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
            first = _at(quarter.due_on + datetime.timedelta(days=4), 15)
        else:
            first = _at(quarter.due_on - datetime.timedelta(days=rng.randint(1, 6)))
        _backdate_submission(report, first)
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
    workflow.change_period_dates(
        period=quarter,
        due_on=quarter.due_on,
        locks_on=quarter.due_on + QUARTER_LOCKED_AFTER,
        reason="Đã tổng hợp báo cáo quý I; khóa kỳ báo cáo.",
        by=staff,
    )


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
