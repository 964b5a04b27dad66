"""``pk_links(name)``: the address of each object's page for a URL that takes one integer
key, with ``reverse`` run once rather than once an object.

A dashboard links every unit's report, a roll-up every unit: ``reverse`` resolves the
pattern each time, which cost more than the rest of a link. The address is the same text
``reverse(name, args=[pk])`` gives (tests/test_links.py compares the two); build it per
request, as ``reverse`` would, so that the script prefix of the request is kept.
"""

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = 9_876_543_210_123  # no table holds this key; it stands in for each pk


def pk_links(name: str) -> Callable[[int], str]:
    """A function giving ``reverse(name, args=[pk])`` for any integer ``pk``."""
    sample = reverse(name, args=[_PLACEHOLDER])
    head, found, tail = sample.partition(str(_PLACEHOLDER))
    if not found or str(_PLACEHOLDER) in tail:
        raise ValueError(f"{name} does not take its key once, as an integer: {sample}")

    def link(pk: int) -> str:
        return f"{head}{int(pk)}{tail}"

    return link
