from django import template

from directives.localization import format_decimal

register = template.Library()


@register.filter
def number(value) -> str:
    """{{ indicator.target_value|number }} → "99,85" in Vietnamese, "99.85" in English."""
    return format_decimal(value)
