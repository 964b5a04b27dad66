from django import forms
from django.utils.translation import gettext_lazy as _

_CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "none",
    "spellcheck": "false",
    "class": "code-input",
}


class AppCodeForm(forms.Form):
    """The six-digit code that an authenticator app shows now."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("The 6 digits the app shows for edu-plans, e.g. 123456."),
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric"}),
    )


class LoginCodeForm(forms.Form):
    """A code from the app or one of the recovery codes."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_(
            "The 6 digits your authenticator app shows for edu-plans. Without your phone, "
            "type one of your recovery codes instead (e.g. abcd-efgh)."
        ),
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )
