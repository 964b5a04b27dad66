"""Django's form renderer, with its most used widget templates written out in Python.

A unit's report form holds about 300 fields. Django renders each widget through its own
small templates (input.html including attrs.html, select.html including one template per
option), and at that count the templates cost more than the rest of the page: about
two thirds of the report form's time. The functions here write the same HTML as those
templates (tests/test_form_rendering.py compares them on every widget and value kind);
any other template goes to Django's renderer as before.

``field_widget(field, errors)`` goes one step further for the same widgets: it writes a
bound field's widget (what ``str(field)`` writes) from the field itself, without the
dictionaries Django builds for the templates (``build_widget_attrs``, ``get_context``,
one ``create_option`` per choice). Any other widget, field or renderer gets None, and
the caller renders the field as Django does.
"""

from html import escape as _escape

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import localize
from django.utils.safestring import SafeData

from edu_plans.escaping import escaped

WIDGETS = "django/forms/widgets/"


def _as_text(value) -> str:
    """``{{ value|stringformat:'s' }}``: str() of the value, escaped unless already safe."""
    if type(value) is str:
        return _escape(value)
    if isinstance(value, SafeData):
        return str(value)
    return escaped(str(value))


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        name = _escape(name) if type(name) is str else escaped(name)
        if value is True:
            parts.append(" " + name)
        elif type(value) is int:  # digits: nothing to escape
            parts.append(f' {name}="{value}"')
        else:
            parts.append(f' {name}="{_as_text(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else ' value="' + _as_text(value) + '"'
    return (
        f'<input type="{escaped(widget["type"])}" '
        f'name="{escaped(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _textarea(widget: dict) -> str:
    value = widget["value"]
    text = escaped(localize(value)) if value else ""
    return (
        f'<textarea name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
    )


def _option(option: dict) -> str:
    return (
        f'<option value="{_as_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{escaped(localize(option['label']))}</option>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escaped(localize(group_name))}">')
        for option in group_choices:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None  # an option of another kind: Django's templates write it
            parts.append("\n  " + _option(option) + "\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _file(widget: dict) -> str | None:
    if widget.get("is_initial"):
        return None  # the current file and its clear box: Django's template writes them
    return (
        f'<input type="{escaped(widget["type"])}" '
        f'name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>'
    )


WRITERS = {
    **{
        WIDGETS + name: _input
        for name in (
            "input.html",
            "text.html",
            "number.html",
            "email.html",
            "url.html",
            "password.html",
            "hidden.html",
            "date.html",
            "datetime.html",
            "time.html",
            "search.html",
            "tel.html",
            "color.html",
            "file.html",
        )
    },
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    WIDGETS + "clearable_file_input.html": _file,
}


class WidgetRenderer(DjangoTemplates):
    """Django's default renderer, writing the common widgets without a template."""

    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        widget = context.get("widget") if write else None
        html = write(widget) if widget is not None else None
        if html is None:
            return super().render(template_name, context, request=request)
        return html


class NormalChoices(BaseChoiceIterator):
    """Choices already in the form Django normalises them to (a list of (value, label)
    pairs, a group's label being its list of pairs), which a ChoiceField and its widget
    then take as they are: given a plain list, ``normalize_choices`` walks it again for
    the field and for the widget, about 20 µs a field on the report form's fifty status
    selects."""

    def __init__(self, choices: list):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


INPUTS = {
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.FileInput,
}


def _widget_attrs(field: BoundField, widget, errors) -> dict:
    """The attributes ``BoundField.as_widget`` hands the widget, merged over the widget's
    own in the same order (``build_widget_attrs``, then the id)."""
    attrs = dict(widget.attrs)
    own = widget.attrs
    form_field = field.field
    form = field.form
    if (
        widget.use_required_attribute(field.initial)
        and form_field.required
        and form.use_required_attribute
    ):
        attrs["required"] = True
    if form_field.disabled:
        attrs["disabled"] = True
    hidden = widget.is_hidden
    if not hidden and errors:
        attrs["aria-invalid"] = "true"
    auto_id = field.auto_id
    if not own.get("aria-describedby") and auto_id and not hidden:
        described = []
        if field.help_text:
            described.append(f"{auto_id}_helptext")
        if errors:
            described.append(f"{auto_id}_error")
        if described:
            attrs["aria-describedby"] = " ".join(described)
    if auto_id and "id" not in own:
        attrs["id"] = auto_id
    return attrs


def _select_of_choices(name: str, selected_values: list[str], choices, attrs: dict) -> str:
    """select.html with its options, as ``Select.optgroups`` lists them: the first choice
    whose value is among the selected values is selected, no other."""
    parts = [f'<select name="{escaped(name)}"{_attrs(attrs)}>']
    has_selected = False
    for option_value, option_label in choices:
        if isinstance(option_label, list | tuple):
            group = option_value
            if group:
                parts.append(f'\n  <optgroup label="{escaped(localize(group))}">')
            options = option_label
        else:
            group = None
            options = ((("" if option_value is None else option_value), option_label),)
        for value, label in options:
            selected = not has_selected and str(value) in selected_values
            has_selected |= selected
            label = _escape(label) if type(label) is str else escaped(localize(label))
            parts.append(
                f'\n  <option value="{_as_text(value)}"{" selected" if selected else ""}>'
                f"{label}</option>\n"
            )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def field_widget(field, errors) -> str | None:
    """``str(field)`` for a field of the common widgets (``errors`` being
    ``field.errors``), or None for anything else."""
    form_field = field.field
    widget = form_field.widget
    kind = type(widget)
    is_select = kind is forms.Select and type(widget.choices) in (list, NormalChoices)
    if (
        not (kind in INPUTS or kind is forms.Textarea or is_select)
        or type(field) is not BoundField
        or form_field.show_hidden_initial
        or widget.template_name != kind.template_name
        or type(field.form.renderer) is not WidgetRenderer
    ):
        return None
    if form_field.localize:
        widget.is_localized = True
    attrs = _widget_attrs(field, widget, errors)
    value = widget.format_value(field.value())
    name = field.html_name
    if is_select:
        return _select_of_choices(name, value, widget.choices, attrs)
    if kind is forms.Textarea:
        return _textarea({"name": name, "value": value, "attrs": attrs})
    return _input({"type": widget.input_type, "name": name, "value": value, "attrs": attrs})
