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

from directives.forms import VietnameseDateField, VietnameseDecimalField
from directives.localization import NumberKind
from edu_plans.form_fields import form_field
from edu_plans.form_rendering import WRITERS, NormalChoices, WidgetRenderer, field_widget
from reports.models import TaskAnswer

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


def _localised_once_made():
    """A field localised after it was made: BoundField.as_widget marks its widget."""
    field = forms.DecimalField(required=False)
    field.localize = True
    return field


# A bound field written by ``field_widget`` against the same field of a form rendered by
# Django's own renderer (whose fields go through BoundField.as_widget and the templates).
FAST_FIELDS = [
    forms.CharField(max_length=300, required=False),
    forms.CharField(help_text="Ghi rõ <nguồn>", label=gettext_lazy("Value")),
    forms.CharField(max_length=20, widget=forms.Textarea(attrs={"rows": 3}), required=False),
    forms.CharField(widget=forms.Textarea, help_text=gettext_lazy("Report"), disabled=True),
    VietnameseDecimalField(required=False, max_digits=12, decimal_places=2),
    VietnameseDecimalField(kind=NumberKind.COUNT, help_text="Số nguyên"),
    _localised_once_made(),
    forms.DecimalField(localize=True, required=False),
    forms.IntegerField(min_value=0, max_value=10),
    forms.IntegerField(widget=forms.HiddenInput),
    forms.FloatField(localize=True, required=False),
    forms.EmailField(required=False),
    forms.URLField(assume_scheme="https"),
    VietnameseDateField(required=False, help_text="dd/mm/yyyy"),
    forms.DateField(required=False),
    forms.DateField(localize=True, widget=forms.DateInput(attrs={"type": "date"})),
    forms.DateTimeField(required=False),
    forms.TimeField(),
    forms.CharField(widget=forms.TextInput(attrs={**ATTRS, "id": "chosen"})),
    forms.ChoiceField(choices=CHOICES, required=False),
    forms.ChoiceField(choices=[("", "— chọn —"), *TaskAnswer.Progress.choices]),
    forms.ChoiceField(choices=NormalChoices([("", "— chọn —"), ("done", "Hoàn thành")])),
    forms.ChoiceField(choices=NormalChoices(CHOICES), required=False),
    forms.ChoiceField(choices=[("done", "Hoàn thành"), ("", "Trống")]),
    forms.TypedChoiceField(choices=[(1, "Một"), (2, "Hai")], coerce=int, required=False),
    forms.ChoiceField(choices=[(None, "Không"), (0, "0"), (False, "Sai")], required=False),
    forms.ChoiceField(choices=[("a", "A"), ("b", "B"), ("a", "A lần nữa"), ("x", [("b", "B")])]),
    forms.ChoiceField(choices=[("", [("a", "A")]), (0, [("b", "B")])], required=False),
    forms.FileField(required=False, widget=forms.FileInput(attrs={"accept": ".pdf,.docx"})),
    forms.FileField(widget=forms.FileInput),
]
# Not written by field_widget: Django writes them (through the renderer's templates).
OTHER_FIELDS = [
    forms.CharField(widget=forms.PasswordInput),
    forms.BooleanField(required=False),
    forms.NullBooleanField(),
    forms.MultipleChoiceField(choices=CHOICES),
    forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect),
    forms.FileField(required=False),
    forms.CharField(show_hidden_initial=True),
]
INITIALS = [
    *VALUES,
    Decimal("1234567.5"),
    Decimal("0.125"),
    1234,
    2.5,
    datetime.datetime(2025, 3, 5, 9, 30, 15, 120),
    datetime.time(9, 30),
    "done",
    "a",
    1,
    False,
]
POSTED = ["", "12,5", "1.234,5", "abc", "05/03/2025", "2025-03-05", "31/02/2025", "done", "1"]
POSTED += ["b", "x" * 25, 'Trường <THCS> & "Bình Lư"', "a@b.vn", "9:30"]


def _forms_of(field):
    """The same one-field form in each state a page shows it, twice: written by the
    project's renderer, and by Django's own."""
    form_class = type("OneFieldForm", (forms.Form,), {"answer": field})
    for initial in INITIALS:
        yield (
            form_class(initial={"answer": initial}),
            form_class(initial={"answer": initial}, renderer=DjangoTemplates()),
        )
    # A form that never writes ``required`` (the browser would check before the server).
    unchecked_class = type("Unchecked", (form_class,), {"use_required_attribute": False})
    yield unchecked_class(), unchecked_class(renderer=DjangoTemplates())
    for posted in POSTED:
        upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF")
        for data, files in (({"answer": posted}, {}), ({}, {"answer": upload}), ({}, {})):
            ours = form_class(data, files, initial={"answer": "sẵn có"})
            django_own = form_class(
                data, files, initial={"answer": "sẵn có"}, renderer=DjangoTemplates()
            )
            ours.is_valid(), django_own.is_valid()
            yield ours, django_own


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "field", FAST_FIELDS, ids=lambda f: f"{type(f).__name__}-{type(f.widget).__name__}"
)
def test_a_fields_widget_written_from_the_field_is_djangos_widget(field, language):
    """Empty, initial and posted values, valid or with errors, localised: the widget the
    fast path writes is the one BoundField.as_widget renders, and so is the whole field."""
    with override(language):
        for ours, django_own in _forms_of(field):
            bound, reference = ours["answer"], django_own["answer"]
            assert field_widget(bound, bound.errors) == str(reference)
            assert form_field(bound) == form_field(reference)


@pytest.mark.parametrize("field", OTHER_FIELDS, ids=lambda f: type(f.widget).__name__)
def test_other_fields_are_left_to_django(field):
    for ours, django_own in _forms_of(field):
        bound = ours["answer"]
        assert field_widget(bound, bound.errors) is None
        assert form_field(bound) == form_field(django_own["answer"])


def test_a_form_rendered_by_another_renderer_is_left_to_it():
    form = forms.Form(renderer=DjangoTemplates())
    form.fields["answer"] = forms.CharField()
    assert field_widget(form["answer"], form["answer"].errors) is None


def test_the_common_fields_do_not_build_djangos_widget_context(monkeypatch):
    """The report form's fields are written without Widget.get_context (and its
    build_attrs and one option dictionary per choice)."""

    def no_context(*args, **kwargs):
        raise AssertionError("built Django's widget context")

    monkeypatch.setattr(forms.Widget, "get_context", no_context)
    monkeypatch.setattr(forms.Select, "get_context", no_context)
    for field in FAST_FIELDS:
        form = type("OneFieldForm", (forms.Form,), {"answer": field})(data={"answer": "1"})
        form_field(form["answer"])
