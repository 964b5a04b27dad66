"""Django's form renderer, with its most used widget templates written out in Python.

A unit's report form holds about 300 fields. Django renders each widget through its own
small templates (input.html including attrs.html, select.html including one template per
option), and at that count the templates cost more than the rest of the page: about
two thirds of the report form's time. The functions here write the same HTML as those
templates (tests/test_form_rendering.py compares them on every widget and value kind);
any other template goes to Django's renderer as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeData

from edu_plans.escaping import escaped

WIDGETS = "django/forms/widgets/"


def _as_text(value) -> str:
    """``{{ value|stringformat:'s' }}``: str() of the value, escaped unless already safe."""
    if isinstance(value, SafeData):
        return str(value)
    return escaped(str(value))


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" " + escaped(name))
        if value is not True:
            parts.append('="' + _as_text(value) + '"')
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
