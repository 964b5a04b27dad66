"""The parts a report's page repeats for each task, written in Python ({% task_facts %},
{% carried_over %}, {% evidence_list %}), are the HTML their templates wrote."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils.translation import override

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
