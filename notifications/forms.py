from django import forms

from notifications.models import Kind


class MailPreferenceForm(forms.Form):
    """One box per kind of notice: ticked, it also comes by e-mail."""

    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=current.get(kind, True)
            )
