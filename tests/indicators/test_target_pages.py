"""Giao chỉ tiêu in the browser: staff set a plan's province targets and each unit's
target, on the pages, read as Vietnamese numbers; leadership reads them."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import roles
from directives.localization import format_decimal
from directives.models import Agency, Assignment
from indicators.models import Indicator, IndicatorTarget
from indicators.targets import set_province_targets, set_unit_targets
from reports import workflow
from reports.models import ProgressReport
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    IndicatorFactory,
    SchoolYearFactory,
    TaskFactory,
    TaskGroupFactory,
    UserFactory,
)
from tests.reports.conftest import complete_input, make_period
from tests.test_form_fields import ids_described_but_missing

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)


class NewYear:
    """A plan of school year 2025 - 2026, after the reform: two communes carry it out, a
    district that closed on 30/06/2025 still has last year's baseline row; a count of
    communes (sum), a rate (ratio) continuing last year's indicator."""

    def __init__(self, plan_3707):
        province = Agency.objects.get(code="lc-ubnd")
        self.plan = DirectiveFactory(
            school_year=SchoolYearFactory(start_year=2025), issuer=province
        )
        self.communes = [
            AgencyFactory(
                code=f"test-xa-{slug}",
                name=name,
                kind=Agency.Kind.COMMUNE,
                parent=province,
                valid_from=REFORM,
            )
            for slug, name in (("binhlu", "UBND xã Bình Lư"), ("talen", "UBND xã Tả Lèng"))
        ]
        self.district = Agency.objects.get(code="lc-phongtho-ubnd")  # closed 30/06/2025
        task = TaskFactory(group=TaskGroupFactory(directive=self.plan))
        for commune in self.communes:
            AssignmentFactory(task=task, agency=commune, role=Assignment.Role.IMPLEMENT)
        last_year = plan_3707.indicators.get(order=1)
        self.count = IndicatorFactory(
            directive=self.plan,
            order=1,
            name="Số xã đạt chuẩn phổ cập giáo dục mầm non",
            unit="xã",
            is_count=True,
            baseline_value=Decimal(30),
            target_value=None,
        )
        self.rate = IndicatorFactory(
            directive=self.plan,
            order=2,
            name=last_year.name,
            unit="%",
            rollup_rule=Indicator.RollupRule.RATIO,
            baseline_value=Decimal("97.5"),
            target_value=None,
            previous=last_year,
        )
        self.last_year = last_year
        self.district_row = IndicatorTarget.objects.create(
            indicator=self.count, agency=self.district, baseline_value=Decimal(5)
        )


@pytest.fixture
def new_year(plan_3707):
    return NewYear(plan_3707)


def targets_url(directive):
    return reverse("indicators:targets", args=[directive.pk])


def unit_url(indicator, query=""):
    return reverse("indicators:unit_targets", args=[indicator.pk]) + query


def box_value(page: str, name: str) -> str:
    """What the box shows (the visible one, not its hidden initial)."""
    found = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def posted(page: str, changes: dict) -> dict:
    """Everything the form sends as opened (boxes and their initial values), with the
    boxes the user typed in changed."""
    data = dict(re.findall(r'<input type="(?:text|hidden)" name="([^"]+)" value="([^"]*)"', page))
    for name in re.findall(r'<input type="text" name="([^"]+)"(?! value=)', page):
        data.setdefault(name, "")
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


def open_and_post(client, url, changes, **extra):
    page = client.get(url).content.decode()
    return client.post(url, posted(page, changes), **extra)


# --- province targets -----------------------------------------------------------------


def test_staff_set_province_targets_and_read_them_back_as_typed(client, staff_user, new_year):
    """ "1.234,5" is one thousand two hundred and thirty-four and a half: saved as such,
    shown again in the box as 1234,5 and on the plan as 1.234,5."""
    client.force_login(staff_user)
    url = targets_url(new_year.plan)
    response = open_and_post(
        client, url, {f"target-{new_year.count.pk}": "32", f"target-{new_year.rate.pk}": "98,75"}
    )
    assert response.status_code == 302
    new_year.count.refresh_from_db(), new_year.rate.refresh_from_db()
    assert new_year.count.target_value == 32 and new_year.rate.target_value == Decimal("98.75")
    page = client.get(url).content.decode()
    assert "Đã lưu 2 chỉ tiêu." in page
    assert box_value(page, f"target-{new_year.rate.pk}") == "98,75"
    assert "Mọi chỉ tiêu đã có chỉ tiêu phấn đấu của tỉnh." in page


