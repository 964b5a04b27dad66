"""Settings come from the environment; the suite runs on the database it was given."""

import os

import pytest
from django.conf import settings
from django.db import connection


def test_the_database_is_the_one_named_by_database_url():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_connections_are_persistent():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


def test_vietnamese_is_the_language_and_ho_chi_minh_the_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert not settings.USE_THOUSAND_SEPARATOR
