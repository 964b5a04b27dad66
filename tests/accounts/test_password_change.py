"""Changing one's password happens in the site's own layout, in Vietnamese."""

import pytest
from django.urls import reverse

from tests.test_form_fields import ids_described_but_missing

pytestmark = pytest.mark.django_db


def test_the_header_links_to_account_security_and_password_change(client, unit_user):
    client.force_login(unit_user)
    page = client.get(reverse("reports:home")).content.decode()
    assert f'href="{reverse("accounts:security")}"' in page
    assert "Bảo mật tài khoản" in page
    assert f'href="{reverse("password_change")}"' in page
    assert "Đổi mật khẩu" in page


@pytest.mark.parametrize("url_name", ["password_change", "admin:password_change"])
def test_the_password_change_page_is_vietnamese_in_the_site_layout(client, admin_user, url_name):
    client.force_login(admin_user)
    page = client.get(reverse(url_name)).content.decode()
    assert 'class="site-header"' in page
    assert "<h1>Đổi mật khẩu</h1>" in page
    for label in ["Mật khẩu cũ", "Mật khẩu mới", "Xác nhận mật khẩu mới"]:
        assert f">{label}</label>" in page
    assert "Password change" not in page and "Django" not in page


def test_a_wrong_old_password_is_refused_beside_the_field(client, unit_user):
    client.force_login(unit_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-my-password",
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_old_password_error"><p class="field__error">Mật khẩu cũ không chính xác' in page
    assert 'aria-describedby="id_old_password_error"' in page
    assert ids_described_but_missing(page) == set()
    unit_user.refresh_from_db()
    assert unit_user.check_password("test-password")


def test_a_changed_password_is_confirmed_in_vietnamese(client, unit_user):
    client.force_login(unit_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "test-password",
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("password_change_done")
    page = response.content.decode()
    assert "<h1>Đã đổi mật khẩu</h1>" in page
    unit_user.refresh_from_db()
    assert unit_user.check_password("Mot-mat-khau-moi-2025")
