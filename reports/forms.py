import copy

from django import forms
from django.forms.utils import ErrorDict
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directives.forms import (
    DATE_HINT,
    VietnameseDateField,
    VietnameseDecimalField,
    reread_figures,
)
from directives.models import Agency, SchoolYear
from directives.selectors import province_tree
from edu_plans.form_rendering import NormalChoices
from indicators.models import Indicator
from reports import workflow
from reports.evidence import ALLOWED_SUFFIXES
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)
from reports.workflow import (
    TEXT_TOO_LONG,
    AnswerInput,
    GroupAnswerInput,
    ReportInput,
    ValueInput,
)


def number_field(model, name: str, **kwargs) -> VietnameseDecimalField:
    """A number box with the digits of the model field it fills."""
    return model._meta.get_field(name).formfield(
        form_class=VietnameseDecimalField, required=False, **kwargs
    )


def text_field(model, name: str, *, rows: int | None = None, **kwargs) -> forms.CharField:
    """A text box as long as the model field allows; the browser stops typing there too
    (``maxlength``) and the server says how long the text is."""
    field = forms.CharField(
        max_length=model._meta.get_field(name).max_length,
        required=False,
        error_messages={"max_length": TEXT_TOO_LONG},
        widget=forms.Textarea if rows else forms.TextInput,
        **kwargs,
    )
    # Set on the widget the field made: a widget instance handed to a field is copied
    # (deepcopy), a noticeable cost on a report form of a hundred text boxes.
    if rows:
        field.widget.attrs["rows"] = rows
    return field


# The levels of the agency tree, in the order the period form lists them.
UNIT_LEVELS = [
    (Agency.Kind.PROVINCE, _("Provincial People's Committee")),
    (Agency.Kind.DEPARTMENT, _("Provincial departments")),
    (Agency.Kind.DISTRICT, _("District-level People's Committees")),
    (Agency.Kind.DISTRICT_OFFICE, _("District offices")),
    (Agency.Kind.COMMUNE, _("Commune-level People's Committees")),
    (Agency.Kind.SCHOOL, _("Schools")),
    (Agency.Kind.MASS_ORGANISATION, _("Mass organisations")),
    (Agency.Kind.MEDIA, _("Press and broadcasting")),
    (Agency.Kind.UNIT, _("Internal units")),
    (Agency.Kind.OTHER, _("Other agencies")),
]


