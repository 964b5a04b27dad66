"""Demo data: a half-finished mid-year review of 3707/KH-UBND, for trying the workflow.

Created only by ``make run`` / ``load_demo_data`` with DEBUG on, and marked as demo data.
Every task is tracked: section III is assigned as section IV of the plan says, by the
product's own proposal (the Sở GD&ĐT leads, each district implements in its area); the
Sở then hands eight of its task groups to its divisions and gives some of them a
deadline. Dates of the period are set relative to the day the demo is loaded, so that
the reports can be filled in, submitted and reviewed right away.
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


def _figures(report: ProgressReport, rng: random.Random) -> list[workflow.ValueInput]:
    values = []
    for indicator in workflow.indicators_for(report).prefetch_related("unit_targets"):
        target = next(t for t in indicator.unit_targets.all() if t.agency_id == report.agency_id)
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            denominator = Decimal(
                round(DENOMINATORS.get(indicator.order, 100) * rng.uniform(0.6, 1.5))
            )
            share = min(
                Decimal(100), target.target_value + Decimal(str(round(rng.uniform(-1.6, 0.6), 2)))
            )
            numerator = (denominator * share / 100).quantize(Decimal(1))
            values.append(
                workflow.ValueInput(indicator.pk, numerator=numerator, denominator=denominator)
            )
        else:
            shortfall = 1 if indicator.order == 8 and rng.random() < 0.4 else 0
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


def _fill(report: ProgressReport, by: User, rng: random.Random) -> None:
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
        data=workflow.ReportInput(answers=answers, values=_figures(report, rng), groups=groups),
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
    """Open the demo period with a realistic mix of reports; None if it exists already.

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
    period = workflow.open_period(
        directive=plan,
        school_year=SchoolYear.objects.get(start_year=2024),
        kind=ReportingPeriod.Kind.SEMESTER_1,
        name=PERIOD_NAME,
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2025, 1, 18),
        due_on=due,
        locks_on=today + datetime.timedelta(days=60),
        by=staff,
        is_demo=True,
    )
    rng = random.Random(2024)
    for slug, outcome in OUTCOMES.items():
        report = period.reports.get(agency__code=f"lc-{slug}-ubnd")
        unit_user = User.objects.get(username=f"pgd_{slug}")
        if outcome == "not_started":
            continue
        _fill(report, unit_user, rng)
        workflow.submit_report(report=report, by=unit_user)
        on_time = timezone.now() - datetime.timedelta(days=rng.randint(4, 9))
        submitted_at = timezone.now() - datetime.timedelta(days=1) if outcome == "late" else on_time
        _backdate_submission(report, submitted_at)
        if outcome == "approved":
            workflow.approve_report(report=report, by=staff)
        elif outcome == "returned":
            workflow.return_report(
                report=report,
                reason="Chỉ tiêu 8 (số xã đạt chuẩn PCGD THCS mức độ 3) chưa khớp với hồ sơ "
                "công nhận; đề nghị rà soát và báo cáo lại.",
                by=staff,
            )
    _department_reports(period, leadership, rng)
    return period


def _department_reports(period: ReportingPeriod, leadership: User, rng: random.Random) -> None:
    """The Sở and its divisions report their own work; leadership approves what the
    divisions submitted (a report is never approved within the agency that wrote it) and
    the Sở's own report waits for it."""
    report = period.reports.get(agency__code="lc-sgddt")
    writer = User.objects.get(username="chuyenvien")
    _fill(report, writer, rng)
    workflow.submit_report(report=report, by=writer)
    _backdate_submission(report, timezone.now() - datetime.timedelta(days=5))
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
            workflow.approve_report(report=report, by=leadership)
