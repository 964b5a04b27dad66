"""``{% assignment_items task.assignment_rows %}``: the items of a task's list of assigned
agencies on the directive page (its role badge and the agency's name).

Written in Python rather than as a loop in the template: forty communes implement each
task of a province's plan, so the page lists a couple of thousand assignments, and the
template engine's three variables an item were about half of the page's time. The HTML is
the loop's, line breaks included (tests/directives/test_assignment_list.py compares them).
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from edu_plans.escaping import escaped

register = template.Library()

BREAK = "\n            "  # the template's indentation between items


@register.simple_tag
def assignment_items(rows) -> SafeString:
    return mark_safe(
        "".join(
            f'{BREAK}<li class="assignment assignment--{escaped(row["role"])}">'
            f'<span class="assignment__role">{escaped(row["label"])}</span> '
            f"{escaped(row['agency'])}</li>{BREAK}"
            for row in rows
        )
    )
