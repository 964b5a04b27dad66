"""An administrator can require two-factor sign-in for a role; other roles are untouched."""

import time

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import RoleSecurity
from accounts.roles import ensure_role_groups
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor_setup")
HOME = reverse("reports:home")


def require_two_factor(role):
    RoleSecurity.objects.filter(group__name=role).update(requires_two_factor=True)


def app_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_every_role_has_its_sign_in_rule_and_none_requires_two_factor_at_first():
    ensure_role_groups()
    rules = RoleSecurity.objects.select_related("group")
    assert {rule.group.name for rule in rules} == set(roles.ROLE_LABELS)
    assert not any(rule.requires_two_factor for rule in rules)


def test_a_role_that_requires_it_is_sent_to_set_it_up_before_any_page(client, staff_user):
    require_two_factor(roles.DEPARTMENT_STAFF)
    client.force_login(staff_user)
    for url in [
        HOME,
        reverse("directives:directive_list"),
        reverse("accounts:security"),
        reverse("password_change"),
        reverse("admin:index"),
        reverse("admin:directives_directive_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url
    page = client.get(SETUP).content.decode()
    assert "Vai trò của bạn bắt buộc dùng xác thực hai lớp." in page
    assert reverse("reports:period_list") not in page

    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    response = client.post(SETUP, {"code": app_code(device), "next": HOME})
    assert response.status_code == 200
    assert response.context["next"] == HOME
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_role_that_does_not_require_it_is_untouched(client, staff_user, unit_user):
    require_two_factor(roles.DEPARTMENT_STAFF)
    client.force_login(unit_user)
    page = client.get(HOME)
    assert page.status_code == 200
    assert reverse("reports:period_list") in page.content.decode()
    assert client.get(reverse("accounts:security")).status_code == 200


def test_superusers_follow_the_administrator_role(client):
    # In no group at all: only the superuser flag ties the account to the admin role.
    superuser = UserFactory(username="root-test", is_staff=True, is_superuser=True)
    superuser.save()
    client.force_login(superuser)
    assert client.get(HOME).status_code == 200
    require_two_factor(roles.ADMIN)
    assert client.get(reverse("admin:index"))["Location"].startswith(SETUP)


def test_only_administrators_may_change_which_roles_require_it(client, staff_user):
    administrator = UserFactory(username="quantri-role-test", is_staff=True, role=roles.ADMIN)
    ensure_role_groups()
    rule = RoleSecurity.objects.get(group__name=roles.REPORTING_UNIT)
    url = reverse("admin:accounts_rolesecurity_change", args=[rule.pk])

    client.force_login(staff_user)
    assert client.get(reverse("admin:accounts_rolesecurity_changelist")).status_code == 403
    assert (
        client.post(url, {"group": rule.group_id, "requires_two_factor": "on"}).status_code == 403
    )
    rule.refresh_from_db()
    assert not rule.requires_two_factor

    client.force_login(administrator)
    page = client.get(reverse("admin:accounts_rolesecurity_changelist")).content.decode()
    assert "Bắt buộc xác thực hai lớp" in page
    response = client.post(url, {"group": rule.group_id, "requires_two_factor": "on"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.requires_two_factor


def test_the_administrator_can_unlock_accounts_and_remove_a_lost_authenticator():
    groups = ensure_role_groups()
    administrator = Group.objects.get(pk=groups[roles.ADMIN].pk)
    codenames = set(administrator.permissions.values_list("codename", flat=True))
    assert {"delete_accessattempt", "delete_totpdevice", "delete_staticdevice"} <= codenames
    assert "change_totpdevice" not in codenames
    staff = set(groups[roles.DEPARTMENT_STAFF].permissions.values_list("codename", flat=True))
    assert "change_rolesecurity" not in staff
