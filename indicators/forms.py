"""Admin forms whose baseline and target are read as figures of their indicator. The
admin gives each its model and fields (and number boxes, ``DECIMAL_OVERRIDES``)."""

from django import forms

from directives.forms import reread_figures
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
