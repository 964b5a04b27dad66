"""Last year's plan 3707 with an approved year-end review, and the 2025 reform of its
districts as applied reorganisations (built here as tests/directives/test_lineage.py
does: the real seed is the reorganisation engineer's)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts import roles
from directives.models import Agency, Reorganisation, ReorganisationLine, SchoolYear
from indicators.models import IndicatorTarget
from reports import workflow
from tests.factories import AgencyFactory, UserFactory
from tests.reports.conftest import complete_input

REFORM = datetime.date(2025, 7, 1)
RATIO, SUM, PROVINCE_ONLY = 2, 8, 16  # orders of 3707's indicators
# What each district reported at the year-end: numerator / denominator of the ratio
# indicator, and the count of the sum indicator.
REPORTED = {
    "lc-phongtho-ubnd": ("950", "1000", "3"),
    "lc-tamduong-ubnd": ("1980", "2000", "5"),
    "lc-sinho-ubnd": ("485", "500", "2"),
    "lc-muongte-ubnd": ("720", "800", "4"),
}
TARGETS = {  # ratio target, sum target
    "lc-phongtho-ubnd": ("96", "4"),
    "lc-tamduong-ubnd": ("99.5", "6"),
    "lc-sinho-ubnd": ("98", "3"),
    "lc-muongte-ubnd": ("91", "5"),
}


@pytest.fixture
def districts(db):
    return {code: Agency.objects.get(code=code) for code in REPORTED}


@pytest.fixture
def year_end(plan_3707, districts, staff_user):
    """The approved tổng kết năm học 2024 - 2025 of four districts, with unit targets on a
    ratio and a sum indicator, and a province-only figure."""
    for code, (ratio_target, sum_target) in TARGETS.items():
        for order, target in ((RATIO, ratio_target), (SUM, sum_target)):
            IndicatorTarget.objects.create(
                indicator=plan_3707.indicators.get(order=order),
                agency=districts[code],
                baseline_value=Decimal(1),
                target_value=Decimal(target),
            )
    period = workflow.open_period(
        directive=plan_3707,
        school_year=SchoolYear.objects.get(start_year=2024),
        kind="year_end",
        name="Tổng kết năm học 2024 - 2025",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2025, 5, 31),
        # Reported late, after the reform: the dates of the review are not under test.
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        locks_on=timezone.localdate() + datetime.timedelta(days=30),
        by=staff_user,
        units=list(districts.values()),
    )
    for code, (numerator, denominator, count) in REPORTED.items():
        report = period.reports.get(agency__code=code)
        reporter = UserFactory(
            username=f"bc-{code}", role=roles.REPORTING_UNIT, agency=districts[code]
        )
        report = workflow.save_report(
            report=report,
            data=complete_input(
                report, numerator=numerator, denominator=denominator, communes=count
            ),
            expected_version=report.version,
            by=reporter,
        )
        report = workflow.submit_report(report=report, by=reporter)
        workflow.approve_report(report=report, by=staff_user)
    workflow.set_province_value(
        period=period,
        indicator=plan_3707.indicators.get(order=PROVINCE_ONLY),
        value=Decimal("212.5"),
        note="",
        by=staff_user,
    )
    return period


def _line(reorganisation, order, kind, before, after, *, stated=True):
    line = ReorganisationLine.objects.create(
        reorganisation=reorganisation, order=order, kind=kind, mapping_stated=stated
    )
    line.predecessors.set(before)
    line.successors.set(after)
    return line


@pytest.fixture
def reform(districts):
    """From 01/07/2025: Phong Thổ becomes xã Phong Thổ whole; Tam Đường and Sìn Hồ merge
    into xã Bình Lư; Mường Tè splits into xã Mường Tè and xã Thu Lũm. A made-up
    reform with mergers, put in place of the seed's (whose mapping has none): the seed's
    is set aside for the test, and these communes have codes of their own."""
    province = Agency.objects.get(code="lc-ubnd")
    Reorganisation.objects.filter(basis__contains="1670/NQ-UBTVQH15").update(applied_at=None)

    def commune(slug, name):
        return AgencyFactory(
            code=f"test-xa-{slug}",
            name=f"Ủy ban nhân dân xã {name}",
            short_name=f"UBND xã {name}",
            kind=Agency.Kind.COMMUNE,
            parent=province,
            valid_from=REFORM,
        )

    new = {
        "phongtho": commune("phongtho", "Phong Thổ"),
        "binhlu": commune("binhlu", "Bình Lư"),
        "muongte": commune("muongte", "Mường Tè"),
        "thulum": commune("thulum", "Thu Lũm"),
    }
    reorganisation = Reorganisation.objects.create(
        effective_on=REFORM,
        basis="Nghị quyết thử nghiệm về sắp xếp đơn vị hành chính",
        applied_at=timezone.now(),
    )
    kind = ReorganisationLine.Kind
    _line(reorganisation, 1, kind.MERGER, [districts["lc-phongtho-ubnd"]], [new["phongtho"]])
    _line(
        reorganisation,
        2,
        kind.MERGER,
        [districts["lc-tamduong-ubnd"], districts["lc-sinho-ubnd"]],
        [new["binhlu"]],
    )
    _line(
        reorganisation,
        3,
        kind.SPLIT,
        [districts["lc-muongte-ubnd"]],
        [new["muongte"], new["thulum"]],
    )
    return new


@pytest.fixture
def year_2025(db):
    return SchoolYear.objects.get_or_create(start_year=2025)[0]
