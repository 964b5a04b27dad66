"""The small parts a report's page repeats for each of its forty-odd tasks, written in
Python rather than as included templates (an include costs more than what it writes):

- ``{% task_facts row %}``: the unit's roles, the deadline, and how many implementing
  units have completed the task (reports/_task_facts.html is this tag);
- ``{% carried_over answer %}``: the tag of an answer copied from the last approved
  report (reports/_carried_over.html is this tag);
- ``{% evidence_list items removable=True %}``: reports/_evidence_list.html, whose
  usual case, no file, is written here without rendering the template.

The HTML is the templates' (tests/reports/test_report_parts.py compares them).
"""

from django import template
from django.template.loader import get_template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from edu_plans.escaping import escaped

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