def test_a_thousands_dot_round_trips_in_vietnamese_and_english(client, staff_user, new_year):
    """Typed as 1.234,5, the target reads back as 1234,5 in its box and 1.234,5 on the
    page in Vietnamese; in English as 1234.5 and 1,234.5, and the English page sent
    back unchanged changes nothing."""
    rate_box = f"target-{new_year.rate.pk}"
    client.force_login(staff_user)
    new_year.rate.unit = "học sinh"  # any number, not a percentage
    new_year.rate.save()
    open_and_post(client, targets_url(new_year.plan), {rate_box: "1.234,5"})
    new_year.rate.refresh_from_db()
    assert new_year.rate.target_value == Decimal("1234.5")
    vi = client.get(unit_url(new_year.rate)).content.decode()
    assert box_value(client.get(targets_url(new_year.plan)).content.decode(), rate_box) == "1234,5"
    assert "1.234,5" in vi
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en_page = client.get(targets_url(new_year.plan)).content.decode()
    assert box_value(en_page, rate_box) == "1234.5"
    assert "1,234.5" in client.get(unit_url(new_year.rate)).content.decode()
    # Sent back untouched from the English page, nothing changes.
    response = client.post(targets_url(new_year.plan), posted(en_page, {}))
    assert response.status_code == 302
    new_year.rate.refresh_from_db()
    assert new_year.rate.target_value == Decimal("1234.5")


def test_the_page_says_how_many_indicators_have_no_target_and_shows_last_years(
    client, staff_user, new_year
):
    """The note at the top counts the indicators without a target; each row shows its
    baseline and, when it continues last year's indicator, last year's target."""
    client.force_login(staff_user)
    page = client.get(targets_url(new_year.plan)).content.decode()
    assert "2 chỉ tiêu chưa có chỉ tiêu phấn đấu của tỉnh." in page
    last_year = format_decimal(new_year.last_year.target_value)  # the test runs in vi
    assert re.search(rf'data-label="Chỉ tiêu năm trước">\s*{re.escape(last_year)}\s*</td>', page)
    assert re.search(r'data-label="Năm trước">\s*30\s*</td>', page)  # the count's baseline