class PeriodForm(forms.Form):
    """Open a reporting period for one directive.

    The units offered are the agencies of the directive's province that exist during the
    period (its dates as typed, or else the school year's), grouped by level.
    """

    name = forms.CharField(
        label=_("Name of the period"),
        max_length=255,
        help_text=_("As it will appear on reports, e.g. Sơ kết học kỳ I năm học 2024 - 2025."),
    )
    school_year = forms.ModelChoiceField(label=_("School year"), queryset=SchoolYear.objects.all())
    kind = forms.ChoiceField(label=_("Kind of period"), choices=ReportingPeriod.Kind.choices)
    starts_on = VietnameseDateField(label=_("Period starts on"), help_text=DATE_HINT)
    ends_on = VietnameseDateField(label=_("Period ends on"), help_text=DATE_HINT)
    due_on = VietnameseDateField(label=_("Reports due on"), help_text=DATE_HINT)
    locks_on = VietnameseDateField(
        label=_("Locked after"),
        help_text=format_lazy(
            "{} {}",
            _("After this day units can no longer change their report unless staff reopen it."),
            DATE_HINT,
        ),
    )
    remind_every_days = forms.IntegerField(
        label=_("Remind every (days)"),
        min_value=1,
        max_value=60,
        required=False,
        initial=ReportingPeriod._meta.get_field("remind_every_days").default,
        help_text=_(
            "Units are reminded this many days before the due date, and again every this "
            "many days while their report is overdue. Blank: 3."
        ),
    )
    escalate_after_days = forms.IntegerField(
        label=_("Escalate after (days overdue)"),
        min_value=1,
        max_value=365,
        required=False,
        initial=ReportingPeriod._meta.get_field("escalate_after_days").default,
        help_text=_(
            "From this many days overdue, the reminders also go to the unit's head and to "
            "the department staff who follow the unit. Blank: 7."
        ),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units that must report"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Agencies of %(province)s that exist during the period. Ticked: every agency "
            "assigned a task and every unit with a target."
        ),
    )

    def __init__(self, *args, directive, show_closed=False, redisplay=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown again as typed (after asking for closed agencies): nothing is checked yet.
        self.redisplay = redisplay
        starts_on, ends_on = self._period_span(directive)
        self.offered = workflow.reporting_unit_choices(
            directive, starts_on=starts_on, ends_on=ends_on
        )
        province = province_tree(directive.issuer)
        # Asked for, the agencies closed before the period are listed too, marked as such
        # and never ticked, so that staff see where last year's units went; the workflow
        # still refuses them.
        self.closed = []
        if show_closed and starts_on is not None:
            self.closed = [
                agency
                for agency in province
                if agency.valid_until is not None and agency.valid_until < starts_on
            ]
        if "units" not in self.initial:
            self.initial["units"] = list(
                workflow.default_reporting_units(
                    directive, starts_on=starts_on, ends_on=ends_on
                ).values_list("pk", flat=True)
            )
        units = self.fields["units"]
        # Any agency of the province is looked up, so that the workflow can name one
        # that does not exist during the dates typed; other provinces' are not choices.
        units.queryset = Agency.objects.filter(pk__in=[agency.pk for agency in province])
        closed_ids = {agency.pk for agency in self.closed}
        shown = closed_ids | {agency.pk for agency in self.offered}
        self.offered = [agency for agency in province if agency.pk in shown]
        units.choices = [(agency.pk, self._label(agency, closed_ids)) for agency in self.offered]
        units.help_text = units.help_text % {"province": province[0]}

    @staticmethod
    def _label(agency: Agency, closed_ids: set[int]) -> str:
        if agency.pk not in closed_ids:
            return agency.name
        return _("%(name)s (closed since %(day)s)") % {
            "name": agency.name,
            "day": agency.closed_from.strftime("%d/%m/%Y"),
        }

    def clean_remind_every_days(self):
        return self._or_default("remind_every_days")

    def clean_escalate_after_days(self):
        return self._or_default("escalate_after_days")

    def _or_default(self, name: str) -> int:
        """A blank number of days is the period's default."""
        value = self.cleaned_data[name]
        return ReportingPeriod._meta.get_field(name).default if value is None else value

    def full_clean(self):
        if self.redisplay:
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def _period_span(self, directive):
        """The dates typed when they read as dates, else the school year's."""
        if self.is_bound:
            try:
                return (
                    self.fields["starts_on"].clean(self.data.get(self.add_prefix("starts_on"))),
                    self.fields["ends_on"].clean(self.data.get(self.add_prefix("ends_on"))),
                )
            except forms.ValidationError:
                pass
        if directive.school_year:
            return directive.school_year.span
        return None, None

    def unit_groups(self) -> list[tuple[str, list]]:
        """The offered units' checkboxes by level of the tree, each level with its legend."""
        boxes = {str(box.data["value"]): box for box in self["units"]}
        groups = []
        for kind, legend in UNIT_LEVELS:
            members = [boxes[str(a.pk)] for a in self.offered if a.kind == kind]
            if members:
                groups.append((legend, members))
        return groups


EVIDENCE_HINT = _("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB.")


def evidence_field(label, help_text=EVIDENCE_HINT) -> forms.FileField:
    """An evidence file input; the browser offers the accepted kinds, the server checks."""
    field = forms.FileField(
        label=label, help_text=help_text, required=False, widget=forms.FileInput
    )
    field.widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)  # on its own widget: see text_field
    return field


def dates_reason_field() -> forms.CharField:
    """Why a period's due or lock date moves: asked wherever they move (this form, the
    admin's), checked by ``workflow.period_dates_problems``."""
    return forms.CharField(
        label=_("Reason for changing the dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when the due date or the lock date changes; shown in the period's history."
        ),
    )


PERIOD_DATES = ["due_on", "locks_on"]
REMINDER_DAYS = ["remind_every_days", "escalate_after_days"]


class PeriodSettingsForm(forms.Form):
    """What staff change of a period once it is open: its due and lock dates (moved with a
    reason, which its history keeps) and its reminders (N and M), each as the period form
    asks for it."""

    reason = dates_reason_field()

    def __init__(self, *args, period: ReportingPeriod, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(period, name) for name in [*PERIOD_DATES, *REMINDER_DAYS]}
        )
        super().__init__(*args, **kwargs)
        self.period = period
        # The period form's own fields, in its order, the reason beside the dates.
        reason = self.fields.pop("reason")
        for name in PERIOD_DATES:
            self.fields[name] = copy.deepcopy(PeriodForm.base_fields[name])
        self.fields["reason"] = reason
        for name in REMINDER_DAYS:
            self.fields[name] = copy.deepcopy(PeriodForm.base_fields[name])

    clean_remind_every_days = PeriodForm.clean_remind_every_days
    clean_escalate_after_days = PeriodForm.clean_escalate_after_days
    _or_default = PeriodForm._or_default

    def dates_changed(self) -> bool:
        return any(self.cleaned_data.get(n) != getattr(self.period, n) for n in PERIOD_DATES)

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) for name in PERIOD_DATES) and self.dates_changed():
            dates = {name: cleaned[name] for name in PERIOD_DATES}
            problems = workflow.period_dates_problems(**dates, reason=cleaned.get("reason", ""))
            for name, problem in problems.items():
                self.add_error(name, problem)
        return cleaned


