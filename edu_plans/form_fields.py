"""``{% form_field field %}``: a form field with its label, hint, errors and widget, the
one way every form of the product writes a field (includes/field.html is this tag).

Written in Python rather than as a template: a unit's report form has about 300 fields,
and including a template for each cost about a third of the page. The label sits above
the field, the hint and the errors are linked to the widget by ``aria-describedby``
(Django sets it from the ids written here: ``<id>_helptext``, ``<id>_error``). The
widget of the common kinds is written by ``form_rendering.field_widget`` straight from
the bound field; any other goes through Django (``str(field)``).
"""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from edu_plans.escaping import escaped
from edu_plans.form_rendering import field_widget

register = template.Library()


@register.simple_tag
def form_field(field) -> SafeString:
    return mark_safe(_written(field))


@register.simple_tag
def form_fields(fields) -> SafeString:
    """``{% for field in fields %}{% form_field field %}{% endfor %}``, without a template
    loop: the report form writes its ~250 answer and figure fields in groups."""
    return mark_safe("".join([_written(field) for field in fields]))


def _written(field) -> str:
    field_id = escaped(field.auto_id)
    errors = field.errors
    # A value the document reader was not sure of, to be checked (directives' import).
    unsure = getattr(field.field, "unsure", None)
    classes = "field" + (" field--error" if errors else "") + (" field--unsure" if unsure else "")
    label = escaped(field.label)
    if unsure:
        label += f' <span class="unsure-note">{escaped(gettext("Check:"))} {escaped(unsure)}</span>'
    hint = (
        f'<div class="field__hint" id="{field_id}_helptext">{escaped(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    # One element with the id Django's aria-describedby names (``<id>_error``), holding
    # every error of the field.
    shown_errors = (
        f'<div class="field__errors" id="{field_id}_error">'
        + "".join(f'<p class="field__error">{escaped(error)}</p>' for error in errors)
        + "</div>"
        if errors
        else ""
    )
    widget = field_widget(field, errors)
    if widget is None:
        widget = str(field)
    return (
        f'<div class="{classes}">\n'
        f'  <label for="{field_id}">{label}</label>\n'
        f"  {hint}\n"
        f"  {shown_errors}\n"
        f"  {widget}\n"
        "</div>"
    )
