"""Every error page is in Vietnamese, in the site's layout, and says what to do next."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent


def assert_product_page(response, status, heading):
    assert response.status_code == status
    page = response.content.decode()
    assert 'class="site-header"' in page  # the site's layout, not Django's bare page
    assert heading in page
    assert "Bạn có thể làm gì" in page
    assert "Về trang chủ" in page
    for english in ("Forbidden", "Not Found", "Server Error", "CSRF verification failed"):
        assert english not in page


def test_a_page_the_user_may_not_open_explains_why_in_vietnamese(client, unit_user):
    client.force_login(unit_user)
    response = client.get(reverse("directives:directive_import"))
    assert_product_page(response, 403, "Bạn không có quyền mở trang này")
    assert "quản trị hệ thống của Sở" in response.content.decode()


def test_an_unknown_address_is_a_vietnamese_404(client, unit_user):
    client.force_login(unit_user)
    response = client.get(reverse("reports:report_detail", args=[987654]))
    assert_product_page(response, 404, "Không tìm thấy trang")


def test_an_expired_form_says_to_reload_and_send_again(unit_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(unit_user)
    response = client.post(reverse("logout"))
    assert_product_page(response, 403, "Biểu mẫu đã hết hạn")
    assert "F5" in response.content.decode()


PROBE = """
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a-session-the-database-cannot-be-asked-about"
response = client.get("/reporting/")
print(response.status_code)
print(response.content.decode())
"""


def test_with_the_database_down_a_signed_in_user_sees_the_products_500_page():
    """A real connection refused: the server is pointed at a port nothing listens on."""
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        EDU_PLANS_TESTING="1",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://edu_plans@127.0.0.1:9/edu_plans?connect_timeout=2",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    status, page = result.stdout.split("\n", 1)
    assert status == "500"
    assert "Hệ thống đang gặp sự cố" in page
    assert "không bị mất" in page
    assert "Server Error" not in page
