"""The report form's loops written in Python ({% task_blocks %}, {% group_blocks %},
{% indicator_blocks %}) are the HTML the template loops they replaced wrote, byte for
byte: blank, saved and posted back with mistakes, in Vietnamese and English, with titles
that need escaping and an indicator computed as a ratio."""

import pytest
from django.template import Context, Template
from django.utils.translation import override

from directives.models import Assignment, Task, TaskGroup
from reports import workflow
from reports.forms import ReportForm
from reports.selectors import report_page
from tests.reports.conftest import complete_input

LOADS = "{% load i18n vn_format form_fields report_parts %}"

# The loops of templates/reports/report_edit.html before the tags wrote them.
TASK_LOOP = """{% for row, fields, evidence_field in blocks %}
  <fieldset class="card answer" id="task-{{ row.task.pk }}">
    <legend class="answer__task">{% if row.task.group.number %}{{ row.task.group.number }}. {% endif %}{{ row.task.group.title|truncatewords:14 }}</legend>
    <p class="task__text">{{ row.task.text }}</p>
    {% task_facts row %}
    {% carried_over row.answer %}
    <div class="answer__grid">
      {% form_fields fields %}
    </div>
    <div class="evidence-entry">
      <h3 class="evidence-entry__title">{% translate "Evidence for this task" %}</h3>
      {% evidence_list row.evidence removable=True %}
      {% form_field evidence_field %}
      <button type="submit" name="attach" class="button button--secondary button--small">{% translate "Attach" %}</button>
    </div>
  </fieldset>
  {% endfor %}"""
GROUP_LOOP = """{% for group_row, fields, task_blocks in groups %}
  <fieldset class="card answer" id="group-{{ group_row.group.pk }}">
    <legend class="answer__task">{{ group_row.group }}</legend>
    {% carried_over group_row.answer %}
    <div class="answer__grid">
      {% form_fields fields %}
    </div>
    <details class="answer__tasks">
      <summary>{% blocktranslate count counter=task_blocks|length %}The {{ counter }} task of this group the unit implements{% plural %}The {{ counter }} tasks of this group the unit implements{% endblocktranslate %}</summary>
      {% for row, task_fields, evidence_field in task_blocks %}
      <div class="answer__own" id="task-{{ row.task.pk }}">
        <p class="task__text">{{ row.task.text }}</p>
        {% task_facts row %}
        {% carried_over row.answer %}
        <div class="answer__grid">
          {% form_fields task_fields %}
        </div>
        {% evidence_list row.evidence removable=True %}
        {% form_field evidence_field %}
        <button type="submit" name="attach" class="button button--secondary button--small">{% translate "Attach" %}</button>
      </div>
      {% endfor %}
    </details>
  </fieldset>
  {% endfor %}"""
INDICATOR_LOOP = """{% for row, fields in blocks %}
  <fieldset class="card indicator-entry" id="indicator-{{ row.indicator.pk }}">
    <legend>{{ row.indicator.order }}. {{ row.indicator.name }} ({{ row.indicator.unit }})</legend>
    <p class="muted small">{% translate "Unit target" %}: <strong>{{ row.unit_target.target_value|number|default:"—" }}</strong>
      {% if row.indicator.rollup_rule == "ratio" %} · {% blocktranslate with scale=row.indicator.ratio_scale %}value = numerator ÷ denominator × {{ scale }}{% endblocktranslate %}{% endif %}
      {% if row.value.value is not None %} · {% translate "Value" %}: <strong>{{ row.value.value|number }}</strong>{% endif %}</p>
    <div class="indicator-entry__grid">
      {% form_fields fields %}
    </div>
  </fieldset>
  {% endfor %}"""


def render(source, **context):
    return Template(LOADS + source).render(Context(context))


def _forms(report):
    """The report's form blank or saved, and posted back with a mistake in every field."""
    page = report_page(report)
    saved = ReportForm(page=page)
    posted = {name: "" for name in saved.fields} | {"version": str(report.version)}
    for name in saved.fields:
        if name.endswith("-progress"):
            posted[name] = "bogus"
        elif name.endswith(("-numerator", "-value")):
            posted[name] = "12,5 <b>"
        elif name.endswith("-results"):
            posted[name] = 'Đã làm <b>"đủ"</b> & hơn'
    with_mistakes = ReportForm(posted, {}, page=page)
    assert not with_mistakes.is_valid()
    return [saved, with_mistakes]


def _assert_loops_written_as_before(form, language):
    with override(language):
        blocks, groups = form.task_blocks(), form.group_blocks()
        indicators = form.indicator_blocks()
        assert render("{% task_blocks blocks %}", blocks=blocks) == render(TASK_LOOP, blocks=blocks)
        assert render("{% group_blocks groups %}", groups=groups) == render(
            GROUP_LOOP, groups=groups
        )
        assert render("{% indicator_blocks blocks %}", blocks=indicators) == render(
            INDICATOR_LOOP, blocks=indicators
        )
    return blocks, groups, indicators


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_units_task_groups_and_indicators_are_written_as_the_loops_wrote_them(
    phongtho_report, unit_user, language
):
    report = phongtho_report
    group = TaskGroup.objects.filter(tasks__assignments__agency=report.agency).first()
    group.title = 'Đổi mới <quản lý> & "nâng cao" chất lượng ' + "giáo dục " * 10
    group.save()
    Task.objects.filter(group=group).update(text='Triển khai <b>"Đề án"</b> & báo cáo kết quả')
    # Two task groups the unit carries out in its area: one of one task, one of several.
    carried = TaskGroup.objects.filter(directive=report.period.directive).exclude(
        tasks__assignments__agency=report.agency
    )
    one, several = carried.filter(tasks__isnull=False).distinct().order_by("order")[:2]
    one.title = "Nhóm <một> & nhiệm vụ"
    one.save()
    for task in [one.tasks.order_by("order")[0], *several.tasks.order_by("order")[:3]]:
        Assignment.objects.create(task=task, agency=report.agency, role=Assignment.Role.IMPLEMENT)
    for form in _forms(report):
        _assert_loops_written_as_before(form, language)
    report = workflow.save_report(
        report=report,
        data=complete_input(report, numerator="1995", denominator="2000"),
        expected_version=report.version,
        by=unit_user,
    )
    for form in _forms(report):
        blocks, groups, indicators = _assert_loops_written_as_before(form, language)
    # What the comparison covered: the unit's groups with their tasks, and its indicators,
    # a ratio among them, with values saved.
    assert sorted(len(own) for _row, _fields, own in groups) == [1, 3]
    assert any(row.indicator.rollup_rule == "ratio" for row, _fields in indicators)
    assert any(row.value is not None and row.value.value is not None for row, _f in indicators)
