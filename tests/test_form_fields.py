"""A form field as every form writes it ({% form_field %}, includes/field.html): label
above, hint and errors tied to the widget by their ids, all text escaped."""

import re

from django import forms
from django.template import Context, Template
from django.utils.translation import override


class PlanForm(forms.Form):
    title = forms.CharField(label="Trích yếu <văn bản>", help_text="Ghi đúng như văn bản & dấu")
    number = forms.CharField(label="Số")


def written(form, name, source='{% include "includes/field.html" with field=field %}'):
    return Template(source).render(Context({"field": form[name]}))


def test_a_field_has_its_label_hint_and_widget_tied_by_ids():
    html = written(PlanForm(), "title")
    assert html.startswith('<div class="field">')
    assert '<label for="id_title">Trích yếu &lt;văn bản&gt;</label>' in html
    assert (
        '<div class="field__hint" id="id_title_helptext">Ghi đúng như văn bản &amp; dấu</div>'
        in html
    )
    (widget,) = re.findall(r"<input [^>]+>", html)
    assert 'aria-describedby="id_title_helptext"' in widget
    assert 'id="id_title"' in widget


def test_an_error_is_beside_the_field_and_the_widget_marked_invalid():
    form = PlanForm(data={"title": ""})
    assert not form.is_valid()
    html = written(form, "title")
    assert html.startswith('<div class="field field--error">')
    assert re.search(
        r'<div class="field__errors" id="id_title_error"><p class="field__error">[^<]+</p></div>',
        html,
    )
    (widget,) = re.findall(r"<input [^>]+>", html)
    assert 'aria-invalid="true"' in widget


def test_a_value_the_reader_was_unsure_of_says_what_to_check():
    form = PlanForm()
    form.fields["number"].unsure = "số <ký hiệu> đọc từ ảnh"
    html = written(form, "number", "{% load form_fields %}{% form_field field %}")
    assert html.startswith('<div class="field field--unsure">')
    assert '<span class="unsure-note">Cần kiểm tra: số &lt;ký hiệu&gt; đọc từ ảnh</span>' in html


def ids_described_but_missing(html: str) -> set[str]:
    """The ids named by an aria-describedby in the HTML that no element of it carries."""
    named = {i for value in re.findall(r'aria-describedby="([^"]*)"', html) for i in value.split()}
    return named - set(re.findall(r'\sid="([^"]+)"', html))


class TwoRulesForm(forms.Form):
    code = forms.CharField(label="Mã", help_text="Chữ và số", min_length=3)

    def clean_code(self):
        raise forms.ValidationError(["Mã đã có.", "Mã phải viết hoa."])


def test_an_invalid_fields_description_names_its_hint_and_its_errors_on_the_page():
    """Django writes aria-describedby="<id>_helptext <id>_error" on an invalid widget: the
    page carries both ids, once each, so a screen reader reads every error with the field."""
    form = TwoRulesForm(data={"code": "ab1"})
    assert not form.is_valid()
    html = written(form, "code")
    (widget,) = re.findall(r"<input [^>]+>", html)
    assert 'aria-describedby="id_code_helptext id_code_error"' in widget
    assert ids_described_but_missing(html) == set()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert html.count('class="field__error"') == 2


def test_a_group_of_fields_is_written_as_the_loop_it_replaced():
    form = TwoRulesForm(data={"code": "ab1"})
    form.is_valid()
    fields = [form["code"], PlanForm()["title"], PlanForm(data={})["number"]]
    loop = "{% load form_fields %}{% for field in fields %}{% form_field field %}{% endfor %}"
    tag = "{% load form_fields %}{% form_fields fields %}"
    for language in ("vi", "en"):
        with override(language):
            expected = Template(loop).render(Context({"fields": fields}))
            assert Template(tag).render(Context({"fields": fields})) == expected
            assert Template(tag).render(Context({"fields": []})) == ""
