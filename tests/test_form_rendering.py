"""The widgets written in Python (edu_plans/form_rendering.py) give the HTML Django's own
widget templates give, for every kind of widget and value the forms hand them."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from edu_plans.form_rendering import WRITERS, WidgetRenderer

VALUES = [
    None,
    "",
    "0",
    0,
    Decimal("32.7"),
    "Trường <THCS> & \"Bình Lư\" 'xã'",
    mark_safe("<b>đã an toàn</b>"),
    gettext_lazy("Report"),
    datetime.date(2025, 3, 5),
]
ATTRS = {
    "class": "input <wide>",
    "required": True,
    "disabled": False,
    "maxlength": 300,
    "aria-describedby": "id_x_helptext",
    "placeholder": gettext_lazy("Value"),
    "data-x": mark_safe("a&amp;b"),
}
CHOICES = [
    ("", "---------"),
    ("done", "Hoàn thành"),
    (3, 3),
    (Decimal("1.5"), Decimal("1.5")),
    ("Nhóm <1>", [("a", "A & B"), ("b", mark_safe("<i>B</i>"))]),
    (gettext_lazy("Report"), [("c", gettext_lazy("Value"))]),
]

WIDGETS = [
    forms.TextInput(attrs=ATTRS),
    forms.TextInput(),
    forms.NumberInput(attrs={"step": "any"}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(attrs={"type": "date"}),
    forms.DateInput(format="%d/%m/%Y"),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.SearchInput(),
    forms.TelInput(),
    forms.ColorInput(),
    forms.Textarea(attrs=ATTRS),
    forms.Textarea(attrs={"rows": 3}),
    forms.Select(choices=CHOICES, attrs=ATTRS),
    forms.Select(choices=[]),
    forms.SelectMultiple(choices=CHOICES),
    forms.NullBooleanSelect(),
    forms.FileInput(attrs={"accept": ".pdf,.docx"}),
    forms.ClearableFileInput(),
    # Not written in Python: Django's templates, through the same renderer.
    forms.CheckboxInput(),
    forms.RadioSelect(choices=CHOICES),
    forms.CheckboxSelectMultiple(choices=CHOICES),
    forms.MultipleHiddenInput(),
    forms.SplitDateTimeWidget(),
]


def _values(widget):
    if isinstance(
        widget, forms.SelectMultiple | forms.CheckboxSelectMultiple | forms.MultipleHiddenInput
    ):
        return [None, [], ["done", 3], ["a", "c"]]
    if isinstance(widget, forms.ClearableFileInput):
        stored = SimpleUploadedFile("bien-ban.pdf", b"%PDF")
        stored.url = "/evidence/1/"
        return [None, stored]
    if isinstance(widget, forms.SplitDateTimeWidget):
        return [None, datetime.datetime(2025, 3, 5, 9, 30)]
    if isinstance(widget, forms.Select):
        return VALUES + ["done", 3, Decimal("1.5"), "a", "c"]
    return VALUES


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
def test_each_widget_is_written_as_djangos_templates_write_it(widget, language):
    ours, django_own = WidgetRenderer(), DjangoTemplates()
    with override(language):
        for value in _values(widget):
            for name in ("answer-12-results", 'tên "lạ" <x>'):
                expected = widget.render(name, value, {"id": "id_x"}, renderer=django_own)
                assert widget.render(name, value, {"id": "id_x"}, renderer=ours) == expected


def test_the_common_widgets_do_not_go_through_templates(monkeypatch):
    """The page's fields are written without a template: a template render here fails."""

    def no_template(*args, **kwargs):
        raise AssertionError("rendered through a template")

    monkeypatch.setattr(DjangoTemplates, "render", no_template)
    renderer = WidgetRenderer()
    for widget in WIDGETS[:22]:
        assert widget.template_name in WRITERS
        # A file already stored shows its link and clear box through Django's template.
        values = [None] if isinstance(widget, forms.ClearableFileInput) else _values(widget)
        for value in values:
            widget.render("x", value, renderer=renderer)


def test_the_project_renders_forms_with_it():
    form = forms.Form()
    assert isinstance(form.renderer, WidgetRenderer)
