"""``pk_links`` writes the same address as ``reverse`` for each key."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from edu_plans.links import pk_links

NAMES = [
    "reports:report_detail",
    "reports:period_rollup",
    "directives:directive_detail",
    "reports:report_edit",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 7, 42, 12345, 9_876_543_210_123])
def test_a_link_is_what_reverse_gives(name, pk):
    assert pk_links(name)(pk) == reverse(name, args=[pk])


def test_the_script_prefix_of_the_request_is_kept():
    set_script_prefix("/sgddt/")
    try:
        assert pk_links("reports:report_detail")(5) == reverse("reports:report_detail", args=[5])
        assert pk_links("reports:report_detail")(5).startswith("/sgddt/")
    finally:
        set_script_prefix("/")


def test_a_url_without_one_integer_key_is_refused():
    with pytest.raises(NoReverseMatch):
        pk_links("dashboard:dashboard")
