"""``escaped(value)``: the text Django's ``conditional_escape`` writes, without its cost.

The pages that write many cells or fields in Python (the report form's fields and widgets,
the roll-up's rows, the dashboard's scorecard) escape tens of thousands of values a
request. ``conditional_escape`` checks for lazy text on every call and wraps each result
in a ``SafeString``; these writers join plain strings and mark the whole safe once, so
they take the same text as a plain ``str`` (tests/test_escaping.py compares the two).
"""

from html import escape as _escape

from django.utils.functional import Promise


def escaped(value) -> str:
    """``str(conditional_escape(value))``: HTML-escaped, unless the value is already safe
    HTML (it has ``__html__``)."""
    if type(value) is str:
        return _escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))
