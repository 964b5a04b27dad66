"""Opening a period: the units offered are the directive's province tree, those in
existence during the period, grouped by level; every date box reads day/month/year."""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from directives.forms import DirectiveReviewForm, VietnameseDateField
from directives.models import Agency, SchoolYear
from reports import workflow
from reports.forms import UNIT_LEVELS, PeriodForm

pytestmark = pytest.mark.django_db

DAY_FIRST_MESSAGE = "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/12/2024."
DATE_FIELDS = ["starts_on", "ends_on", "due_on", "locks_on"]


def period_url(directive):
    return reverse("reports:period_create") + f"?directive={directive.pk}"


def period_data(directive, **changes):
    return {
        "name": "Báo cáo tháng 10/2024",
        "school_year": directive.school_year_id,
        "kind": "month",
        "starts_on": "01/10/2024",
        "ends_on": "31/10/2024",
        "due_on": "05/11/2024",
        "locks_on": "15/11/2024",
        "units": [Agency.objects.get(code="lc-phongtho-ubnd").pk],
        **changes,
    }


def offered_codes(response) -> list[str]:
    return [agency.code for agency in response.context["form"].offered]


def test_the_form_offers_the_directive_province_grouped_by_level(client, staff_user, plan_3707):
    client.force_login(staff_user)
    response = client.get(period_url(plan_3707))
    assert response.status_code == 200
    codes = offered_codes(response)
    assert codes[0] == "lc-ubnd"
    assert "lc-sgddt" in codes and "lc-phongtho-pgd" in codes
    assert not [code for code in codes if not code.startswith("lc-")]  # no Bắc Giang, Bắc Ninh
    groups = response.context["form"].unit_groups()
    legends = [str(legend) for legend, _boxes in groups]
    assert legends == [str(legend) for _kind, legend in UNIT_LEVELS if str(legend) in legends]
    assert "Sở, ban, ngành tỉnh" in legends and "UBND cấp huyện" in legends
    kinds = {str(legend): kind for kind, legend in UNIT_LEVELS}
    by_pk = {str(a.pk): a for a in Agency.objects.all()}
    for legend, boxes in groups:
        assert {by_pk[str(box.data["value"])].kind for box in boxes} == {kinds[legend]}
    departments = [
        box.choice_label
        for legend, boxes in groups
        if legend == "Sở, ban, ngành tỉnh"
        for box in boxes
    ]
    # Alphabetical as a Vietnamese reader expects, on either database.
    assert departments == [
        "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
        "Sở Tài chính tỉnh Lai Châu",
        "Sở Thông tin và Truyền thông tỉnh Lai Châu",
    ]
    page = response.content.decode()
    assert page.count('<fieldset class="unit-level">') == len(groups)
    assert "<legend>UBND cấp huyện" in page


def test_the_default_units_are_ticked_and_the_others_are_not(client, staff_user, plan_3707):
    client.force_login(staff_user)
    response = client.get(period_url(plan_3707))
    defaults = set(workflow.default_reporting_units(plan_3707).values_list("pk", flat=True))
    assert defaults
    ticked = {
        int(box.data["value"])
        for _legend, boxes in response.context["form"].unit_groups()
        for box in boxes
        if box.data["selected"]
    }
    offered = {a.pk for a in response.context["form"].offered}
    assert ticked == defaults & offered
    assert offered - ticked  # something is offered unticked, e.g. the province itself


def test_after_the_district_level_ended_its_units_are_not_offered(client, staff_user, plan_3707):
    """The district level was abolished on 1 July 2025: a period of 2025-2026 offers none
    of its units, and naming one anyway is refused by name."""
    client.force_login(staff_user)
    phongtho = Agency.objects.get(code="lc-phongtho-ubnd")
    data = period_data(
        plan_3707,
        starts_on="01/09/2025",
        ends_on="30/09/2025",
        due_on="05/10/2025",
        locks_on="15/10/2025",
    )
    response = client.post(period_url(plan_3707), data)
    assert response.status_code == 200
    assert "lc-phongtho-ubnd" not in offered_codes(response)
    assert "lc-sgddt" in offered_codes(response)
    errors = response.context["form"].errors["units"]
    assert phongtho.name in errors[0]
    assert not plan_3707.reporting_periods.filter(name=data["name"]).exists()


