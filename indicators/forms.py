"""Forms whose baseline and target are read as figures of their indicator: the admin's
(the admin gives each its model and fields, and number boxes, ``DECIMAL_OVERRIDES``) and
the target pages' boxes."""

from django import forms
from django.core.exceptions import ValidationError

from directives.forms import VietnameseDecimalField, reread_figures
from indicators.models import Indicator

FIGURES = ("baseline_value", "target_value")


class IndicatorForm(forms.ModelForm):
    """An indicator: its baseline and target are read with the unit, the roll-up rule and
    the count as typed in the same form ("1,000" is refused for a count)."""

    def clean(self):
        cleaned = super().clean()
        typed = Indicator(
            unit=cleaned.get("unit", self.instance.unit) or "",
            rollup_rule=cleaned.get("rollup_rule", self.instance.rollup_rule),
            is_count=cleaned.get("is_count", self.instance.is_count),
        )
        reread_figures(self, {name: typed.figure_kind(name) for name in FIGURES})
        return cleaned


class IndicatorTargetForm(forms.ModelForm):
    """A unit target, read as a figure of the indicator it is for."""

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator")
        if isinstance(indicator, Indicator):
            reread_figures(self, {name: indicator.figure_kind(name) for name in FIGURES})
        return cleaned


def target_field(indicator: Indicator, *, label) -> VietnameseDecimalField:
    """A target box read as a figure of its indicator ("1.000" is one thousand, a count
    takes whole numbers), with the digits the target holds. It carries the value shown
    when the page was opened, so that only what was typed is saved: a target someone else
    changed meanwhile is not put back."""
    field = Indicator._meta.get_field("target_value").formfield(
        form_class=VietnameseDecimalField,
        required=False,
        label=label,
        kind=indicator.figure_kind("target_value"),
    )
    field.show_hidden_initial = True
    return field


class TargetsForm(forms.Form):
    """Targets by key (an indicator or a unit), one box each; ``typed()`` gives the changed
    ones, and ``refused()`` puts a domain refusal beside its box."""

    def __init__(self, *args, boxes: list[tuple[object, Indicator, str, object]], **kwargs):
        """``boxes``: (key, its indicator, label, stored target) for each box."""
        super().__init__(*args, **kwargs)
        self.keys = {}
        for key, indicator, label, stored in boxes:
            name = f"target-{key.pk}"
            self.fields[name] = target_field(indicator, label=label)
            self.initial[name] = stored
            self.keys[name] = key

    def box(self, key):
        """The key's bound box; one refused names its message (shown beside it)."""
        bound = self[f"target-{key.pk}"]
        if bound.errors:
            bound.field.widget.attrs["aria-describedby"] = f"{bound.auto_id}_error"
        return bound

    def typed(self) -> dict:
        """{key: target} for the boxes whose text changed since the page was opened."""
        changed = set(self.changed_data)
        return {key: self.cleaned_data[name] for name, key in self.keys.items() if name in changed}

    def refused(self, error: ValidationError) -> None:
        """Put each refusal of the domain (keyed by pk) beside its box."""
        for pk, messages in error.message_dict.items():
            name = f"target-{pk}"
            self.add_error(name if name in self.fields else None, messages)
