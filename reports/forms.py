from django import forms
from django.utils.translation import gettext_lazy as _

from directives.forms import VietnameseDecimalField, reread_figures
from directives.models import Agency, SchoolYear
from indicators.models import Indicator
from reports.evidence import ALLOWED_SUFFIXES
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)
from reports.workflow import TEXT_TOO_LONG, AnswerInput, ReportInput, ValueInput

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def number_field(model, name: str, **kwargs) -> VietnameseDecimalField:
    """A number box with the digits of the model field it fills."""
    return model._meta.get_field(name).formfield(
        form_class=VietnameseDecimalField, required=False, **kwargs
    )


def text_field(model, name: str, *, rows: int | None = None, **kwargs) -> forms.CharField:
    """A text box as long as the model field allows; the browser stops typing there too
    (``maxlength``) and the server says how long the text is."""
    return forms.CharField(
        max_length=model._meta.get_field(name).max_length,
        required=False,
        error_messages={"max_length": TEXT_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        **kwargs,
    )


class PeriodForm(forms.Form):
    """Open a reporting period for one directive."""

    name = forms.CharField(
        label=_("Name of the period"),
        max_length=255,
        help_text=_("As it will appear on reports, e.g. Sơ kết học kỳ I năm học 2024 - 2025."),
    )
    school_year = forms.ModelChoiceField(label=_("School year"), queryset=SchoolYear.objects.all())
    kind = forms.ChoiceField(label=_("Kind of period"), choices=ReportingPeriod.Kind.choices)
    starts_on = forms.DateField(label=_("Period starts on"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Period ends on"), widget=DATE_WIDGET)
    due_on = forms.DateField(label=_("Reports due on"), widget=DATE_WIDGET)
    locks_on = forms.DateField(
        label=_("Locked after"),
        widget=DATE_WIDGET,
        help_text=_(
            "After this day units can no longer change their report unless staff reopen it."
        ),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units that must report"),
        queryset=Agency.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("By default every agency assigned a task and every unit with a target."),
    )

    def __init__(self, *args, units_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units_queryset is not None:
            self.fields["units"].queryset = units_queryset


EVIDENCE_HINT = _("PDF, DOCX, XLSX, JPG or PNG, at most 10 MB.")


def evidence_field(label) -> forms.FileField:
    """An evidence file input; the browser offers the accepted kinds, the server checks."""
    return forms.FileField(
        label=label,
        help_text=EVIDENCE_HINT,
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )


class ReportForm(forms.Form):
    """A unit's answers for its tasks and its values for its indicators, and the evidence
    files chosen for the report or for a task: every button of the page sends it all, so
    that nothing typed or chosen is lost whichever is pressed."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        initial = {"version": page.report.version}
        self.fields["evidence-report"] = evidence_field(_("Attach a file to the report"))
        for row in page.task_rows:
            prefix = f"task-{row.task.pk}"
            self.fields[f"evidence-task-{row.task.pk}"] = evidence_field(
                _("Attach a file to this task")
            )
            self.fields[f"{prefix}-progress"] = forms.ChoiceField(
                label=_("Status"),
                choices=[("", _("— choose —")), *TaskAnswer.Progress.choices],
                required=False,
            )
            self.fields[f"{prefix}-results"] = text_field(
                TaskAnswer, "results", rows=3, label=_("Results achieved")
            )
            self.fields[f"{prefix}-difficulties"] = text_field(
                TaskAnswer, "difficulties", rows=2, label=_("Shortcomings, difficulties and causes")
            )
            self.fields[f"{prefix}-proposals"] = text_field(
                TaskAnswer, "proposals", rows=2, label=_("Proposals")
            )
            if row.answer:
                initial.update(
                    {
                        f"{prefix}-progress": row.answer.progress,
                        f"{prefix}-results": row.answer.results,
                        f"{prefix}-difficulties": row.answer.difficulties,
                        f"{prefix}-proposals": row.answer.proposals,
                    }
                )
        for row in page.indicator_rows:
            prefix = f"indicator-{row.indicator.pk}"
            figures = (
                [("numerator", _("Numerator")), ("denominator", _("Denominator"))]
                if row.indicator.rollup_rule == Indicator.RollupRule.RATIO
                else [("value", _("Value"))]
            )
            for name, label in figures:
                self.fields[f"{prefix}-{name}"] = number_field(
                    IndicatorValue, name, label=label, kind=row.indicator.figure_kind(name)
                )
            self.fields[f"{prefix}-note"] = text_field(IndicatorValue, "note", label=_("Note"))
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

    def task_blocks(self):
        """Each task row with its bound fields and its evidence field, in the order of the
        document."""
        names = ("progress", "results", "difficulties", "proposals")
        return [
            (
                row,
                [self[f"task-{row.task.pk}-{name}"] for name in names],
                self[f"evidence-task-{row.task.pk}"],
            )
            for row in self.page.task_rows
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
        for row in self.page.task_rows:
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

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        answers = [
            AnswerInput(
                task_id=row.task.pk,
                progress=data.get(f"task-{row.task.pk}-progress", ""),
                results=data.get(f"task-{row.task.pk}-results", ""),
                difficulties=data.get(f"task-{row.task.pk}-difficulties", ""),
                proposals=data.get(f"task-{row.task.pk}-proposals", ""),
            )
            for row in self.page.task_rows
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
        return ReportInput(answers=answers, values=values)


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