def test_an_agency_of_another_province_cannot_be_chosen(client, staff_user, plan_3707):
    client.force_login(staff_user)
    bac_giang = Agency.objects.get(code="bg-sgddt")
    response = client.post(period_url(plan_3707), period_data(plan_3707, units=[bac_giang.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert not plan_3707.reporting_periods.exists()
    with pytest.raises(ValidationError) as refused:
        workflow.open_period(
            directive=plan_3707,
            school_year=plan_3707.school_year,
            kind="month",
            name="Tháng 10",
            starts_on=datetime.date(2024, 10, 1),
            ends_on=datetime.date(2024, 10, 31),
            due_on=datetime.date(2024, 11, 5),
            locks_on=datetime.date(2024, 11, 15),
            units=[bac_giang],
            by=staff_user,
        )
    assert bac_giang.name in refused.value.message_dict["units"][0]


def test_the_default_units_of_a_late_period_leave_out_those_that_no_longer_exist(
    staff_user, plan_3707
):
    period = workflow.open_period(
        directive=plan_3707,
        school_year=plan_3707.school_year,
        kind="month",
        name="Tháng 9/2025",
        starts_on=datetime.date(2025, 9, 1),
        ends_on=datetime.date(2025, 9, 30),
        due_on=datetime.date(2025, 10, 5),
        locks_on=datetime.date(2025, 10, 15),
        by=staff_user,
    )
    kinds = set(period.reports.values_list("agency__kind", flat=True))
    assert kinds and Agency.Kind.DISTRICT not in kinds


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("01/10/2024", datetime.date(2024, 10, 1)),
        ("1/10/2024", datetime.date(2024, 10, 1)),
        ("5/3/2025", datetime.date(2025, 3, 5)),
        ("2024-10-01", datetime.date(2024, 10, 1)),
    ],
)
def test_every_date_box_of_the_period_reads_the_same_day(typed, day, plan_3707):
    data = period_data(plan_3707, **dict.fromkeys(DATE_FIELDS, typed))
    form = PeriodForm(data, directive=plan_3707)
    form.is_valid()
    for name in DATE_FIELDS:
        assert name not in form.errors, (name, form.errors)
        assert form.cleaned_data[name] == day


@pytest.mark.parametrize(
    "typed",
    [
        "01-10-2024",
        "01.10.2024",
        "1/10/24",
        "2024/10/01",
        "31/02/2024",
        "10/2024",
        "mùng 1 tháng 10",
    ],
)
def test_every_date_box_refuses_anything_else_in_vietnamese(typed, client, staff_user, plan_3707):
    client.force_login(staff_user)
    data = period_data(plan_3707, **dict.fromkeys(DATE_FIELDS, typed))
    response = client.post(period_url(plan_3707), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {name: errors.get(name) for name in DATE_FIELDS} == dict.fromkeys(
        DATE_FIELDS, [DAY_FIRST_MESSAGE]
    )


def test_the_date_hint_is_linked_to_its_box_and_says_what_is_accepted(
    client, staff_user, plan_3707
):
    client.force_login(staff_user)
    page = client.get(period_url(plan_3707)).content.decode()
    for name in DATE_FIELDS:
        assert f'aria-describedby="id_{name}_helptext"' in page
    assert "ví dụ 01/12/2024 hoặc 1/12/2024; cũng nhận 2024-12-01" in page
    assert 'placeholder="dd/mm/yyyy"' in page


def test_dates_are_day_first_in_the_english_interface_too():
    with translation.override("en"):
        assert VietnameseDateField().clean("05/03/2025") == datetime.date(2025, 3, 5)
        # Django's own date field (the admin's filters, any plain form) reads the same.
        assert forms.DateField().clean("05/03/2025") == datetime.date(2025, 3, 5)
        with pytest.raises(ValidationError):
            forms.DateField().clean("03-05-2025")


def test_the_admin_date_boxes_are_the_same_field(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model, name in [(Agency, "valid_until"), (SchoolYear, "starts_on")]:
        form = admin.site._registry[model].get_form(request)
        field = form.base_fields[name]
        assert isinstance(field, VietnameseDateField), model
        assert field.clean("30/6/2025") == datetime.date(2025, 6, 30)
        with pytest.raises(ValidationError) as refused:
            field.clean("30-06-2025")
        assert refused.value.messages == [DAY_FIRST_MESSAGE]


def test_the_admin_saves_a_date_typed_day_first(client, admin_user):
    client.force_login(admin_user)
    agency = Agency.objects.get(code="lc-phongtho-pldtbxh")
    url = reverse("admin:directives_agency_change", args=[agency.pk])
    data = {
        "name": agency.name,
        "short_name": agency.short_name,
        "code": agency.code,
        "kind": agency.kind,
        "parent": agency.parent_id,
        "valid_from": "",
        "valid_until": "30-06-2025",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert DAY_FIRST_MESSAGE in refused.content.decode()
    assert client.post(url, {**data, "valid_until": "1/7/2025"}).status_code == 302
    agency.refresh_from_db()
    assert agency.valid_until == datetime.date(2025, 7, 1)


def test_the_review_form_shows_the_date_read_as_day_month_year():
    form = DirectiveReviewForm(parsed={"issued_on": "2024-09-17", "task_groups": []})
    assert 'value="17/09/2024"' in str(form["issued_on"])
