"""The parts a report's page repeats for each task, written in Python ({% task_facts %},
{% carried_over %}, {% evidence_list %}), are the HTML their templates wrote."""

import datetime
from types import SimpleNamespace

import pytest
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.translation import override

from edu_plans.form_fields import form_field
from reports import workflow
from reports.forms import ReportForm
from reports.selectors import report_page
from tests.reports.conftest import complete_input

# The partials as they were before they became tags: the reference.
TASK_FACTS = '{% load i18n %}<p class="muted small">{{ row.roles|join:", " }}{% if row.deadline %} · {% translate "Due" %}: {{ row.deadline|date:"d/m/Y" }}{% elif row.task.deadline_text %} · {% translate "Deadline" %}: {{ row.task.deadline_text }}{% endif %}{% if row.implementers %} · <strong>{% blocktranslate with done=row.implementers_done total=row.implementers %}{{ done }}/{{ total }} implementing units have completed it{% endblocktranslate %}</strong>{% endif %}</p>\n'  # noqa: E501
CARRIED_OVER = '{% load i18n %}{% if answer.carried_over %} <span class="tag tag--carried" title="{% translate \'Copied from the unit’s last approved report: update it if anything has changed.\' %}">{% translate "Carried over from the last approved report" %}</span>{% endif %}\n'  # noqa: E501
EVIDENCE_LIST = '{% include "reports/_evidence_list.html" with items=items removable=True %}'


def task_row(**changes):
    row = {
        "roles": ["Chủ trì", 'Phối hợp <với> Sở & "Phòng"'],
        "deadline": None,
        "task": SimpleNamespace(deadline_text=""),
        "implementers_done": 0,
        "implementers": 0,
    }
    return SimpleNamespace(**(row | changes))


ROWS = [
    task_row(),
    task_row(roles=[], deadline=datetime.date(2026, 12, 31), implementers_done=3, implementers=40),
    task_row(task=SimpleNamespace(deadline_text="Trước ngày 20/10 hằng năm <định kỳ>")),
    task_row(
        deadline=datetime.date(2027, 1, 5),
        task=SimpleNamespace(deadline_text="Quý I"),
        implementers_done=40,
        implementers=40,
    ),
]


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("row", ROWS)
def test_a_tasks_facts_are_the_templates(language, row):
    with override(language):
        expected = render(TASK_FACTS, row=row)
        assert render("{% load report_parts %}{% task_facts row %}", row=row) == expected
        assert render('{% include "reports/_task_facts.html" %}', row=row) == expected


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "answer", [None, SimpleNamespace(carried_over=False), SimpleNamespace(carried_over=True)]
)
def test_the_carried_over_tag_is_the_templates(language, answer):
    with override(language):
        expected = render(CARRIED_OVER, answer=answer)
        assert render("{% load report_parts %}{% carried_over answer %}", answer=answer) == expected


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_evidence_is_written_as_the_template_writes_it(language):
    with override(language):
        expected = render(EVIDENCE_LIST, items=[])
        ours = render("{% load report_parts %}{% evidence_list items removable=True %}", items=[])
    assert ours == expected


def _report_forms(report, data=None):
    """The unit's report form twice: as the page writes it, and by Django's own renderer."""
    page = report_page(report)
    files = {} if data is not None else None
    return (
        ReportForm(data, files, page=page),
        ReportForm(data, files, page=page, renderer=DjangoTemplates()),
    )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_field_of_a_report_form_is_written_as_django_writes_it(
    phongtho_report, unit_user, language
):
    """Blank, with saved answers and figures, and posted back with mistakes: each field of
    the form (status select, dates, texts, figures, files) is the same HTML as Django's
    widgets and templates give."""
    blank = _report_forms(phongtho_report)
    report = workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report, numerator="1995", denominator="2000"),
        expected_version=phongtho_report.version,
        by=unit_user,
    )
    saved = _report_forms(report)
    posted = {name: "" for name in saved[0].fields} | {"version": str(report.version)}
    for name in saved[0].fields:
        if name.endswith("-progress"):
            posted[name] = "bogus"
        elif name.endswith("-completed_on"):
            posted[name] = "31/02/2026"
        elif name.endswith(("-numerator", "-value")):
            posted[name] = "12,5 <b>"
        elif name.endswith("-results"):
            posted[name] = 'Đã làm <b>"đủ"</b> & hơn ' * 400
    with_mistakes = _report_forms(report, posted)
    with override(language):
        for ours, django_own in (blank, saved, with_mistakes):
            ours.is_valid(), django_own.is_valid()
            for name in ours.fields:
                assert form_field(ours[name]) == form_field(django_own[name])
    assert with_mistakes[0].errors
