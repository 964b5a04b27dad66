"""The Python writers' escaping (edu_plans.escaping.escaped) writes what Django's
conditional_escape writes, for every kind of value they are given."""

import datetime
from decimal import Decimal

import pytest
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from edu_plans.escaping import escaped
from indicators.rollup import Judgement


class Html:
    """Something that writes its own HTML."""

    def __html__(self):
        return "<b>đã duyệt</b>"


lazy_text = lazy(lambda: "Báo cáo <quý I> & \"tổng kết\" 'năm'", str)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Trường THCS Lê Lợi",
        "<script>alert('x')</script> & \"trích\"",
        mark_safe("<em>đã an toàn</em>"),
        SafeString("a &amp; b"),
        format_html("<i>{}</i>", "<x>"),
        lazy_text(),
        Html(),
        12,
        Decimal("1000.50"),
        None,
        datetime.date(2026, 12, 1),
        Judgement.NOT_MET,
    ],
)
def test_the_same_text_as_conditional_escape(value):
    assert escaped(value) == str(conditional_escape(value))
