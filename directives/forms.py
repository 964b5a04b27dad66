from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from directives.localization import format_decimal_input, parse_decimal
from directives.models import Directive, SchoolYear
from directives.selectors import issuers


class VietnameseDecimalField(forms.DecimalField):
    """A number box that takes "32,7", "32.7" and "1.234,5", and shows "99,85"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Enter a number, for example 32,7.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                value = parse_decimal(value)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(str(value))

    def prepare_value(self, value):
        return format_decimal_input(value)

    def widget_attrs(self, widget):
        # No min/max/step attributes: they would make browsers refuse "32,7".
        return {}


class DirectiveFilterForm(forms.Form):
    """The filters above the directive list; every field is optional."""

    query = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words of the title, the number or symbol, the issuer or the tasks."),
    )
    school_year = forms.ModelChoiceField(
        label=_("School year"),
        queryset=SchoolYear.objects.all(),
        required=False,
        empty_label=_("All school years"),
    )
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        choices=[("", _("All types")), *Directive.DocType.choices],
        required=False,
    )
    issuer = forms.ModelChoiceField(
        label=_("Issuing agency"),
        queryset=issuers(),
        required=False,
        empty_label=_("All issuers"),
    )
