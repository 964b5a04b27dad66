"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, and
the people and period the reminders are about."""

import datetime
import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from accounts import roles
from directives.models import Agency, Directive, SchoolYear
from reports import workflow
from tests.factories import UserFactory

# The period's due date: reports due on 25/01/2025 (lock date 28/02/2025) unless a test
# needs a period open today.
DUE = datetime.date(2025, 1, 25)


class Mailbox:
    """What the SMTP server received, each message parsed (subject and body decoded)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted"

    @staticmethod
    def subject(message) -> str:
        # Django folds an encoded subject onto the next line ("Subject:\n =?utf-8?b?...");
        # unfolding leaves the fold's space, which mail clients do not show.
        return message["Subject"].strip()

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]

    @staticmethod
    def body(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    def clear(self):
        self.messages.clear()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """An SMTP server on a free loopback port, and the app's mail pointed at it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://edu-plans.example.vn"
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    """The app's mail pointed at a loopback port where no server listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


class People:
    def __init__(self):
        self.phongtho = Agency.objects.get(code="lc-phongtho-ubnd")
        self.tamduong = Agency.objects.get(code="lc-tamduong-ubnd")
        so = Agency.objects.get(code="lc-sgddt")
        self.staff = UserFactory(
            username="cv-theodoi",
            email="cv.theodoi@sgddt.example.vn",
            role=roles.DEPARTMENT_STAFF,
            agency=so,
            is_staff=True,
        )
        self.other_staff = UserFactory(
            username="cv-khac",
            email="cv.khac@sgddt.example.vn",
            role=roles.DEPARTMENT_STAFF,
            agency=so,
            is_staff=True,
        )
        self.reviewer = UserFactory(
            username="cv-duyet",
            email="cv.duyet@sgddt.example.vn",
            role=roles.DEPARTMENT_STAFF,
            agency=so,
            is_staff=True,
        )
        self.admin = UserFactory(
            username="qt",
            email="qt@sgddt.example.vn",
            role=roles.ADMIN,
            is_staff=True,
            is_superuser=True,
        )
        self.unit = UserFactory(
            username="pgd-phongtho",
            email="pgd.phongtho@example.vn",
            first_name="Lò Thị",
            last_name="Hương",
            role=roles.REPORTING_UNIT,
            agency=self.phongtho,
        )
        self.head = UserFactory(
            username="truongphong-phongtho",
            email="truongphong.phongtho@example.vn",
            role=roles.REPORTING_UNIT,
            agency=self.phongtho,
            is_agency_head=True,
        )
        self.other_unit = UserFactory(
            username="pgd-tamduong",
            email="pgd.tamduong@example.vn",
            role=roles.REPORTING_UNIT,
            agency=self.tamduong,
        )
        self.phongtho.followed_by.add(self.staff)

    def open_period(self, *, remind_every_days=3, escalate_after_days=7, due_on=DUE):
        """A period of plan 3707 for Phong Thổ and Tam Đường, due on ``due_on`` (a date,
        or "soon": a week from today, for tests that fill and review reports now), locked
        a month after."""
        if due_on == "soon":
            due_on = timezone.localdate() + datetime.timedelta(days=7)
        return workflow.open_period(
            directive=Directive.objects.get(number="3707", symbol="KH-UBND"),
            school_year=SchoolYear.objects.get(start_year=2024),
            kind="semester_1",
            name="Sơ kết học kỳ I năm học 2024 - 2025",
            starts_on=datetime.date(2024, 9, 5),
            ends_on=datetime.date(2025, 1, 18),
            due_on=due_on,
            locks_on=due_on + datetime.timedelta(days=34),
            by=self.admin,
            units=[self.phongtho, self.tamduong],
            remind_every_days=remind_every_days,
            escalate_after_days=escalate_after_days,
        )


@pytest.fixture
def people(db):
    return People()