class ReportForm(forms.Form):
    """A unit's answers for its tasks and its values for its indicators, and the evidence
    files chosen for the report or for a task: every button of the page sends it all, so
    that nothing typed or chosen is lost whichever is pressed."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        # The same labels, hints and status choices repeat on every task and indicator:
        # translated once here, under the request's language, rather than at each of the
        # ~300 fields and their options every time the page writes them.
        self._texts = self._translated_texts()
        initial = {"version": page.report.version}
        self.fields["evidence-report"] = evidence_field(
            gettext("Attach a file to the report"), self._texts["evidence_hint"]
        )
        for row in page.task_rows:
            self._answer_fields(f"task-{row.task.pk}", row.answer, initial)
            self._evidence_field(row)
        for group_row in page.group_rows:
            self._answer_fields(f"group-{group_row.group.pk}", group_row.answer, initial)
            for row in group_row.task_rows:
                # Going down to one task: its status and results only, all optional.
                self._answer_fields(f"task-{row.task.pk}", row.answer, initial, brief=True)
                self._evidence_field(row)
        for row in page.indicator_rows:
            prefix = f"indicator-{row.indicator.pk}"
            texts = self._texts
            figures = (
                [("numerator", texts["numerator"]), ("denominator", texts["denominator"])]
                if row.indicator.rollup_rule == Indicator.RollupRule.RATIO
                else [("value", texts["value"])]
            )
            for name, label in figures:
                self.fields[f"{prefix}-{name}"] = number_field(
                    IndicatorValue, name, label=label, kind=row.indicator.figure_kind(name)
                )
            self.fields[f"{prefix}-note"] = text_field(IndicatorValue, "note", label=texts["note"])
            if row.value:
                initial.update(
                    {
                        f"{prefix}-value": row.value.value,
                        f"{prefix}-numerator": row.value.numerator,
                        f"{prefix}-denominator": row.value.denominator,
                        f"{prefix}-note": row.value.note,
                    }
                )
        # A bound form shows what was posted; its initial values tell what was typed.
        self.initial = initial

    FULL = ("progress", "completed_on", "results", "difficulties", "proposals")
    BRIEF = ("progress", "completed_on", "results")

    @staticmethod
    def _translated_texts() -> dict:
        return {
            "status": gettext("Status"),
            "progress_choices": NormalChoices(
                [
                    ("", gettext("— choose —")),
                    *((value, str(label)) for value, label in TaskAnswer.Progress.choices),
                ]
            ),
            "completed_on": gettext("Completed on"),
            "completed_on_hint": gettext(
                "Only for a completed task; blank: the day the report is submitted."
            ),
            "results": gettext("Results achieved"),
            "difficulties": gettext("Shortcomings, difficulties and causes"),
            "proposals": gettext("Proposals"),
            "task_evidence": gettext("Attach a file to this task"),
            "evidence_hint": str(EVIDENCE_HINT),
            "numerator": gettext("Numerator"),
            "denominator": gettext("Denominator"),
            "value": gettext("Value"),
            "note": gettext("Note"),
        }

    def _answer_fields(self, prefix: str, answer, initial: dict, *, brief=False) -> None:
        texts = self._texts
        self.fields[f"{prefix}-progress"] = forms.ChoiceField(
            label=texts["status"], choices=texts["progress_choices"], required=False
        )
        self.fields[f"{prefix}-completed_on"] = VietnameseDateField(
            label=texts["completed_on"], required=False, help_text=texts["completed_on_hint"]
        )
        self.fields[f"{prefix}-results"] = text_field(
            TaskAnswer, "results", rows=2 if brief else 3, label=texts["results"]
        )
        if not brief:
            self.fields[f"{prefix}-difficulties"] = text_field(
                TaskAnswer, "difficulties", rows=2, label=texts["difficulties"]
            )
            self.fields[f"{prefix}-proposals"] = text_field(
                TaskAnswer, "proposals", rows=2, label=texts["proposals"]
            )
        if answer:
            for name in self.BRIEF if brief else self.FULL:
                initial[f"{prefix}-{name}"] = getattr(answer, name)

    def _evidence_field(self, row) -> None:
        texts = self._texts
        self.fields[f"evidence-task-{row.task.pk}"] = evidence_field(
            texts["task_evidence"], texts["evidence_hint"]
        )

    def task_blocks(self):
        """Each task row with its bound fields and its evidence field, in the order of the
        document."""
        return [
            (
                row,
                [self[f"task-{row.task.pk}-{name}"] for name in self.FULL],
                self[f"evidence-task-{row.task.pk}"],
            )
            for row in self.page.task_rows
        ]

    def group_blocks(self):
        """Each task group the unit implements, with its bound fields, and its tasks, each
        with its own (optional) fields and evidence field."""
        return [
            (
                group_row,
                [self[f"group-{group_row.group.pk}-{name}"] for name in self.FULL],
                [
                    (
                        row,
                        [self[f"task-{row.task.pk}-{name}"] for name in self.BRIEF],
                        self[f"evidence-task-{row.task.pk}"],
                    )
                    for row in group_row.task_rows
                ],
            )
            for group_row in self.page.group_rows
        ]

    def report_evidence_field(self):
        return self["evidence-report"]

    def has_typed_changes(self) -> bool:
        """Something typed differs from what is saved (or the form is older than the
        report); chosen files do not count."""
        return any(not name.startswith("evidence") for name in self.changed_data)

    def chosen_evidence(self) -> list[tuple[int | None, object]]:
        """The files chosen to attach: (task id or None for the report, file)."""
        chosen = []
        if upload := self.cleaned_data.get("evidence-report"):
            chosen.append((None, upload))
        for row in self._all_task_rows():
            if upload := self.cleaned_data.get(f"evidence-task-{row.task.pk}"):
                chosen.append((row.task.pk, upload))
        return chosen

    def indicator_blocks(self):
        """Each indicator row with its bound fields."""
        blocks = []
        for row in self.page.indicator_rows:
            prefix = f"indicator-{row.indicator.pk}"
            names = [
                n
                for n in ("value", "numerator", "denominator", "note")
                if f"{prefix}-{n}" in self.fields
            ]
            blocks.append((row, [self[f"{prefix}-{name}"] for name in names]))
        return blocks

    def _all_task_rows(self):
        yield from self.page.task_rows
        for group_row in self.page.group_rows:
            yield from group_row.task_rows

    def _answer(self, prefix: str) -> dict:
        data = self.cleaned_data
        return {
            "progress": data.get(f"{prefix}-progress", ""),
            "results": data.get(f"{prefix}-results", ""),
            "difficulties": data.get(f"{prefix}-difficulties", ""),
            "proposals": data.get(f"{prefix}-proposals", ""),
            "completed_on": data.get(f"{prefix}-completed_on"),
        }

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        answers = [
            AnswerInput(task_id=row.task.pk, **self._answer(f"task-{row.task.pk}"))
            for row in self._all_task_rows()
        ]
        groups = [
            GroupAnswerInput(group_id=row.group.pk, **self._answer(f"group-{row.group.pk}"))
            for row in self.page.group_rows
        ]
        values = [
            ValueInput(
                indicator_id=row.indicator.pk,
                value=data.get(f"indicator-{row.indicator.pk}-value"),
                numerator=data.get(f"indicator-{row.indicator.pk}-numerator"),
                denominator=data.get(f"indicator-{row.indicator.pk}-denominator"),
                note=data.get(f"indicator-{row.indicator.pk}-note", ""),
            )
            for row in self.page.indicator_rows
        ]
        return ReportInput(answers=answers, values=values, groups=groups)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=ProgressReport._meta.get_field("return_reason").max_length,
        error_messages={"max_length": TEXT_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The unit sees this text on its report."),
    )


class ProvinceValueForm(forms.Form):
    """A province-only figure, read as a figure of its indicator (a count is whole)."""

    indicator = forms.IntegerField(widget=forms.HiddenInput)
    value = number_field(ProvinceValue, "value", label=_("Province value"))
    note = text_field(ProvinceValue, "note", label=_("Note"))

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators

    def clean(self):
        cleaned = super().clean()
        indicator = self.indicators.filter(pk=cleaned.get("indicator")).first()
        if indicator is not None:
            reread_figures(self, {"value": indicator.figure_kind("value")})
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in workbook"),
        help_text=_("The .xlsx template downloaded for this report, at most 10 MB."),
    )
