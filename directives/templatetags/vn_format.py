from django import template

from directives.localization import format_decimal, format_decimal_input

register = template.Library()


@register.filter
def number(value) -> str:
    """{{ indicator.target_value|number }} → "99,85" in Vietnamese, "99.85" in English."""
    return format_decimal(value)


@register.filter
def number_input(value) -> str:
    """A number for an input box: "1234,5", no thousands mark, so it reads back the same."""
    return format_decimal_input(value)
