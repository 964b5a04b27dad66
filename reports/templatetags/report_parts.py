"""The small parts a report's page repeats for each of its forty-odd tasks, written in
Python rather than as included templates (an include costs more than what it writes):

- ``{% task_facts row %}``: the unit's roles, the deadline, and how many implementing
  units have completed the task (reports/_task_facts.html is this tag);
- ``{% carried_over answer %}``: the tag of an answer copied from the last approved
  report (reports/_carried_over.html is this tag);
- ``{% evidence_list items removable=True %}``: reports/_evidence_list.html, whose
  usual case, no file, is written here without rendering the template;
- ``{% task_blocks form.task_blocks %}``, ``{% group_blocks form.group_blocks %}`` and
  ``{% indicator_blocks form.indicator_blocks %}``: the report form's loops over its
  tasks, its task groups (each with its tasks) and its indicators, each block with its
  fields. A commune's form has about seventy blocks, and the template engine's lookups,
  filters and translations in these loops were half of writing the page (ADR 0020).

The HTML is the templates' (tests/reports/test_report_parts.py and
tests/reports/test_report_blocks.py compare them).
"""

from django import template
from django.template.defaultfilters import truncatewords
from django.template.loader import get_template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from directives.localization import decimal_formatter
from edu_plans.escaping import escaped
from edu_plans.form_fields import form_field, form_fields

register = template.Library()


@register.simple_tag
def task_facts(row) -> SafeString:
    parts = ['<p class="muted small">', ", ".join(escaped(role) for role in row.roles)]
    if row.deadline:
        day = date_format(row.deadline, "d/m/Y")
        parts.append(f" · {escaped(gettext('Due'))}: {escaped(day)}")
    elif row.task.deadline_text:
        parts.append(f" · {escaped(gettext('Deadline'))}: {escaped(row.task.deadline_text)}")
    if row.implementers:
        done = gettext("%(done)s/%(total)s implementing units have completed it") % {
            "done": escaped(row.implementers_done),
            "total": escaped(row.implementers),
        }
        parts.append(f" · <strong>{done}</strong>")
    parts.append("</p>\n")
    return mark_safe("".join(parts))


@register.simple_tag
def carried_over(answer) -> SafeString:
    if not (answer and answer.carried_over):
        return mark_safe("\n")
    title = gettext(
        "Copied from the unit’s last approved report: update it if anything has changed."
    )
    text = gettext("Carried over from the last approved report")
    return mark_safe(
        f' <span class="tag tag--carried" title="{escaped(title)}">{escaped(text)}</span>\n'
    )


@register.simple_tag
def evidence_list(items, removable=False) -> SafeString:
    if not items:
        return mark_safe(f'\n<p class="muted">{escaped(gettext("No file attached."))}</p>\n')
    partial = get_template("reports/_evidence_list.html")
    return partial.render({"items": items, "removable": removable})


def _attach_button() -> str:
    """The small "Attach" button under a task's evidence."""
    return (
        '<button type="submit" name="attach" class="button button--secondary button--small">'
        f"{escaped(gettext('Attach'))}</button>"
    )


@register.simple_tag
def task_blocks(blocks) -> SafeString:
    """The tasks the unit reports on one by one: each task's text under its group's
    title, its facts, its answer's fields, and its evidence with a field to attach more."""
    evidence_title = escaped(gettext("Evidence for this task"))
    attach = _attach_button()
    parts = []
    for row, fields, evidence_field in blocks:
        group = row.task.group
        number = f"{escaped(group.number)}. " if group.number else ""
        parts.append(
            f'\n  <fieldset class="card answer" id="task-{escaped(row.task.pk)}">\n'
            f'    <legend class="answer__task">{number}{escaped(truncatewords(group.title, 14))}'
            f'</legend>\n    <p class="task__text">{escaped(row.task.text)}</p>\n    '
            f"{task_facts(row)}\n    {carried_over(row.answer)}\n"
            f'    <div class="answer__grid">\n      {form_fields(fields)}\n    </div>\n'
            f'    <div class="evidence-entry">\n'
            f'      <h3 class="evidence-entry__title">{evidence_title}</h3>\n      '
            f"{evidence_list(row.evidence, removable=True)}\n      {form_field(evidence_field)}\n"
            f"      {attach}\n    </div>\n  </fieldset>\n  "
        )
    return mark_safe("".join(parts))


@register.simple_tag
def group_blocks(blocks) -> SafeString:
    """The task groups the unit answers as a whole: the group's answer's fields, then its
    tasks, folded, each with its own (optional) fields and evidence."""
    attach = _attach_button()
    parts = []
    for group_row, fields, own_blocks in blocks:
        count = len(own_blocks)
        summary = ngettext(
            "The %(counter)s task of this group the unit implements",
            "The %(counter)s tasks of this group the unit implements",
            count,
        ) % {"counter": count}
        parts.append(
            f'\n  <fieldset class="card answer" id="group-{escaped(group_row.group.pk)}">\n'
            f'    <legend class="answer__task">{escaped(group_row.group)}</legend>\n    '
            f"{carried_over(group_row.answer)}\n"
            f'    <div class="answer__grid">\n      {form_fields(fields)}\n    </div>\n'
            f'    <details class="answer__tasks">\n      <summary>{summary}</summary>\n      '
        )
        for row, task_fields, evidence_field in own_blocks:
            parts.append(
                f'\n      <div class="answer__own" id="task-{escaped(row.task.pk)}">\n'
                f'        <p class="task__text">{escaped(row.task.text)}</p>\n        '
                f"{task_facts(row)}\n        {carried_over(row.answer)}\n"
                f'        <div class="answer__grid">\n          {form_fields(task_fields)}\n'
                f"        </div>\n        {evidence_list(row.evidence, removable=True)}\n"
                f"        {form_field(evidence_field)}\n        {attach}\n      </div>\n      "
            )
        parts.append("\n    </details>\n  </fieldset>\n  ")
    return mark_safe("".join(parts))


@register.simple_tag
def indicator_blocks(blocks) -> SafeString:
    """The indicators the unit reports: the unit's target, how a ratio is computed, the
    value saved, and the figures' fields."""
    number = decimal_formatter()
    unit_target = escaped(gettext("Unit target"))
    value_word = escaped(gettext("Value"))
    parts = []
    for row, fields in blocks:
        indicator = row.indicator
        target = row.unit_target.target_value if row.unit_target is not None else ""
        ratio = (
            " · "
            + gettext("value = numerator ÷ denominator × %(scale)s")
            % {"scale": escaped(indicator.ratio_scale)}
            if indicator.rollup_rule == "ratio"
            else ""
        )
        value = row.value.value if row.value is not None else None
        shown = (
            f" · {value_word}: <strong>{escaped(number(value))}</strong>"
            if value is not None
            else ""
        )
        parts.append(
            f'\n  <fieldset class="card indicator-entry" id="indicator-{escaped(indicator.pk)}">'
            f"\n    <legend>{escaped(indicator.order)}. {escaped(indicator.name)} "
            f"({escaped(indicator.unit)})</legend>\n"
            f'    <p class="muted small">{unit_target}: <strong>'
            f"{escaped(number(target) or '—')}</strong>\n      {ratio}\n      {shown}</p>\n"
            f'    <div class="indicator-entry__grid">\n      {form_fields(fields)}\n'
            "    </div>\n  </fieldset>\n  "
        )
    return mark_safe("".join(parts))
