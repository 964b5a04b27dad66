"""A period's reporting units are the agencies that exist during it: across the 2025
reform a plan assigned to districts and to the communes that replaced them asks the
districts before the change, the communes after it, and both for a period spanning it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directives.models import Agency, SchoolYear
from reports import workflow
from reports.forms import PeriodForm
from tests.reform import build_reform

pytestmark = pytest.mark.django_db

DISTRICT_LEVEL = {Agency.Kind.DISTRICT, Agency.Kind.DISTRICT_OFFICE}


@pytest.fixture
def reform(plan_3707):
    return build_reform(plan_3707)


def _open(plan, by, starts_on, ends_on, **kwargs):
    return workflow.open_period(
        directive=plan,
        school_year=plan.school_year,
        kind="month",
        name=f"Tháng {starts_on:%m/%Y}",
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=ends_on + datetime.timedelta(days=5),
        locks_on=ends_on + datetime.timedelta(days=15),
        by=by,
        **kwargs,
    )


def _form(plan, starts_on, ends_on, **kwargs) -> PeriodForm:
    data = {
        "starts_on": starts_on.strftime("%d/%m/%Y"),
        "ends_on": ends_on.strftime("%d/%m/%Y"),
    }
    return PeriodForm(data, directive=plan, **kwargs)


def _levels(agencies) -> tuple[set, set]:
    """The district-level and the commune-level agencies among these."""
    agencies = list(agencies)
    return (
        {a.code for a in agencies if a.kind in DISTRICT_LEVEL},
        {a.code for a in agencies if a.kind == Agency.Kind.COMMUNE},
    )


def test_a_period_after_the_reform_asks_only_the_communes(reform, plan_3707, staff_user):
    """Opened for September 2025, the plan's period is reported by the new communes and
    none of the closed districts; the form offers and ticks the same."""
    start, end = datetime.date(2025, 9, 1), datetime.date(2025, 9, 30)
    period = _open(plan_3707, staff_user, start, end)
    districts, communes = _levels(report.agency for report in period.reports.all())
    assert districts == set()
    assert communes == {a.code for a in reform.communes}
    assert "lc-sgddt" in {report.agency.code for report in period.reports.all()}

    defaults = workflow.default_reporting_units(plan_3707, starts_on=start, ends_on=end)
    assert _levels(defaults) == (set(), {a.code for a in reform.communes})
    offered_districts, offered_communes = _levels(_form(plan_3707, start, end).offered)
    assert offered_districts == set() and offered_communes >= communes


def test_a_period_before_the_reform_asks_only_the_districts(reform, plan_3707, staff_user):
    start, end = datetime.date(2025, 3, 1), datetime.date(2025, 3, 31)
    period = _open(plan_3707, staff_user, start, end)
    districts, communes = _levels(report.agency for report in period.reports.all())
    assert communes == set()
    assert {a.code for a in reform.districts} <= districts
    # Offered: none of the communes the reform opened (the seed's Mù Cả and Tà Tổng,
    # communes before the reform too, are agencies of the province then).
    offered = _levels(_form(plan_3707, start, end).offered)[1]
    assert not offered & {a.code for a in reform.communes}


def test_a_period_spanning_the_reform_asks_both(reform, plan_3707, staff_user):
    """A period from May to September 2025 saw the districts close and the communes open:
    both report for the part of it they existed in."""
    start, end = datetime.date(2025, 5, 1), datetime.date(2025, 9, 30)
    period = _open(plan_3707, staff_user, start, end)
    districts, communes = _levels(report.agency for report in period.reports.all())
    assert {a.code for a in reform.districts} <= districts
    assert communes == {a.code for a in reform.communes}


def test_the_form_of_a_new_school_year_ticks_only_the_communes(
    reform, plan_3707, client, staff_user
):
    """A plan of 2025 - 2026 opens its form on that year's dates: the communes are offered
    and ticked, the closed districts neither."""
    plan_3707.school_year = SchoolYear.objects.get_or_create(start_year=2025)[0]
    plan_3707.save()
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={plan_3707.pk}"
    response = client.get(url)
    form = response.context["form"]
    boxes = [box for _legend, group in form.unit_groups() for box in group]
    ticked = {int(box.data["value"]) for box in boxes if box.data["selected"]}
    offered = {int(box.data["value"]) for box in boxes}
    assert {a.pk for a in reform.communes} <= ticked
    assert not {a.pk for a in reform.districts} & offered
    page = response.content.decode()
    assert reform.tamduong.name not in page
    assert "Hiện cả đơn vị đã ngừng hoạt động" in page


def test_closed_agencies_are_shown_when_asked_but_never_ticked_nor_accepted(
    reform, plan_3707, client, staff_user
):
    """Asked, the form lists the closed districts, marked with the day they stopped, and
    unticked; choosing one anyway is refused by name and opens nothing."""
    plan_3707.school_year = SchoolYear.objects.get_or_create(start_year=2025)[0]
    plan_3707.save()
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={plan_3707.pk}&closed=1"
    response = client.get(url)
    form = response.context["form"]
    boxes = {int(box.data["value"]): box for _legend, group in form.unit_groups() for box in group}
    assert reform.tamduong.pk in boxes
    assert not boxes[reform.tamduong.pk].data["selected"]
    page = response.content.decode()
    assert f"{reform.tamduong.name} (ngừng hoạt động từ 01/07/2025)" in page
    assert "Ẩn đơn vị đã ngừng hoạt động" in page

    data = {
        "name": "Tháng 9/2025",
        "school_year": plan_3707.school_year_id,
        "kind": "month",
        "starts_on": "01/09/2025",
        "ends_on": "30/09/2025",
        "due_on": "05/10/2025",
        "locks_on": "15/10/2025",
        "units": [reform.tamduong.pk, reform.merged.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert reform.tamduong.name in response.context["form"].errors["units"][0]
    assert not plan_3707.reporting_periods.exists()
    with pytest.raises(ValidationError):
        _open(
            plan_3707,
            staff_user,
            datetime.date(2025, 9, 1),
            datetime.date(2025, 9, 30),
            units=[reform.tamduong],
        )


def test_showing_closed_agencies_keeps_what_was_typed(reform, plan_3707, client, staff_user):
    """Asking for the closed agencies after typing the period shows the form again with
    everything typed and ticked, opens nothing, and says nothing is wrong yet."""
    plan_3707.school_year = SchoolYear.objects.get_or_create(start_year=2025)[0]
    plan_3707.save()
    client.force_login(staff_user)
    url = reverse("reports:period_create") + f"?directive={plan_3707.pk}"
    typed = {
        "name": "Tháng 10/2025",
        "kind": "month",
        "starts_on": "01/10/2025",
        "ends_on": "31/10/2025",
        "units": [reform.merged.pk],
        "show_closed": "1",
    }
    response = client.post(url, typed)
    assert response.status_code == 200 and not plan_3707.reporting_periods.exists()
    page = response.content.decode()
    assert 'value="Tháng 10/2025"' in page and 'value="01/10/2025"' in page
    assert f"{reform.tamduong.name} (ngừng hoạt động từ 01/07/2025)" in page
    assert not response.context["form"].errors and "field__error" not in page
    boxes = {
        int(box.data["value"]): box
        for _legend, group in response.context["form"].unit_groups()
        for box in group
    }
    assert boxes[reform.merged.pk].data["selected"]
    assert not boxes[reform.tamduong.pk].data["selected"]
    # Hidden again, still as typed; the period then opens from the same form.
    response = client.post(url, typed | {"show_closed": "0", "closed_shown": "1"})
    page = response.content.decode()
    assert reform.tamduong.name not in page and 'value="31/10/2025"' in page
