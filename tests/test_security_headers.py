"""The headers a department expects guarded: CSP, private caching, HTTPS in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent


def test_pages_carry_a_strict_content_security_policy(client, unit_user):
    for response in (client.get(reverse("login")), None):
        if response is None:
            client.force_login(unit_user)
            response = client.get(reverse("reports:home"))
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
        )
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "unsafe-inline" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_pages_with_a_units_data_are_private_to_the_browser(client, unit_user):
    client.force_login(unit_user)
    response = client.get(reverse("reports:home"))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= cache_control
    assert "public" not in cache_control


def test_the_admin_keeps_its_own_stricter_caching(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert "no-store" in response["Cache-Control"]


def production(**extra):
    """The environment of a production start: no DEBUG, a real key, HTTPS on."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "EDU_PLANS_TESTING", "HTTPS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        # Said outright: a local.env left by `make run` in the project must not turn it on.
        DEBUG="0",
        SECRET_KEY="a-production-key-for-this-test-only-" + "x" * 40,
        ALLOWED_HOSTS="edu-plans.example.vn",
        DATABASE_URL="sqlite://:memory:",
        **extra,
    )
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_for_the_documented_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_on_a_lan_is_the_one_documented_exception():
    result = manage("check", "--deploy", env=production(HTTPS="0"))
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
    assert "security.W008" in result.stderr + result.stdout  # no SSL redirect


PROBE = """
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)  # /healthz reads the job queue's table
client = Client()
plain = client.get("/healthz", HTTP_HOST="edu-plans.example.vn")
secure = client.get("/healthz", HTTP_HOST="edu-plans.example.vn", secure=True)
print(plain.status_code, plain.get("Location"))
print(secure.status_code, secure.get("Strict-Transport-Security"))
"""


def test_production_redirects_to_https_and_sends_hsts():
    result = manage("shell", "--no-imports", "-c", PROBE, env=production())
    assert result.returncode == 0, result.stderr
    plain, secure = result.stdout.strip().splitlines()[-2:]
    assert plain == "301 https://edu-plans.example.vn/healthz"
    assert secure == "200 max-age=31536000"
