"""Recording and applying a reorganisation of the agency tree: mergers, splits and
transfers across a period boundary, the preview, one transaction, users moved, and closed
agencies refused for new assignments, targets and periods."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from directives.assigning import assign
from directives.lineage import successions_on
from directives.models import Agency, Assignment, Reorganisation, ReorganisationLine
from directives.reorganising import (
    LineInput,
    NewAgency,
    apply_reorganisation,
    record_reorganisation,
)
from indicators.models import IndicatorTarget
from reports import workflow
from reports.models import IndicatorValue, ProgressReport
from reports.workflow.scope import reporting_unit_choices
from tests.factories import AgencyFactory, DirectiveFactory, SchoolYearFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = ReorganisationLine.Kind

EFFECTIVE = datetime.date(2031, 1, 1)
LAST_DAY = datetime.date(2030, 12, 31)


@pytest.fixture
def province(db):
    """A province of our own, with two districts (each with its Phòng GD&ĐT and a user)
    and a commune under the first."""
    root = AgencyFactory(code="tt-ubnd", name="Ủy ban nhân dân tỉnh Thử Nghiệm", kind="province")
    agencies = {"root": root}
    for name in ("a", "b"):
        district = AgencyFactory(code=f"tt-{name}-ubnd", kind="district", parent=root)
        agencies[name] = district
        agencies[f"{name}-pgd"] = AgencyFactory(code=f"tt-{name}-pgd", parent=district)
    agencies["commune"] = AgencyFactory(code="tt-xa-c", kind="commune", parent=agencies["a"])
    return agencies


def record(lines, *, by, effective_on=EFFECTIVE, basis="Nghị quyết thử nghiệm"):
    return record_reorganisation(effective_on=effective_on, basis=basis, lines=lines, by=by)


def new(code, **extra):
    return NewAgency(code=code, name=f"Ủy ban nhân dân {code}", kind="commune", **extra)


def test_a_merger_closes_the_agencies_and_their_offices_and_moves_their_users(province, staff_user):
    """Two districts merge into one new unit: both close on the day before, with their
    Phòng GD&ĐT; the new unit opens on the day; their users move to it, recorded."""
    user = UserFactory(username="pgd-a", agency=province["a-pgd"])
    reorganisation = record(
        [
            LineInput(
                kind=Kind.MERGER,
                predecessors=[province["a"], province["b"]],
                new_agencies=[new("tt-xa-moi", parent_code="tt-ubnd")],
            )
        ],
        by=staff_user,
    )
    summary = apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    merged = Agency.objects.get(code="tt-xa-moi")
    assert (merged.valid_from, merged.parent) == (EFFECTIVE, province["root"])
    closed = {item.agency.code: item.last_day for item in summary.closed}
    assert closed == {
        code: LAST_DAY for code in ("tt-a-ubnd", "tt-b-ubnd", "tt-a-pgd", "tt-b-pgd", "tt-xa-c")
    }
    for code in closed:
        assert Agency.objects.get(code=code).valid_until == LAST_DAY
    user.refresh_from_db()
    assert user.agency == merged
    assert [(m.from_agency.code, m.to_agency.code) for m in summary.users_moved] == [
        ("tt-a-pgd", "tt-xa-moi")
    ]
    reorganisation.refresh_from_db()
    assert (reorganisation.applied_by, reorganisation.applied_at is not None) == (staff_user, True)
    assert "pgd-a" in reorganisation.note
    history = province["a"].history.first()
    assert (history.valid_until, history.history_user) == (LAST_DAY, staff_user)
    office = Agency.objects.get(pk=province["a-pgd"].pk)
    assert successions_on([office], EFFECTIVE)[office.pk].successors == (merged,)


def test_a_split_without_stated_receiver_leaves_the_users_and_lists_them(province, staff_user):
    user = UserFactory(username="huyen-b", agency=province["b"])
    reorganisation = record(
        [
            LineInput(
                kind=Kind.SPLIT,
                predecessors=[province["b"]],
                new_agencies=[new("tt-xa-1"), new("tt-xa-2")],
            )
        ],
        by=staff_user,
    )
    summary = apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    user.refresh_from_db()
    assert user.agency == province["b"]
    assert [(left.user, left.agency) for left in summary.users_left] == [(user, province["b"])]
    province["b"].refresh_from_db()
    found = successions_on([province["b"]], EFFECTIVE)[province["b"].pk]
    assert {a.code for a in found.successors} == {"tt-xa-1", "tt-xa-2"}
    assert not found.continuous


def test_a_transfer_moves_an_agency_that_stays_open(province, staff_user):
    """A commune moved under the province stays open while its district closes."""
    reorganisation = record(
        [
            LineInput(
                kind=Kind.TRANSFER, predecessors=[province["commune"]], new_parent=province["root"]
            ),
            LineInput(kind=Kind.MERGER, predecessors=[province["a"]], successors=[province["b"]]),
        ],
        by=staff_user,
    )
    summary = apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    commune = Agency.objects.get(pk=province["commune"].pk)
    assert commune.parent == province["root"] and commune.valid_until is None
    assert [(m.agency, m.old_parent, m.new_parent) for m in summary.moved] == [
        (commune, province["a"], province["root"])
    ]
    assert reorganisation.lines.get(kind=Kind.TRANSFER).old_parent == province["a"]
    assert {item.agency.code for item in summary.closed} == {"tt-a-ubnd", "tt-a-pgd"}


def test_the_preview_changes_nothing(province, staff_user):
    user = UserFactory(username="pgd-a", agency=province["a"])
    reorganisation = record(
        [
            LineInput(
                kind=Kind.MERGER,
                predecessors=[province["a"]],
                new_agencies=[new("tt-xa-moi")],
            )
        ],
        by=staff_user,
    )
    before = list(Agency.objects.order_by("pk").values_list("pk", "parent_id", "valid_until"))
    preview = apply_reorganisation(reorganisation=reorganisation, by=staff_user, dry_run=True)
    assert preview.dry_run and [a.code for a in preview.opened] == ["tt-xa-moi"]
    assert [m.user.username for m in preview.users_moved] == ["pgd-a"]
    assert (
        list(Agency.objects.order_by("pk").values_list("pk", "parent_id", "valid_until")) == before
    )
    user.refresh_from_db()
    assert user.agency == province["a"]
    reorganisation.refresh_from_db()
    assert reorganisation.applied_at is None and reorganisation.note == ""


def test_a_failing_line_leaves_nothing_changed(province, staff_user):
    """The second line names an agency closed long before: the whole reorganisation is
    refused, the first line's closings included."""
    old = AgencyFactory(code="tt-cu", valid_until=datetime.date(2020, 6, 30))
    reorganisation = record(
        [
            LineInput(kind=Kind.MERGER, predecessors=[province["a"]], successors=[province["b"]]),
            LineInput(kind=Kind.MERGER, predecessors=[old], new_agencies=[new("tt-xa-moi")]),
        ],
        by=staff_user,
    )
    with pytest.raises(ValidationError, match=old.name):
        apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    assert Agency.objects.get(pk=province["a"].pk).valid_until is None
    assert not Agency.objects.filter(code="tt-xa-moi").exists()
    reorganisation.refresh_from_db()
    assert reorganisation.applied_at is None


