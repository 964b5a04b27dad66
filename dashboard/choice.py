"""What the dashboard shows: a school year, a directive, a period (or none) and the day
counts are taken on, read from the URL so that a link can be sent, with sensible defaults."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Max
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

    def query(self, **changes) -> str:
        """The URL query of this choice, with some values changed: links keep the choice."""
        values = {
            "year": self.school_year.start_year if self.school_year else "",
            "directive": self.directive.pk if self.directive else "",
            "period": self.period.pk if self.period else "",
            "on": self.on.strftime("%d/%m/%Y"),
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


class ChoiceForm(forms.Form):
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False)
    directive = forms.ModelChoiceField(
        label=_("Directive"), queryset=Directive.objects.none(), required=False
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"), queryset=ReportingPeriod.objects.none(), required=False
    )
    on = VietnameseDateField(label=_("As of"), required=False, help_text=DATE_HINT)

    def __init__(self, *args, years, directives, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y.start_year, str(y)) for y in years]
        self.fields["directive"].queryset = directives
        self.fields["period"].queryset = periods
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
    directives = (
        Directive.objects.filter(school_year=year)
        .annotate(last_period=Max("reporting_periods__ends_on"))
        .order_by("-last_period", "-issued_on", "-pk")
    )
    directive = directives.filter(pk=_int(data.get("directive"))).first() or directives.first()
    periods = ReportingPeriod.objects.filter(directive=directive).order_by("-ends_on", "-pk")
    period = None
    if data.get("period"):
        period = periods.filter(pk=_int(data.get("period"))).first()
    elif "period" not in data:
        period = periods.first()
    # A period is read as it stood when it ended; without one, as of today.
    on = min(period.ends_on, timezone.localdate()) if period else timezone.localdate()
    form = ChoiceForm(
        data or None,
        years=years,
        directives=directives,
        periods=periods,
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
    return Choice(year, directive, period, on, unit_ids), form


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
