"""What the dashboard shows: a school year, a directive, a period (or none) and the day
counts are taken on, read from the URL so that a link can be sent, with sensible defaults."""

import datetime
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote_plus

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directives.forms import DATE_HINT, VietnameseDateField
from directives.models import Directive, SchoolYear
from reports import permissions
from reports.models import ReportingPeriod


@dataclass(frozen=True)
class Choice:
    """The dashboard's filters, resolved. ``unit_ids`` is None for the whole province, or
    the agencies of a reporting unit that sees only its own row against the province."""

    school_year: SchoolYear | None
    directive: Directive | None
    period: ReportingPeriod | None
    on: datetime.date
    unit_ids: frozenset[int] | None = None
    # The directive's periods, the earliest ending first, as ``resolve_choice`` read them.
    periods: tuple[ReportingPeriod, ...] | None = None

    def directive_periods(self) -> tuple[ReportingPeriod, ...]:
        """The directive's periods, the earliest ending first, with their school year:
        read once a request and shared by the panels (a choice made by hand reads them)."""
        if self.periods is not None:
            return self.periods
        return _periods_of(self.directive)

    def query(self, **changes) -> str:
        """The URL query of this choice, with some values changed: links keep the choice.
        What ``urlencode`` writes, the choice's own values encoded once (the panels
        link every unit)."""
        pairs = self._query_pairs
        if changes:
            pairs = pairs | {key: _pair(key, value) for key, value in changes.items()}
        return "&".join(pair for pair in pairs.values() if pair is not None)

    @cached_property
    def _query_pairs(self) -> dict[str, str | None]:
        values = {
            "year": self.school_year.start_year if self.school_year else "",
            "directive": self.directive.pk if self.directive else "",
            "period": self.period.pk if self.period else "",
            "on": self.on.strftime("%d/%m/%Y"),
        }
        return {key: _pair(key, value) for key, value in values.items()}


def _pair(key: str, value) -> str | None:
    """``key=value`` as ``urlencode`` writes it; None for a blank value, left out."""
    if value in ("", None):
        return None
    return f"{quote_plus(str(key))}={quote_plus(str(value))}"


class _RowsIterator(ModelChoiceIterator):
    """The choices of the rows already read, in their order: rendering reads no more."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.rows:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.rows) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows)


class RowsChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over ``rows``, its queryset's rows read already: the select
    lists them and a value is looked up among them, as the queryset would find it."""

    iterator = _RowsIterator
    rows: list = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        model = self.queryset.model
        if isinstance(value, model):
            value = value.pk
        try:
            pk = model._meta.pk.to_python(value)
        except ValidationError:
            pk = None
        found = next((row for row in self.rows if row.pk == pk), None)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class ChoiceForm(forms.Form):
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False)
    directive = RowsChoiceField(
        label=_("Directive"), queryset=Directive.objects.none(), required=False
    )
    period = RowsChoiceField(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.none(), required=False
    )
    on = VietnameseDateField(label=_("As of"), required=False, help_text=DATE_HINT)

    def __init__(self, *args, years, directives, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y.start_year, str(y)) for y in years]
        self.fields["directive"].rows = directives
        self.fields["period"].rows = periods
        self.fields["period"].empty_label = _("— as of the date only —")


def resolve_choice(data, *, user) -> tuple[Choice, ChoiceForm]:
    """The choice a request asks for, each blank or unknown value replaced by the
    natural default: the latest school year with a reporting period, its directive with
    the latest period, that period, counted as of its last day (today without a period,
    or if the period has not ended)."""
    years = list(SchoolYear.objects.filter(directives__reporting_periods__isnull=False).distinct())
    years = years or list(SchoolYear.objects.all())
    raw_year = data.get("year")
    year = next((y for y in years if str(y.start_year) == raw_year), None) or (
        years[0] if years else None
    )
    directives = list(
        Directive.objects.filter(school_year=year)
        .annotate(last_period=Max("reporting_periods__ends_on"))
        .order_by("-last_period", "-issued_on", "-pk")
    )
    asked = _int(data.get("directive"))
    directive = next((d for d in directives if d.pk == asked), None) or (
        directives[0] if directives else None
    )
    periods = _periods_of(directive)
    latest_first = periods[::-1]
    period = None
    if data.get("period"):
        asked = _int(data.get("period"))
        period = next((p for p in latest_first if p.pk == asked), None)
    elif "period" not in data:
        period = latest_first[0] if latest_first else None
    # A period is read as it stood when it ended; without one, as of today.
    on = min(period.ends_on, timezone.localdate()) if period else timezone.localdate()
    form = ChoiceForm(
        data or None,
        years=years,
        directives=directives,
        periods=list(latest_first),
        initial={
            "year": year.start_year if year else None,
            "directive": directive,
            "period": period,
            "on": on,
        },
    )
    if form.is_bound and form.is_valid() and form.cleaned_data.get("on"):
        on = form.cleaned_data["on"]
    unit_ids = None
    if not permissions.sees_everything(user):
        unit_ids = frozenset(permissions.unit_agency_ids(user))
    return Choice(year, directive, period, on, unit_ids, periods), form


def _periods_of(directive) -> tuple[ReportingPeriod, ...]:
    if directive is None:
        return ()
    periods = tuple(
        ReportingPeriod.objects.filter(directive=directive)
        .select_related("school_year")
        .order_by("ends_on", "pk")
    )
    for period in periods:
        period.directive = directive  # not joined: a plan's row holds its whole text
    return periods


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