def test_applying_twice_is_refused(province, staff_user):
    reorganisation = record(
        [LineInput(kind=Kind.MERGER, predecessors=[province["a"]], successors=[province["b"]])],
        by=staff_user,
    )
    apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    with pytest.raises(ValidationError):
        apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    with pytest.raises(ValidationError):
        apply_reorganisation(reorganisation=reorganisation, by=staff_user, dry_run=True)


@pytest.mark.parametrize(
    "line, message",
    [
        (
            lambda p: LineInput(
                kind=Kind.MERGER, predecessors=[p["a"]], successors=[p["b"], p["commune"]]
            ),
            "sáp nhập",
        ),
        (
            lambda p: LineInput(
                kind=Kind.SPLIT, predecessors=[p["a"], p["b"]], new_agencies=[new("x1"), new("x2")]
            ),
            "chia tách",
        ),
        (
            lambda p: LineInput(
                kind=Kind.SPLIT,
                predecessors=[p["a"]],
                new_agencies=[new("x1"), new("x2")],
                mapping_stated=False,
            ),
            "chỉ trường hợp sắp xếp lại",
        ),
        (lambda p: LineInput(kind=Kind.TRANSFER, predecessors=[p["commune"]]), "trực thuộc"),
        (
            lambda p: LineInput(
                kind=Kind.MERGER, predecessors=[p["a"]], new_agencies=[new("tt-b-ubnd")]
            ),
            "đã được dùng",
        ),
    ],
)
def test_lines_that_cannot_hold_are_refused_when_recorded(province, staff_user, line, message):
    """Each refusal says, in Vietnamese, what the line cannot be."""
    with pytest.raises(ValidationError, match=message):
        record([line(province)], by=staff_user)
    assert not Reorganisation.objects.filter(basis="Nghị quyết thử nghiệm").exists()


def test_only_staff_and_administrators_reorganise(province, leadership_user, unit_user):
    line = LineInput(kind=Kind.MERGER, predecessors=[province["a"]], successors=[province["b"]])
    for user in (leadership_user, unit_user):
        with pytest.raises(PermissionDenied):
            record([line], by=user)


# --- across a period boundary ------------------------------------------------------


