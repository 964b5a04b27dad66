"""The form that records a reorganisation: its date and basis, and either a workbook of
the new units or one merger, split or transfer of existing agencies."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directives.forms import DATE_HINT, VietnameseDateField
from directives.models import Agency, ReorganisationLine
from directives.reorganising import LineInput

Kind = ReorganisationLine.Kind
FORM_KINDS = [(Kind.MERGER, Kind.MERGER.label), (Kind.SPLIT, Kind.SPLIT.label)] + [
    (Kind.TRANSFER, Kind.TRANSFER.label)
]


class AgencyChoices(forms.ModelMultipleChoiceField):
    """Agencies by name, a closed one with its last day."""

    def label_from_instance(self, agency):
        if agency.valid_until:
            return _("%(name)s (closed after %(date)s)") % {
                "name": agency.name,
                "date": formats.date_format(agency.valid_until, "SHORT_DATE_FORMAT"),
            }
        return agency.name


class ParentChoice(forms.ModelChoiceField):
    def label_from_instance(self, agency):
        return agency.name


class ReorganisationForm(forms.Form):
    effective_on = VietnameseDateField(
        label=gettext_lazy("Takes effect on"),
        help_text=format_lazy(
            "{} {}", gettext_lazy("The first day of the new organisation."), DATE_HINT
        ),
    )
    basis = forms.CharField(
        label=gettext_lazy("Legal basis"),
        max_length=255,
        help_text=gettext_lazy(
            "The decision it carries out, e.g. Nghị quyết 1670/NQ-UBTVQH15 ngày 16/6/2025."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    workbook = forms.FileField(
        label=gettext_lazy("Workbook of the units after the change"),
        required=False,
        help_text=gettext_lazy(
            "An Excel workbook (.xlsx) or CSV file, one row per unit after the change: Mã, "
            "Tên, Tên viết tắt, Loại, Mã cơ quan cấp trên, Tiếp nhận từ (codes of the old "
            "agencies, separated by “;”), Căn cứ nêu rõ (x or blank), Nhận người dùng (x or "
            "blank), Ghi chú. Leave it empty to record one change of existing agencies below."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of change"),
        choices=[("", "—")] + FORM_KINDS,
        required=False,
    )
    predecessors = AgencyChoices(
        label=gettext_lazy("Agencies before (closed; for a transfer: the agency moved)"),
        queryset=Agency.objects.none(),
        required=False,
    )
    successors = AgencyChoices(
        label=gettext_lazy("Agencies after (taking over)"),
        queryset=Agency.objects.none(),
        required=False,
    )
    new_parent = ParentChoice(
        label=gettext_lazy("New parent agency (for a transfer)"),
        queryset=Agency.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.order_by("name")
        for name in ("predecessors", "successors", "new_parent"):
            self.fields[name].queryset = agencies

    def clean(self):
        cleaned = super().clean()
        workbook, kind = cleaned.get("workbook"), cleaned.get("kind")
        if self.errors:
            return cleaned
        if bool(workbook) == bool(kind):
            raise ValidationError(
                _("Upload a workbook, or choose one change of existing agencies: one of the two.")
            )
        if kind:
            before = list(cleaned.get("predecessors") or [])
            after = list(cleaned.get("successors") or [])
            if not before:
                self.add_error("predecessors", _("Choose at least one agency."))
            if kind == Kind.TRANSFER:
                if len(before) != 1:
                    self.add_error("predecessors", _("A transfer moves exactly one agency."))
                if cleaned.get("new_parent") is None:
                    self.add_error("new_parent", _("Choose the agency it moves under."))
            elif not after:
                self.add_error("successors", _("Choose at least one agency."))
        return cleaned

    def line(self) -> LineInput:
        """The one change chosen on the form."""
        cleaned = self.cleaned_data
        successors = list(cleaned["successors"])
        return LineInput(
            kind=cleaned["kind"],
            predecessors=list(cleaned["predecessors"]),
            successors=[] if cleaned["kind"] == Kind.TRANSFER else successors,
            new_parent=cleaned["new_parent"] if cleaned["kind"] == Kind.TRANSFER else None,
        )