def test_a_refused_figure_keeps_what_was_typed_and_says_why(client, staff_user, new_year):
    """A count of communes is a whole number: "12,5" is refused beside its box and in the
    summary, the box still shows 12,5, and nothing is saved, the other box neither."""
    client.force_login(staff_user)
    response = open_and_post(
        client,
        targets_url(new_year.plan),
        {f"target-{new_year.count.pk}": "12,5", f"target-{new_year.rate.pk}": "99"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert box_value(page, f"target-{new_year.count.pk}") == "12,5"
    message = "Chỉ tiêu này đếm số đơn vị: hãy nhập số nguyên."
    assert page.count(message) == 2  # beside the box and in the summary
    assert 'class="error-summary"' in page
    assert f'href="#id_target-{new_year.count.pk}"' in page
    assert f'aria-describedby="id_target-{new_year.count.pk}_error"' in page
    assert ids_described_but_missing(page) == set()
    new_year.rate.refresh_from_db()
    assert new_year.rate.target_value is None


def test_a_target_changed_meanwhile_by_someone_else_is_not_put_back(client, staff_user, new_year):
    """Only the boxes typed in are saved: a colleague's target set after the page was
    opened stays."""
    client.force_login(staff_user)
    url = targets_url(new_year.plan)
    page = client.get(url).content.decode()
    new_year.rate.target_value = Decimal(99)
    new_year.rate.save()
    client.post(url, posted(page, {f"target-{new_year.count.pk}": "31"}))
    new_year.rate.refresh_from_db(), new_year.count.refresh_from_db()
    assert new_year.rate.target_value == 99 and new_year.count.target_value == 31


# --- unit targets -----------------------------------------------------------------------


def test_staff_set_each_units_target_against_the_province_target(client, staff_user, new_year):
    """The sum of the communes' targets is shown against the province's."""
    new_year.count.target_value = Decimal(33)
    new_year.count.save()
    binhlu, taleng = new_year.communes
    client.force_login(staff_user)
    response = open_and_post(
        client,
        unit_url(new_year.count),
        {f"target-{binhlu.pk}": "1.000", f"target-{taleng.pk}": "5"},
    )
    assert response.status_code == 302
    targets = dict(
        IndicatorTarget.objects.filter(indicator=new_year.count).values_list(
            "agency__code", "target_value"
        )
    )
    assert targets == {"test-xa-binhlu": 1000, "test-xa-talen": 5, "lc-phongtho-ubnd": None}
    page = client.get(unit_url(new_year.count)).content.decode()
    assert "Chỉ tiêu các đơn vị cộng lại 1.005; chỉ tiêu của tỉnh là 33." in page
    assert box_value(page, f"target-{binhlu.pk}") == "1000"


def test_a_ratio_shows_why_unit_targets_are_not_added_up(client, staff_user, new_year):
    """A rate's unit targets are not summed: the page says how the province value is
    made instead."""
    client.force_login(staff_user)
    page = client.get(unit_url(new_year.rate)).content.decode()
    assert "Tỷ lệ không cộng dồn" in page


def test_a_closed_agency_is_not_offered_and_is_refused_when_posted(client, staff_user, new_year):
    """Phong Thổ closed on 30/06/2025: its row shows only on request, marked closed, and a
    target typed for it is refused; the communes typed in the same form are not saved."""
    client.force_login(staff_user)
    district_box = f"target-{new_year.district.pk}"
    page = client.get(unit_url(new_year.count)).content.decode()
    # By the box's whole name: "target-12" is also the start of "target-120".
    assert f'name="{district_box}"' not in page
    assert "1 đơn vị không hoạt động trong năm học không được hiển thị." in page
    shown = client.get(unit_url(new_year.count, "?closed=1")).content.decode()
    assert f'name="{district_box}"' in shown and "giải thể ngày 30/06/2025" in shown
    response = client.post(
        unit_url(new_year.count, "?closed=1"),
        posted(shown, {district_box: "4", f"target-{new_year.communes[0].pk}": "3"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "giải thể ngày 30/06/2025" in page and "không thể nhận chỉ tiêu" in page
    assert box_value(page, district_box) == "4"
    assert not IndicatorTarget.objects.filter(
        indicator=new_year.count, target_value__isnull=False
    ).exists()
    # Posted to the page without ?closed=1, the box is not one of the form's: ignored.
    client.post(unit_url(new_year.count), posted(page, {district_box: "4"}))
    new_year.district_row.refresh_from_db()
    assert new_year.district_row.target_value is None


def test_the_domain_refuses_a_closed_unit_whatever_the_door(staff_user, new_year):
    """Called directly (an import, a command), the domain refuses a closed unit too,
    keyed by the unit."""
    with pytest.raises(ValidationError) as refused:
        set_unit_targets(
            indicator=new_year.count, targets={new_year.district: Decimal(4)}, by=staff_user
        )
    assert str(new_year.district.pk) in refused.value.message_dict


def test_clearing_a_target_keeps_the_units_baseline_and_removes_a_bare_row(staff_user, new_year):
    """A blank target removes what holds nothing else; a baseline stays with a blank
    target."""
    binhlu = new_year.communes[0]
    set_unit_targets(
        indicator=new_year.count,
        targets={binhlu: Decimal(2), new_year.district: None},
        by=staff_user,
    )
    IndicatorTarget.objects.filter(agency=binhlu).update(baseline_value=1)
    set_unit_targets(indicator=new_year.count, targets={binhlu: None}, by=staff_user)
    row = IndicatorTarget.objects.get(agency=binhlu)
    assert row.target_value is None and row.baseline_value == 1
    set_unit_targets(
        indicator=new_year.count, targets={new_year.communes[1]: Decimal(1)}, by=staff_user
    )
    set_unit_targets(indicator=new_year.count, targets={new_year.communes[1]: None}, by=staff_user)
    assert not IndicatorTarget.objects.filter(agency=new_year.communes[1]).exists()


def test_previous_and_next_indicator_links_and_save_and_go_on(client, staff_user, new_year):
    """Each unit page links to the indicators before and after it; "save and go on"
    lands on the next one."""
    client.force_login(staff_user)
    page = client.get(unit_url(new_year.count)).content.decode()
    assert unit_url(new_year.rate) in page
    response = open_and_post(
        client,
        unit_url(new_year.count),
        {f"target-{new_year.communes[0].pk}": "2", "next": ""},
    )
    assert response["Location"] == unit_url(new_year.rate)
    assert unit_url(new_year.count) in client.get(unit_url(new_year.rate)).content.decode()


def test_a_target_an_approved_report_relies_on_does_not_move(client, admin_user, plan_3707):
    """Last year's approved figures were judged against the unit's target: the page
    refuses to change it, saying which report relies on it."""
    district = Agency.objects.get(code="lc-phongtho-ubnd")
    indicator = plan_3707.indicators.get(order=1)
    IndicatorTarget.objects.create(indicator=indicator, agency=district, target_value=Decimal(90))
    period = make_period(staff=admin_user, units=[district])
    report = period.reports.get(agency=district)
    reporter = UserFactory(role=roles.REPORTING_UNIT, agency=district)
    report = workflow.save_report(
        report=report, data=complete_input(report), expected_version=report.version, by=reporter
    )
    report = workflow.submit_report(report=report, by=reporter)
    workflow.approve_report(report=report, by=admin_user)
    assert ProgressReport.objects.get(pk=report.pk).status == ProgressReport.Status.APPROVED
    client.force_login(admin_user)
    response = open_and_post(client, unit_url(indicator), {f"target-{district.pk}": "95"})
    assert response.status_code == 200
    assert "báo cáo đã duyệt" in response.content.decode()
    assert IndicatorTarget.objects.get(indicator=indicator, agency=district).target_value == 90


# --- who may --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "reads", "changes"),
    [
        ("admin_user", 200, 302),
        ("staff_user", 200, 302),
        ("leadership_user", 200, 403),
        ("unit_user", 403, 403),
    ],
)
def test_staff_change_targets_leadership_reads_them_units_are_refused(
    client, request, new_year, who, reads, changes
):
    """Both pages: staff and administrators open and save them, leadership opens them
    and may not save, a reporting unit opens neither; only an allowed save changes a
    target."""
    client.force_login(request.getfixturevalue(who))
    for url, box in (
        (targets_url(new_year.plan), f"target-{new_year.count.pk}"),
        (unit_url(new_year.count), f"target-{new_year.communes[0].pk}"),
    ):
        response = client.get(url)
        assert response.status_code == reads
        assert client.post(url, {box: "7", f"initial-{box}": ""}).status_code == changes
    new_year.count.refresh_from_db()
    changed = IndicatorTarget.objects.filter(target_value=7).exists()
    assert (new_year.count.target_value == 7 and changed) == (changes == 302)


def test_leadership_reads_the_targets_without_boxes(client, leadership_user, new_year):
    """Leadership sees the targets as figures, with no box and no save button."""
    new_year.count.target_value = Decimal(33)
    new_year.count.save()
    client.force_login(leadership_user)
    page = client.get(targets_url(new_year.plan)).content.decode()
    assert 'name="target-' not in page and "Lưu chỉ tiêu" not in page
    assert re.search(r'data-label="Chỉ tiêu phấn đấu của tỉnh">\s*33\s*</td>', page)


def test_the_domain_refuses_who_may_not_set_targets(leadership_user, new_year):
    """Whichever door is used, only staff and administrators set targets."""
    with pytest.raises(PermissionDenied):
        set_province_targets(
            directive=new_year.plan, targets={new_year.count: Decimal(1)}, by=leadership_user
        )
    with pytest.raises(PermissionDenied):
        set_unit_targets(
            indicator=new_year.count, targets={new_year.communes[0]: Decimal(1)}, by=leadership_user
        )


def test_the_directive_page_links_staff_to_the_targets(
    client, staff_user, leadership_user, plan_3707
):
    """Staff reach the targets from the plan's appendix; leadership's directive page has
    no such button."""
    client.force_login(staff_user)
    detail = reverse("directives:directive_detail", args=[plan_3707.pk])
    assert targets_url(plan_3707) in client.get(detail).content.decode()
    client.force_login(leadership_user)
    assert targets_url(plan_3707) not in client.get(detail).content.decode()


# --- history ----------------------------------------------------------------------------


def test_history_records_who_changed_a_target_in_one_save(client, staff_user, new_year):
    """The history of each target changed names the staff member who saved it, and one
    click is one save."""
    staff_user.first_name, staff_user.last_name = "Thu", "Hà Lê"
    staff_user.save()
    client.force_login(staff_user)
    open_and_post(
        client,
        targets_url(new_year.plan),
        {f"target-{new_year.count.pk}": "32", f"target-{new_year.rate.pk}": "98"},
    )
    rows = Indicator.history.filter(id__in=[new_year.count.pk, new_year.rate.pk]).order_by(
        "-history_date"
    )[:2]
    assert {row.history_user_id for row in rows} == {staff_user.pk}
    assert {row.history_user_name for row in rows} == {staff_user.get_full_name()}
    assert len({row.history_action for row in rows}) == 1 and rows[0].history_action
    open_and_post(client, unit_url(new_year.count), {f"target-{new_year.communes[0].pk}": "3"})
    unit_row = IndicatorTarget.history.filter(agency=new_year.communes[0]).latest("history_date")
    assert unit_row.history_user_id == staff_user.pk and unit_row.target_value == 3


# --- queries ----------------------------------------------------------------------------


@pytest.fixture
def forty_units(plan_3707, admin_user):
    """Plan 3707 (26 indicators) carried out by 40 units, each with a target for every
    indicator."""
    units = [
        AgencyFactory(
            code=f"test-unit-{n:02}", name=f"UBND xã thử nghiệm {n:02}", kind=Agency.Kind.COMMUNE
        )
        for n in range(40)
    ]
    task = plan_3707.task_groups.order_by("order").first().tasks.order_by("order").first()
    Assignment.objects.bulk_create(
        Assignment(task=task, agency=unit, role=Assignment.Role.IMPLEMENT) for unit in units
    )
    indicators = list(plan_3707.indicators.all())
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, agency=unit, target_value=Decimal(1))
        for indicator in indicators
        for unit in units
    )
    assert len(indicators) == 26
    return units, indicators


# Whatever the number of indicators and units: six to eight queries to read a page,
# ten to fourteen to save every box of it.
PAGE_BOUND, SAVE_BOUND = 10, 16


def test_the_target_pages_cost_a_bounded_number_of_queries(
    client, staff_user, plan_3707, forty_units, django_assert_max_num_queries
):
    """26 indicators, 40 units with a target for each: reading either page, and saving
    every box of it, costs a fixed number of queries."""
    units, indicators = forty_units
    client.force_login(staff_user)
    with django_assert_max_num_queries(PAGE_BOUND):
        page = client.get(targets_url(plan_3707)).content.decode()
    assert page.count('<tr id="indicator-') == 26
    with django_assert_max_num_queries(SAVE_BOUND):
        response = client.post(
            targets_url(plan_3707), posted(page, {f"target-{i.pk}": "3" for i in indicators})
        )
    assert response.status_code == 302
    assert plan_3707.indicators.filter(target_value=3).count() == 26
    indicator = indicators[5]
    with django_assert_max_num_queries(PAGE_BOUND):
        page = client.get(unit_url(indicator)).content.decode()
    assert sum(f'name="target-{unit.pk}"' in page for unit in units) == 40
    with django_assert_max_num_queries(SAVE_BOUND):
        response = client.post(
            unit_url(indicator), posted(page, {f"target-{unit.pk}": "2" for unit in units})
        )
    assert response.status_code == 302
    assert IndicatorTarget.objects.filter(indicator=indicator, target_value=2).count() == 40


def test_a_commune_of_the_reform_takes_no_target_in_last_years_plan(
    client, staff_user, plan_3707, new_year
):
    """A commune opened on 01/07/2025 did not exist in school year 2024 - 2025: on 3707's
    unit page it shows only on request, marked as opened then, and a target is refused."""
    commune = new_year.communes[0]
    indicator = plan_3707.indicators.get(order=1)
    AssignmentFactory(
        task=plan_3707.task_groups.first().tasks.first(),
        agency=commune,
        role=Assignment.Role.IMPLEMENT,
    )
    client.force_login(staff_user)
    assert f'name="target-{commune.pk}"' not in client.get(unit_url(indicator)).content.decode()
    shown = client.get(unit_url(indicator, "?closed=1")).content.decode()
    assert "hoạt động từ ngày 01/07/2025" in shown
    response = client.post(
        unit_url(indicator, "?closed=1"), posted(shown, {f"target-{commune.pk}": "1"})
    )
    assert "bắt đầu hoạt động từ ngày 01/07/2025, sau khi kết thúc năm học 2024 - 2025" in (
        response.content.decode()
    )
    assert not IndicatorTarget.objects.filter(agency=commune).exists()


def test_an_indicators_unit_of_measure_is_not_confused_with_a_reporting_unit(
    client, staff_user, new_year
):
    """Both pages list reporting units (đơn vị) beside the indicator's unit of measure:
    the latter is headed "Đơn vị tính", as in the appendix of a plan."""
    client.force_login(staff_user)
    province = client.get(targets_url(new_year.plan)).content.decode()
    assert '<th scope="col">Đơn vị tính</th>' in province
    assert re.search(r'data-label="Đơn vị tính">%</td>', province)
    units = client.get(reverse("indicators:unit_targets", args=[new_year.rate.pk]))
    assert "<dt>Đơn vị tính</dt><dd>%</dd>" in units.content.decode()