@pytest.fixture
def reformed(province, staff_user):
    """A plan of the school year 2030 - 2031 with a semester period spanning the
    reorganisation, reported by both districts, then district a merged into a new unit."""
    year = SchoolYearFactory(start_year=2030)
    plan = DirectiveFactory(
        issuer=province["root"], school_year=year, issued_on=datetime.date(2030, 9, 1)
    )
    task = plan.task_groups.create(order=1, number="1", title="Nhóm 1").tasks.create(
        order=1, text="Nhiệm vụ thử nghiệm"
    )
    assign(tasks=[task], agencies=[province["a"], province["b"]], role="implement", by=staff_user)
    spanning = workflow.open_period(
        directive=plan,
        school_year=year,
        kind="semester_1",
        name="Sơ kết học kỳ I",
        starts_on=datetime.date(2030, 9, 5),
        ends_on=datetime.date(2031, 1, 15),
        due_on=datetime.date(2031, 1, 20),
        locks_on=datetime.date(2031, 2, 1),
        by=staff_user,
    )
    reports_before = list(
        ProgressReport.objects.filter(period=spanning)
        .order_by("pk")
        .values_list("pk", "agency_id", "status")
    )
    indicator = plan.indicators.create(order=1, name="Số trường đạt chuẩn", unit="trường")
    IndicatorValue.objects.create(
        report=spanning.reports.get(agency=province["a"]), indicator=indicator, value=Decimal(7)
    )
    values_before = list(
        IndicatorValue.objects.filter(report__agency=province["a"])
        .order_by("pk")
        .values_list("report_id", "report__agency_id", "indicator_id", "value")
    )
    reorganisation = record(
        [
            LineInput(
                kind=Kind.MERGER,
                predecessors=[province["a"]],
                new_agencies=[new("tt-xa-moi", parent_code="tt-ubnd")],
            )
        ],
        by=staff_user,
    )
    summary = apply_reorganisation(reorganisation=reorganisation, by=staff_user)
    return plan, year, task, spanning, reports_before, values_before, summary


def test_a_period_spanning_the_date_keeps_the_reports_of_the_old_agencies(reformed, province):
    plan, year, task, spanning, reports_before, _values, summary = reformed
    after = list(
        ProgressReport.objects.filter(period=spanning)
        .order_by("pk")
        .values_list("pk", "agency_id", "status")
    )
    assert after == reports_before
    assert {agency_id for _pk, agency_id, _s in after} == {province["a"].pk, province["b"].pk}
    review = {item.agency.code: item for item in summary.to_review}
    assert review["tt-a-ubnd"].open_assignments == 1 and review["tt-a-ubnd"].periods == 1


def test_a_period_opened_after_offers_only_the_agencies_open_then(reformed, province, staff_user):
    plan, year, task, spanning, reports_before, _values, summary = reformed
    offered = {
        a.code
        for a in reporting_unit_choices(
            plan, starts_on=datetime.date(2031, 1, 20), ends_on=datetime.date(2031, 5, 31)
        )
    }
    assert "tt-xa-moi" in offered and "tt-b-ubnd" in offered
    assert not offered & {"tt-a-ubnd", "tt-a-pgd"}
    with pytest.raises(ValidationError):
        workflow.open_period(
            directive=plan,
            school_year=year,
            kind="semester_2",
            name="Tổng kết năm học",
            starts_on=datetime.date(2031, 1, 20),
            ends_on=datetime.date(2031, 5, 31),
            due_on=datetime.date(2031, 6, 5),
            locks_on=datetime.date(2031, 6, 30),
            by=staff_user,
            units=[province["a"]],
        )


def test_a_closed_agency_cannot_receive_a_new_assignment(reformed, province, staff_user):
    plan, year, task, *_rest = reformed
    province["a"].refresh_from_db()
    later = DirectiveFactory(
        issuer=province["root"], school_year=SchoolYearFactory(start_year=2031)
    )
    later_task = later.task_groups.create(order=1, number="1", title="Nhóm").tasks.create(
        order=1, text="Việc"
    )
    with pytest.raises(ValidationError):
        assign(tasks=[later_task], agencies=[province["a"]], role="lead", by=staff_user)
    assert not Assignment.objects.filter(task=later_task).exists()
    assign(
        tasks=[later_task],
        agencies=[Agency.objects.get(code="tt-xa-moi")],
        role="lead",
        by=staff_user,
    )


def test_a_closed_agency_cannot_receive_a_target_of_a_later_school_year(reformed, province):
    plan, *_rest = reformed
    province["a"].refresh_from_db()
    later = DirectiveFactory(
        issuer=province["root"], school_year=SchoolYearFactory(start_year=2031)
    )
    indicator = later.indicators.create(order=1, name="Tỷ lệ thử nghiệm", unit="%")
    target = IndicatorTarget(indicator=indicator, agency=province["a"], target_value=Decimal(90))
    with pytest.raises(ValidationError) as refused:
        target.full_clean()
    assert "agency" in refused.value.message_dict
    IndicatorTarget(
        indicator=indicator, agency=Agency.objects.get(code="tt-xa-moi"), target_value=Decimal(90)
    ).full_clean()


def test_last_years_reports_keep_their_agency_and_values(reformed, province):
    """The report district a wrote before the change still names district a, with the
    same figures."""
    *_rest, values_before, _summary = reformed
    values = list(
        IndicatorValue.objects.filter(report__agency=province["a"])
        .order_by("pk")
        .values_list("report_id", "report__agency_id", "indicator_id", "value")
    )
    assert values == values_before and len(values) == 1
