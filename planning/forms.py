from django import forms
from django.utils.translation import gettext_lazy as _

from directives.models import Directive
from indicators.models import Indicator


class SettleForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done, e.g. “lead given to the Sở”."),
    )


class PreviousPlanForm(forms.Form):
    """Which plan of an earlier school year this one continues."""

    previous = forms.TypedChoiceField(label=_("Plan of the previous school year"), coerce=int)

    def __init__(self, *args, candidates: list[Directive], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["previous"].choices = [
            (plan.pk, f"{plan.school_year} — {plan}") for plan in candidates
        ]


NONE = 0


class LinkForm(forms.Form):
    """For each indicator of the plan, the indicator of last year's it continues."""

    def __init__(self, *args, indicators: list[Indicator], previous: list[Indicator], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NONE, _("— none: a new indicator —"))] + [
            (old.pk, f"{old.order}. {old.name} ({old.unit})") for old in previous
        ]
        self.previous = {old.pk: old for old in previous}
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.TypedChoiceField(
                label=f"{indicator.order}. {indicator.name} ({indicator.unit})",
                choices=choices,
                coerce=int,
            )

    def clean(self):
        cleaned = super().clean()
        used = [v for key, v in cleaned.items() if key.startswith("indicator_") and v != NONE]
        if len(used) != len(set(used)):
            raise forms.ValidationError(
                _("Each indicator of last year's plan can be continued by one indicator only.")
            )
        return cleaned

    def pairs(self) -> dict[Indicator, Indicator | None]:
        return {
            indicator: self.previous.get(self.cleaned_data[f"indicator_{indicator.pk}"])
            for indicator in self.indicators
        }

    def rows(self):
        """Each indicator with its field, for the template."""
        return [(i, self[f"indicator_{i.pk}"]) for i in self.indicators]
