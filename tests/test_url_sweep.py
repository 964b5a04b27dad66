"""Every named URL outside the admin: anonymous users are sent to log in, roles get in, and
a user part-way through logging in (the second factor) reaches only that step."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import RoleSecurity

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "healthz",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "password_reset_confirm",
}
SKIPPED_NAMESPACES = {"admin"}


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def url_for(name, pattern, plan_pk):
    if name == "password_reset_confirm":
        return reverse(name, args=["MQ", "set-password"])
    values = {"pk": plan_pk, "fmt": "pdf"}
    return reverse(name, kwargs={key: values[key] for key in pattern.pattern.converters})


def test_anonymous_users_reach_only_public_pages(client, plan_3707):
    for name, pattern in named_urls():
        url = url_for(name, pattern, plan_3707.pk)
        response = client.get(url)
        if name.split(":")[-1] in PUBLIC:
            assert response.status_code in (200, 302, 405), name
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse("login")), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


STAFF_ONLY = {"directives:directive_import"}
# Who changed what, who carries which task, and every agency's extension requests:
# staff, administrators and leadership, not reporting units.
NOT_FOR_UNITS = {
    "directives:directive_history",
    "directives:directive_assignments",
    "directives:extension_list",
}
# Changing who carries which task (phân công): staff and administrators only.
ASSIGNING = {
    "directives:assignment_assign",
    "directives:assignment_remove",
    "directives:assignment_due_date",
    "directives:assignment_proposal_accept",
}

# What the pages' buttons post to: following a link or typing an address changes nothing.
POST_ONLY = {
    "reports:report_submit",
    "reports:report_return",
    "reports:report_approve",
    "reports:report_reopen",
    "reports:report_upload_apply",
    "reports:report_upload_cancel",
    "reports:evidence_remove",
    *ASSIGNING,
    "directives:extension_request",
    "directives:extension_decide",
}


def test_actions_answer_only_to_post(client, staff_user, plan_3707):
    client.force_login(staff_user)
    urls = dict(named_urls())
    assert set(urls) >= POST_ONLY
    for name in POST_ONLY:
        assert client.get(url_for(name, urls[name], plan_3707.pk)).status_code == 405, name


def test_every_role_opens_the_directive_pages(client, request, any_user, plan_3707):
    client.force_login(any_user)
    staff = any_user.has_perm("directives.add_directive")
    unit = any_user.groups.filter(name=roles.REPORTING_UNIT).exists()
    for name, pattern in named_urls():
        if not name.startswith("directives:"):
            continue
        refused = (name in STAFF_ONLY and not staff) or (name in NOT_FOR_UNITS and unit)
        expected = 405 if name in POST_ONLY else 403 if refused else 200
        assert client.get(url_for(name, pattern, plan_3707.pk)).status_code == expected, name


def test_only_staff_and_administrators_post_to_the_assignment_actions(client, any_user, plan_3707):
    """Leadership and reporting units are refused before anything is read; staff and
    administrators get an answer (here: nothing to assign, remove or date)."""
    client.force_login(any_user)
    may_assign = any_user.groups.filter(name__in=[roles.ADMIN, roles.DEPARTMENT_STAFF]).exists()
    urls = dict(named_urls())
    for name in ASSIGNING:
        status = client.post(url_for(name, urls[name], plan_3707.pk), {}).status_code
        if may_assign:
            assert status in (200, 404), name
        else:
            assert status == 403, name


# Each role's own account pages, before any second factor is set up.
ACCOUNT_PAGES = {
    "accounts:security": 200,
    "accounts:two_factor_setup": 200,
    "accounts:two_factor_disable": 302,  # nothing to turn off yet: back to security
    "accounts:recovery_codes_regenerate": 302,
    "accounts:two_factor_verify": 302,  # no code owed: on to the home page
    "password_change": 200,
    "password_change_done": 200,
}


def test_every_role_opens_its_account_pages(client, any_user, plan_3707):
    client.force_login(any_user)
    names = {name for name, _pattern in named_urls()}
    assert {name for name in names if name.startswith("accounts:")} <= set(ACCOUNT_PAGES)
    for name, expected in ACCOUNT_PAGES.items():
        assert client.get(reverse(name)).status_code == expected, name


# After the password, the second step: a user who owes a code, or whose role requires an
# authenticator they have not set up, reaches that step's page and the public ones only.
LOGIN_STEP_PAGES = {"verify": "accounts:two_factor_verify", "enrol": "accounts:two_factor_setup"}
OPEN_DURING_LOGIN_STEP = PUBLIC | {"logout"}


@pytest.mark.parametrize("step", LOGIN_STEP_PAGES)
def test_a_user_part_way_through_logging_in_reaches_only_that_step(
    client, staff_user, plan_3707, step
):
    if step == "verify":
        TOTPDevice.objects.create(user=staff_user, name="authenticator", confirmed=True)
    else:
        RoleSecurity.objects.filter(group__user=staff_user).update(requires_two_factor=True)
    client.force_login(staff_user)
    step_url = reverse(LOGIN_STEP_PAGES[step])
    for name, pattern in named_urls():
        response = client.get(url_for(name, pattern, plan_3707.pk))
        if name == LOGIN_STEP_PAGES[step]:
            assert response.status_code == 200, name
        elif name.split(":")[-1] in OPEN_DURING_LOGIN_STEP:
            assert response.status_code in (200, 302, 405), name
            assert not response.get("Location", "").startswith(step_url), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(f"{step_url}?next="), name
