"""The directive page's lists of assigned agencies, written in Python
({% assignment_items %}), are the HTML the page's loop wrote: role, its label and the
agency's name, escaped, with the loop's line breaks."""

from django.template import Context, Template

# The page's own loop before the items were written in Python: the reference.
TEMPLATE_ITEMS = """<ul>
            {% for assignment in task.assignment_rows %}
            <li class="assignment assignment--{{ assignment.role }}"><span class="assignment__role">{{ assignment.label }}</span> {{ assignment.agency }}</li>
            {% endfor %}
</ul>"""  # noqa: E501
OURS = """{% load assignment_list %}<ul>
            {% assignment_items task.assignment_rows %}
</ul>"""

ROWS = [
    {"role": "lead", "label": "Chủ trì", "agency": "Sở Giáo dục & Đào tạo"},
    {"role": "implement", "label": "Thực hiện", "agency": "UBND xã <Bình> \"Lư\" 'A'"},
    {"role": 'x"y', "label": "<b>", "agency": "Pa Ủ"},
]


def test_the_items_are_the_loops_items():
    task = {"assignment_rows": ROWS}
    expected = Template(TEMPLATE_ITEMS).render(Context({"task": task}))
    ours = Template(OURS).render(Context({"task": task}))
    assert ours == expected
    assert "UBND xã &lt;Bình&gt; &quot;Lư&quot; &#x27;A&#x27;" in ours


def test_no_assignment_writes_what_the_empty_loop_wrote():
    task = {"assignment_rows": []}
    assert Template(OURS).render(Context({"task": task})) == Template(TEMPLATE_ITEMS).render(
        Context({"task": task})
    )
