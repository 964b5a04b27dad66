"""Demo accounts: created once, with their roles and agencies, never in production."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from accounts.demo import create_demo_accounts
from accounts.models import User

pytestmark = pytest.mark.django_db

DISTRICT_ACCOUNTS = {
    "pgd_thanhpholaichau",
    "pgd_tamduong",
    "pgd_phongtho",
    "pgd_sinho",
    "pgd_muongte",
    "pgd_namnhun",
    "pgd_thanuyen",
    "pgd_tanuyen",
}


def test_demo_accounts_are_created_with_roles_and_agencies(settings, client):
    settings.DEBUG = True
    create_demo_accounts()
    usernames = set(User.objects.values_list("username", flat=True))
    assert {"quantri", "chuyenvien", "lanhdao"} | DISTRICT_ACCOUNTS <= usernames

    assert User.objects.get(username="quantri").is_superuser
    staff = User.objects.get(username="chuyenvien")
    assert staff.is_staff and staff.groups.filter(name=roles.DEPARTMENT_STAFF).exists()
    # The staff member follows the communes: escalations of their late reports reach them.
    followed = set(staff.followed_agencies.values_list("code", flat=True))
    assert followed and all(code.startswith(("lc-xa-", "lc-phuong-")) for code in followed)
    assert staff.followed_agencies.filter(name__icontains="Bình Lư").exists()
    leader = User.objects.get(username="lanhdao")
    assert leader.is_staff and not leader.is_superuser
    assert leader.groups.filter(name=roles.LEADERSHIP).exists()
    phong_tho = User.objects.get(username="pgd_phongtho")
    assert phong_tho.agency.name == "Ủy ban nhân dân huyện Phong Thổ"
    assert phong_tho.groups.filter(name=roles.REPORTING_UNIT).exists()
    for username in DISTRICT_ACCOUNTS:
        assert User.objects.get(username=username).agency is not None

    response = client.post(
        reverse("login"), {"username": "pgd_phongtho", "password": "demo-edu-plans"}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.username == "pgd_phongtho"


def test_demo_accounts_are_not_recreated_or_reset(settings):
    settings.DEBUG = True
    create_demo_accounts()
    user = User.objects.get(username="chuyenvien")
    user.set_password("changed-by-the-user")
    user.save()
    results = create_demo_accounts()
    assert not any(created for _spec, created in results)
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user")


def test_demo_accounts_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        create_demo_accounts()
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")
    assert not User.objects.filter(username="quantri").exists()


def test_leadership_reads_the_admin_but_changes_nothing(client, leadership_user, plan_3707):
    """As the README says: leadership (read-only) may view the admin."""
    client.force_login(leadership_user)
    assert client.get(reverse("admin:index")).status_code == 200
    change = reverse("admin:directives_directive_change", args=[plan_3707.pk])
    page = client.get(change).content.decode()
    assert plan_3707.title[:40] in page
    assert 'name="_save"' not in page
    assert client.post(change, {"title": "Đổi trích yếu"}).status_code == 403
    assert not leadership_user.has_perm("directives.change_directive")
    assert leadership_user.has_perm("directives.view_directive")
    assert not leadership_user.has_perm("accounts.view_user")


def test_the_demo_leader_can_open_the_admin(settings, client):
    settings.DEBUG = True
    create_demo_accounts()
    client.post(reverse("login"), {"username": "lanhdao", "password": "demo-edu-plans"})
    response = client.get(reverse("admin:directives_directive_changelist"))
    assert response.status_code == 200
    assert reverse("admin:directives_directive_add") not in response.content.decode()


def test_department_staff_edit_directives_but_not_agencies(staff_user):
    assert staff_user.has_perm("directives.change_directive")
    assert staff_user.has_perm("indicators.change_indicator")
    assert not staff_user.has_perm("directives.change_agency")
    assert not staff_user.has_perm("accounts.change_user")
