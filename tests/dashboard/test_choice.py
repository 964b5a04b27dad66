"""The dashboard's choice reads its directives and periods once: the form's selects list
the rows already read, and refuse what a ModelChoiceField over the same queryset
refuses; its links' queries are what ``urlencode`` writes."""

import datetime
from urllib.parse import urlencode

import pytest
from django import forms
from django.db import connection
from django.db.models import Max
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts import roles
from dashboard.choice import resolve_choice
from directives.models import Directive
from reports.models import ReportingPeriod
from tests.factories import DirectiveFactory, SchoolYearFactory, UserFactory

pytestmark = pytest.mark.django_db


class Reference(forms.Form):
    """The selects as Django writes and checks them over the querysets."""

    directive = forms.ModelChoiceField(queryset=Directive.objects.none(), required=False)
    period = forms.ModelChoiceField(queryset=ReportingPeriod.objects.none(), required=False)

    def __init__(self, *args, directives, periods, empty_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = directives
        self.fields["period"].queryset = periods
        self.fields["period"].empty_label = empty_label


def _period(directive, name, ends_on):
    return ReportingPeriod.objects.create(
        directive=directive,
        school_year=directive.school_year,
        name=name,
        starts_on=ends_on.replace(day=1),
        ends_on=ends_on,
        due_on=ends_on + datetime.timedelta(days=5),
        locks_on=ends_on + datetime.timedelta(days=30),
    )


@pytest.fixture
def plans(db):
    year = SchoolYearFactory(start_year=2025)
    first = DirectiveFactory(school_year=year, number="12", title="Kế hoạch <một>")
    second = DirectiveFactory(school_year=year, number="13", title="Kế hoạch hai & ba")
    periods = [
        _period(first, "Sơ kết học kỳ I", datetime.date(2026, 1, 15)),
        _period(first, "Tổng kết năm học", datetime.date(2026, 5, 31)),
        _period(second, "Quý I", datetime.date(2025, 12, 31)),
    ]
    return year, first, second, periods


@pytest.fixture
def leader(db):
    return UserFactory(role=roles.LEADERSHIP)


def _reference(data, directive):
    return Reference(
        data,
        directives=Directive.objects.filter(school_year=directive.school_year)
        .annotate(last_period=Max("reporting_periods__ends_on"))
        .order_by("-last_period", "-issued_on", "-pk"),
        periods=ReportingPeriod.objects.filter(directive=directive).order_by("-ends_on", "-pk"),
        empty_label="— as of the date only —",
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_selects_list_the_rows_read_as_django_writes_them_and_read_nothing_more(
    plans, leader, language
):
    year, first, _second, periods = plans
    with translation.override(language):
        for data in ({}, {"directive": str(first.pk), "period": str(periods[0].pk)}):
            choice, form = resolve_choice(QueryDict(urlencode(data)), user=leader)
            reference = _reference(data or None, choice.directive)
            reference.fields["period"].empty_label = form.fields["period"].empty_label
            if not data:
                form_initial = {"directive": choice.directive, "period": choice.period}
                reference.initial = form_initial
            with CaptureQueriesContext(connection) as queries:
                written = [str(form["directive"]), str(form["period"])]
            assert len(queries) == 0
            assert written == [str(reference["directive"]), str(reference["period"])]


@pytest.mark.parametrize(
    "field, value",
    [
        ("directive", "abc"),
        ("directive", "999999"),
        ("directive", "5.5"),
        ("period", "abc"),
        ("period", "-1"),
        ("period", "other directive's"),
        ("period", "first"),
    ],
)
def test_a_value_is_refused_or_taken_as_a_model_choice_field_takes_it(plans, leader, field, value):
    _year, first, second, periods = plans
    value = {"other directive's": str(periods[2].pk), "first": f" {periods[0].pk}"}.get(
        value, value
    )
    data = {"directive": str(first.pk), "period": str(periods[1].pk), field: value}
    choice, form = resolve_choice(QueryDict(urlencode(data)), user=leader)
    reference = _reference(data, first)
    assert form.is_valid() == reference.is_valid()
    assert form.errors.get(field) == reference.errors.get(field)
    if reference.is_valid():
        assert form.cleaned_data[field] == reference.cleaned_data[field]


def test_a_links_query_is_what_urlencode_writes(plans, leader):
    _year, first, _second, periods = plans
    choice, _form = resolve_choice(
        QueryDict(urlencode({"directive": first.pk, "period": periods[0].pk})), user=leader
    )
    values = {
        "year": choice.school_year.start_year,
        "directive": choice.directive.pk,
        "period": choice.period.pk,
        "on": choice.on.strftime("%d/%m/%Y"),
    }
    for changes in (
        {},
        {"unit": 7},
        {"period": ""},
        {"sort": "ind-3", "dir": "", "page": None},
        {"on": "01/02/2026", "empty": "hide", "unit": "a b&c"},
    ):
        expected = urlencode({k: v for k, v in (values | changes).items() if v not in ("", None)})
        assert choice.query(**changes) == expected
