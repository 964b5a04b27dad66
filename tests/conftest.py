from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.roles import ensure_role_groups
from directives.models import Agency, Directive
from directives.seed_data import load_seed_data
from jobs.running import start
from reports.demo import load_demo_data
from reports.models import Evidence, ReportingPeriod
from reports.tasks import period_export
from reports.workflow import set_province_value
from tests.factories import UserFactory


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Passwords are hashed as in production but at one iteration (tests/hashers.py)."""
    with override_settings(PASSWORD_HASHERS=["tests.hashers.FastPBKDF2PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seed documents are loaded once into the test database.

    Tests that flush the database (transactional, browser) load them again themselves.
    """
    with django_db_blocker.unblock():
        load_seed_data()
        ensure_role_groups()


# --- the demo, loaded once for all the tests that read it -------------------------------
# Loading the demo (reports/demo.py: three periods of reports, reviews and history) takes
# seconds; the tests that use it share one load. It is loaded in a transaction that is
# rolled back after the last of them, and each test runs in a transaction of its own
# inside it (pytest-django's ``db``), so what a test changes is gone before the next one,
# exactly as when each test loaded the demo itself. These tests run first, together
# (pytest_collection_modifyitems below; with pytest-xdist they are in the first batch a
# worker is given), and a guard fails any other test that would run while the demo is
# loaded: no test ever sees data it did not ask for.
SHARED_DEMO = "shared_demo"


class _SharedDemo:
    """The outer transaction holding the demo, opened by the first test that asks for it
    and rolled back after the last one in a row (pytest_runtest_teardown below)."""

    def __init__(self):
        self.period_pk = None
        self._outer = None
        self._blocker = None

    @property
    def loaded(self):
        return self._outer is not None

    def load(self, django_db_blocker, media_root):
        if self.loaded:
            return
        django_db_blocker.unblock()
        self._blocker = django_db_blocker
        self._outer = transaction.atomic()
        self._outer._from_testcase = True  # like TestCase's own: durable blocks may open inside
        self._outer.__enter__()
        with override_settings(DEBUG=True, MEDIA_ROOT=media_root):
            period = load_demo_data()
        assert period is not None, "the demo was loaded already"
        self.period_pk = period.pk

    def unload(self):
        if not self.loaded:
            return
        transaction.set_rollback(True)
        self._outer.__exit__(None, None, None)
        self._outer = None
        self._blocker.restore()
        self._blocker = None


_shared_demo = _SharedDemo()


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The pk of the demo's mid-year review, loaded for the tests that ask for it (see
    above). Module-scoped so that it is set up before any test's own transaction."""
    _shared_demo.load(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    return _shared_demo.period_pk


@pytest.fixture
def demo(request, shared_demo, db, settings):
    """The demo's mid-year review (what load_demo_data returns), read afresh for this test,
    with DEBUG on as the demo requires."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail("the shared demo lives in a transaction: load it in the test instead")
    assert _shared_demo.loaded, "the tests that use the shared demo must run in one row"
    settings.DEBUG = True
    return ReportingPeriod.objects.get(pk=shared_demo)


@pytest.fixture(autouse=True)
def _no_shared_demo_unasked(request):
    if _shared_demo.loaded and SHARED_DEMO not in request.fixturenames:
        pytest.fail("a test that does not ask for the shared demo runs while it is loaded")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test in a row that uses the shared demo, the demo is rolled back."""
    try:
        return (yield)
    finally:
        if nextitem is None or SHARED_DEMO not in nextitem.fixturenames:
            _shared_demo.unload()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that use the shared demo run first, in their order: pytest-django has put
    the database tests before the transactional ones (which empty the database) and the
    rest, and these are database tests."""
    items[:] = [item for item in items if SHARED_DEMO in item.fixturenames] + [
        item for item in items if SHARED_DEMO not in item.fixturenames
    ]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores its files in a folder of its own, never in the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan_3707(db):
    return Directive.objects.get(number="3707", symbol="KH-UBND")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri-test", is_staff=True, is_superuser=True, role=roles.ADMIN)


@pytest.fixture
def staff_user(db):
    return UserFactory(
        username="chuyenvien-test",
        is_staff=True,
        role=roles.DEPARTMENT_STAFF,
        agency=Agency.objects.get(code="lc-sgddt"),
    )


@pytest.fixture
def leadership_user(db):
    return UserFactory(username="lanhdao-test", is_staff=True, role=roles.LEADERSHIP)


@pytest.fixture
def unit_user(db):
    return UserFactory(
        username="pgd-test",
        role=roles.REPORTING_UNIT,
        agency=Agency.objects.get(code="lc-phongtho-ubnd"),
    )


@pytest.fixture(params=["admin_user", "staff_user", "leadership_user", "unit_user"])
def any_user(request):
    """Each role in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def one_of_each(demo, settings, tmp_path, admin_user):
    """Every registered model has at least one row to open: the demo period provides the
    reports, answers, values and targets."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    period = demo
    report = period.reports.filter(status="approved").first()
    set_province_value(
        period=period,
        indicator=period.directive.indicators.get(order=16),
        value=Decimal(96),
        note="",
        by=admin_user,
    )
    Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        original_name="bien-ban.pdf",
        size=8,
        uploaded_by=admin_user,
    )
    # Login protection: a failed login, a login, an authenticator with recovery codes.
    seen = {
        "username": "pgd-test",
        "ip_address": "10.0.0.1",
        "user_agent": "test",
        "http_accept": "*/*",
        "path_info": "/accounts/login/",
        "attempt_time": timezone.now(),
    }
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen, locked_out=False)
    owner = UserFactory(username="otp-test")
    TOTPDevice.objects.create(user=owner, name="authenticator")
    StaticDevice.objects.create(user=owner, name="recovery codes")
    # A background job waiting for the worker: a Job and its task's row.
    start(admin_user, period_export, period.pk, "xlsx", title="Bảng tổng hợp (Excel)")


def pytest_terminal_summary(terminalreporter):
    """The reader corpus's accuracy table, whichever test process measured it."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        for name, value in getattr(report, "user_properties", []):
            if name == "reader_corpus_report" and report.when == "call":
                terminalreporter.write_line(value)


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} {connection.settings_dict['NAME']}"
