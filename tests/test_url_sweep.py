"""Every named URL of every app, as an anonymous user and as each role and combination of
capabilities, on real objects, against a policy written out here (not read from the
permission functions it checks). A named URL missing from the policy fails the sweep:
whoever adds a URL says here who may open it.

Then the state-changing report URLs, posted by each role: who submits, returns, approves,
reopens, removes evidence and applies an upload, and that nobody reviews a report of their
own agency or one they submitted.
"""

import datetime
import functools
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfWriter

from accounts import roles
from accounts.models import RoleSecurity, User
from directives.assigning import assign
from directives.models import (
    Agency,
    Assignment,
    Directive,
    ImportedDocument,
    ReorganisationLine,
    SchoolYear,
)
from directives.reorganising import LineInput, record_reorganisation
from directives.tasks import read_directive
from jobs.models import Job
from jobs.running import start
from planning.models import RollForward
from planning.rollforward import roll_forward
from reports import fill_in, workflow
from reports.fill_in import pending
from reports.models import Evidence, ProgressReport
from tests.directives.test_directive_import import SOURCES, docx_bytes
from tests.factories import AgencyFactory
from tests.jobs import tasks as test_tasks
from tests.jobs.worker import run_queued_tasks
from tests.reports.conftest import complete_input, make_period

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status

PUBLIC = {
    "login",
    "healthz",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "password_reset_confirm",
}
SKIPPED_NAMESPACES = {"admin"}  # the admin has its own tests (tests/test_admin*.py)


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


# --- the people ---------------------------------------------------------------------
# Each column of the policy: who they are, which capabilities (groups) they hold and the
# agency they belong to. A Sở staff member usually both reports and reviews.
PEOPLE = {
    "anonymous": None,
    "admin": ([roles.ADMIN], None),
    "staff": ([roles.DEPARTMENT_STAFF], "so"),  # reviews only, at the Sở itself
    "so_staff": ([roles.REPORTING_UNIT, roles.DEPARTMENT_STAFF], "so"),
    "division_staff": ([roles.REPORTING_UNIT, roles.DEPARTMENT_STAFF], "division_a"),
    "leadership": ([roles.LEADERSHIP], "so"),
    "unit": ([roles.REPORTING_UNIT], "district"),
    "other_unit": ([roles.REPORTING_UNIT], "other_district"),
}
WHO = list(PEOPLE)
LOGIN = "login"  # sent to the login page


def make_user(username, groups, agency, **extra):
    # No password (hashing one costs a third of a second): the test client logs them in.
    user = User.objects.create_user(username, agency=agency, **extra)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


class World:
    """A period of plan 3707 with reports of a district, of the Sở and of two of its
    divisions; tasks assigned to each; people of each role; evidence on two reports."""

    def __init__(self):
        roles.ensure_role_groups()
        self.plan = Directive.objects.get(number="3707", symbol="KH-UBND")
        so = Agency.objects.get(code="lc-sgddt")
        self.agencies = {
            "district": Agency.objects.get(code="lc-phongtho-ubnd"),
            "other_district": Agency.objects.get(code="lc-tamduong-ubnd"),
            "so": so,
            "division_a": AgencyFactory(
                code="lc-sgddt-gdpt",
                name="Phòng Giáo dục Phổ thông",
                kind=Agency.Kind.UNIT,
                parent=so,
            ),
            "division_b": AgencyFactory(
                code="lc-sgddt-gdmn",
                name="Phòng Giáo dục Mầm non",
                kind=Agency.Kind.UNIT,
                parent=so,
            ),
        }
        self.people = {"anonymous": None}
        for who, spec in PEOPLE.items():
            if spec is not None:
                groups, agency = spec
                extra = {"is_superuser": True, "is_staff": True} if who == "admin" else {}
                self.people[who] = make_user(
                    f"{who}-sweep", groups, self.agencies.get(agency), **extra
                )
        # Who fills and sends each report, apart from the people under test.
        self.reporters = {
            "district": self.people["unit"],
            **{
                key: make_user(f"{key}-reporter", [roles.REPORTING_UNIT], self.agencies[key])
                for key in ("so", "division_a", "division_b")
            },
        }
        section_iii_tasks = list(
            self.plan.task_groups.order_by("order").first().tasks.order_by("order")[:2]
        )
        for task, key in zip(section_iii_tasks, ("division_a", "division_b"), strict=True):
            assign(
                tasks=[task],
                agencies=[self.agencies[key]],
                role=Assignment.Role.LEAD,
                by=self.people["admin"],
            )
        self.period = make_period(
            staff=self.people["admin"],
            units=[self.agencies[key] for key in ("district", "so", "division_a", "division_b")],
        )
        self.reports = {
            key: self.period.reports.get(agency=self.agencies[key])
            for key in ("district", "so", "division_a", "division_b")
        }
        for key, report in self.reports.items():
            self.reports[key] = workflow.save_report(
                report=report,
                data=complete_input(report),
                expected_version=report.version,
                by=self.reporters[key],
            )
        self.evidence = {
            key: workflow.attach_evidence(
                report=self.reports[key], upload=pdf_file(), by=self.reporters[key]
            )
            for key in ("district", "division_a")
        }

    @functools.cached_property
    def job(self):
        """A finished job of leadership's, with its file."""
        job = start(self.people["leadership"], test_tasks.write_text, "x", title="Tệp thử")
        run_queued_tasks()
        return job

    @functools.cached_property
    def import_job(self):
        """A Word file staff uploaded on the import page, read by its job."""
        text = (SOURCES / "002_03cf67ac18087470.txt").read_text(encoding="utf-8")
        job = start(self.people["staff"], read_directive, title="Đọc văn bản")
        document = ImportedDocument(job=job, name="ke-hoach.docx")
        document.file.save("ke-hoach.docx", ContentFile(docx_bytes(text.splitlines())))
        run_queued_tasks()
        job.refresh_from_db()
        assert job.status == job.Status.DONE, job.error_message
        return job

    def rolled_forward(self):
        """The plan carried into 2025 - 2026, made once."""
        if not hasattr(self, "_rolled_forward"):
            self._rolled_forward = RollForward.objects.filter(
                source=self.plan
            ).first() or roll_forward(
                directive=self.plan,
                school_year=SchoolYear.objects.get_or_create(start_year=2025)[0],
                by=self.people["admin"],
            )
        return self._rolled_forward

    @functools.cached_property
    def reorganisation(self):
        """A reorganisation recorded, not applied: a commune moved under the province."""
        commune = AgencyFactory(code="lc-xa-sweep", kind=Agency.Kind.COMMUNE)
        return record_reorganisation(
            effective_on=datetime.date(2026, 9, 1),
            basis="Quyết định thử nghiệm",
            lines=[
                LineInput(
                    kind=ReorganisationLine.Kind.TRANSFER,
                    predecessors=[commune],
                    new_parent=Agency.objects.get(code="lc-ubnd"),
                )
            ],
            by=self.people["admin"],
        )

    def submit(self, key, *, by=None):
        self.reports[key] = workflow.submit_report(
            report=self.reports[key], by=by or self.reporters[key]
        )
        return self.reports[key]


def pdf_file():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("bien-ban.pdf", buffer.getvalue())


@pytest.fixture
def world(db):
    return World()


def log_in(client, world, who):
    client.logout()
    if world.people[who] is not None:
        client.force_login(world.people[who])


# --- every named URL, opened (GET) ---------------------------------------------------
# The objects: periods and reports are the district's (Phong Thổ), which the other
# district (Tam Đường) may not see; evidence is attached to that report.
#
# fmt: off
#                                            anonymous admin staff so_st div_st leader unit other
GET_POLICY = {
    "home":                                 (LOGIN, 302, 302, 302, 302, 302, 302, 302),
    "login":                                (200,   200, 200, 200, 200, 200, 200, 200),
    "logout":                               (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "password_change":                      (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "password_change_done":                 (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "password_reset":                       (200,   200, 200, 200, 200, 200, 200, 200),
    "password_reset_done":                  (200,   200, 200, 200, 200, 200, 200, 200),
    "password_reset_confirm":               (200,   200, 200, 200, 200, 200, 200, 200),
    "password_reset_complete":              (200,   200, 200, 200, 200, 200, 200, 200),
    "set_language":                         (302,   302, 302, 302, 302, 302, 302, 302),
    "healthz":                              (200,   200, 200, 200, 200, 200, 200, 200),
    # Each person's own account pages, before any second factor is set up: nothing to
    # turn off or regenerate yet, no code owed, so those send back.
    "accounts:security":                    (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "accounts:two_factor_setup":            (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "accounts:two_factor_disable":          (LOGIN, 302, 302, 302, 302, 302, 302, 302),
    "accounts:recovery_codes_regenerate":   (LOGIN, 302, 302, 302, 302, 302, 302, 302),
    "accounts:two_factor_verify":           (LOGIN, 302, 302, 302, 302, 302, 302, 302),
    # Directives: everyone signed in reads them; who changed what is for staff and
    # leadership (a reporting unit that is not also staff reads the directive only);
    # importing is for staff.
    "directives:directive_list":            (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "directives:directive_detail":          (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "directives:directive_history":         (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "directives:directive_import":          (LOGIN, 200, 200, 200, 200, 403, 403, 403),
    # A document read in the background is reviewed by the staff member who uploaded it.
    "directives:directive_import_review":   (LOGIN, 404, 200, 404, 404, 403, 403, 403),
    # Phân công: staff, administrators and leadership read who carries which task; staff
    # and administrators change it, through buttons that post (checked below).
    "directives:directive_assignments":     (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "directives:assignment_assign":         (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "directives:assignment_remove":         (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "directives:assignment_due_date":       (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "directives:assignment_proposal_accept": (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # Task state: everyone reads the tasks of the agencies they report for (others pick
    # an agency) and the count of a directive's tasks (a unit its own agency's); every
    # agency's extension requests are for staff and leadership; asking and deciding post.
    "directives:unit_tasks":                (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "directives:directive_accounting":      (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "directives:extension_list":            (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "directives:extension_request":         (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "directives:extension_decide":          (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # Giao chỉ tiêu: staff and administrators set a plan's targets (posting the same
    # pages, checked below), leadership reads them; a unit reads its own on its report.
    "indicators:targets":                   (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "indicators:unit_targets":              (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    # Sắp xếp đơn vị: staff and administrators record, preview and apply (a post, checked
    # below); leadership reads the list and what each one did; units are refused.
    "directives:reorganisation_list":       (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "directives:reorganisation_detail":     (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "directives:reorganisation_create":     (LOGIN, 200, 200, 200, 200, 403, 403, 403),
    "directives:reorganisation_preview":    (LOGIN, 200, 200, 200, 200, 403, 403, 403),
    "directives:reorganisation_apply":      (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # Reporting: a unit sees its own periods and reports, staff and leadership every one;
    # only staff open periods; a unit (or the administrator) fills its report.
    "reports:home":                         (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "reports:period_list":                  (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "reports:period_create":                (LOGIN, 200, 200, 200, 200, 403, 403, 403),
    "reports:period_detail":                (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "reports:period_rollup":                (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "reports:period_settings":              (LOGIN, 200, 200, 200, 200, 403, 403, 404),
    "reports:period_export":                (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_detail":                (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "reports:report_export":                (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "reports:report_edit":                  (LOGIN, 200, 403, 403, 403, 403, 200, 404),
    "reports:report_template":              (LOGIN, 200, 200, 200, 200, 403, 200, 404),
    "reports:report_upload":                (LOGIN, 302, 403, 403, 403, 403, 302, 404),
    "reports:evidence_download":            (LOGIN, 200, 200, 200, 200, 200, 200, 404),
    "reports:directive_export":             (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    # What the pages' buttons post to: following a link or typing an address changes
    # nothing (the POSTs are checked below). The period's exports are buttons too: they
    # start a background job (EXPORT_POLICY below).
    "reports:report_submit":                (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_return":                (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_approve":               (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_reopen":                (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_upload_apply":          (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:report_upload_cancel":         (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "reports:evidence_remove":              (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # The leadership dashboard: everyone signed in reads it (a unit its own row against
    # the province); its export buttons start a job (EXPORT_POLICY below).
    "dashboard:dashboard":                  (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "dashboard:dashboard_trends":           (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "dashboard:dashboard_export":           (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # Background jobs: everyone signed in has a list of their own; a job's pages and file
    # are its owner's (here leadership's), nobody else learns it exists.
    "jobs:job_list":                        (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "jobs:job_detail":                      (LOGIN, 404, 404, 404, 404, 200, 404, 404),
    "jobs:job_status":                      (LOGIN, 404, 404, 404, 404, 200, 404, 404),
    "jobs:job_download":                    (LOGIN, 404, 404, 404, 404, 200, 404, 404),
    # Planning the next school year: staff and administrators roll a plan forward, link it
    # to last year's and settle what could not be carried (buttons that post, checked
    # below); leadership reads; a reporting unit does not.
    "planning:roll_forward":                (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "planning:issues":                      (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "planning:link":                        (LOGIN, 200, 200, 200, 200, 200, 403, 403),
    "planning:issue_settle":                (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    # Notices: everyone signed in reads their own and chooses what comes by e-mail;
    # marking read posts (tests/notifications/test_pages.py: only one's own).
    "notifications:notice_list":            (LOGIN, 200, 200, 200, 200, 200, 200, 200),
    "notifications:notice_read":            (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "notifications:notice_read_all":        (LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "notifications:preferences":            (LOGIN, 200, 200, 200, 200, 200, 200, 200),
}
# fmt: on


def url_for(name, pattern, world):
    """The address of a named URL on the world's objects."""
    if name == "password_reset_confirm":
        return reverse(name, args=["MQ", "set-password"])
    app, _sep, view = name.rpartition(":")
    if view.startswith("period_"):
        pk = world.period.pk
    elif view.startswith("report_"):
        pk = world.reports["district"].pk
    elif view.startswith("evidence_"):
        pk = world.evidence["district"].pk
    elif name == "planning:issues":
        pk = world.rolled_forward().result_id  # the new plan's
    elif name == "indicators:unit_targets":
        pk = world.plan.indicators.order_by("order").first().pk
    elif view.startswith("reorganisation_"):
        pk = world.reorganisation.pk
    elif app == "jobs":
        pk = world.job.pk
    elif name == "directives:directive_import_review":
        pk = world.import_job.pk
    else:
        pk = world.plan.pk  # the directive pages and its export
    values = {"pk": pk, "fmt": "pdf"}
    url = reverse(name, kwargs={key: values[key] for key in pattern.pattern.converters})
    if name == "reports:period_create":
        url += f"?directive={world.plan.pk}"
    return url


def test_every_named_url_has_a_row_in_the_policy():
    """A URL added without saying who may open it fails here: add its row to GET_POLICY
    (and, for a POST that changes data, a test below)."""
    names = {name for name, _pattern in named_urls()}
    assert sorted(names - set(GET_POLICY)) == [], "named URLs missing from GET_POLICY"
    assert sorted(set(GET_POLICY) - names) == [], "rows of GET_POLICY for no named URL"
    assert all(len(row) == len(WHO) for row in GET_POLICY.values())


def outcome_of(response):
    """The status, or LOGIN for a redirect to the login page (only the anonymous get it)."""
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("who", WHO)
def test_every_named_url_answers_each_role_as_the_policy_says(client, world, who):
    log_in(client, world, who)
    column = WHO.index(who)
    got, expected = {}, {}
    for name, pattern in named_urls():
        if name in GET_POLICY:  # a missing row fails the test above
            got[name] = outcome_of(client.get(url_for(name, pattern, world)))
            expected[name] = GET_POLICY[name][column]
    assert got == expected


# After the password, the second step: a user who owes a code, or whose role requires an
# authenticator they have not set up, reaches that step's page and the public ones only.
LOGIN_STEP_PAGES = {"verify": "accounts:two_factor_verify", "enrol": "accounts:two_factor_setup"}
OPEN_DURING_LOGIN_STEP = PUBLIC | {"logout"}


@pytest.mark.parametrize("step", LOGIN_STEP_PAGES)
def test_a_user_part_way_through_logging_in_reaches_only_that_step(client, world, step):
    staff_user = world.people["staff"]
    if step == "verify":
        TOTPDevice.objects.create(user=staff_user, name="authenticator", confirmed=True)
    else:
        RoleSecurity.objects.filter(group__user=staff_user).update(requires_two_factor=True)
    client.force_login(staff_user)
    step_url = reverse(LOGIN_STEP_PAGES[step])
    for name, pattern in named_urls():
        response = client.get(url_for(name, pattern, world))
        if name == LOGIN_STEP_PAGES[step]:
            assert response.status_code == 200, name
        elif name.split(":")[-1] in OPEN_DURING_LOGIN_STEP:
            assert response.status_code in (200, 302, 405), name
            assert not response.get("Location", "").startswith(step_url), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(f"{step_url}?next="), name


ASSIGNING = (
    "directives:assignment_assign",
    "directives:assignment_remove",
    "directives:assignment_due_date",
    "directives:assignment_proposal_accept",
)
# Leadership and reporting units are refused before anything is read; staff and
# administrators get an answer (here, posting nothing: nothing to assign, remove or date).
ANSWERED = "answered"
# fmt: off
ASSIGN_POLICY = {
    "anonymous": LOGIN, "admin": ANSWERED, "staff": ANSWERED, "so_staff": ANSWERED,
    "division_staff": ANSWERED, "leadership": 403, "unit": 403, "other_unit": 403,
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_only_staff_and_administrators_post_to_the_assignment_actions(client, world, who):
    log_in(client, world, who)
    before = list(Assignment.objects.order_by("pk").values_list("pk", "agency_id", "role"))
    urls = dict(named_urls())
    for name in ASSIGNING:
        outcome = outcome_of(client.post(url_for(name, urls[name], world), {}))
        got = ANSWERED if outcome in (200, 404) else outcome
        assert got == ASSIGN_POLICY[who], name
    after = list(Assignment.objects.order_by("pk").values_list("pk", "agency_id", "role"))
    assert after == before


# Planning the next school year: staff and administrators roll a plan forward and settle
# what could not be carried; leadership and units are refused and nothing changes.
# fmt: off
PLANNING_POLICY = {
    "anonymous": LOGIN, "admin": 302, "staff": 302, "so_staff": 302,
    "division_staff": 302, "leadership": 403, "unit": 403, "other_unit": 403,
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_only_staff_and_administrators_roll_a_plan_forward_and_settle_its_issues(
    client, world, who
):
    log_in(client, world, who)
    response = client.post(reverse("planning:roll_forward", args=[world.plan.pk]))
    assert outcome_of(response) == PLANNING_POLICY[who]
    run_queued_tasks()  # the roll-forward is a background job of the one who asked
    rolled = Directive.objects.filter(previous_year=world.plan).count()
    assert rolled == (1 if PLANNING_POLICY[who] == 302 else 0)
    issue = world.rolled_forward().issues.first()
    response = client.post(reverse("planning:issue_settle", args=[issue.pk]), {"note": ""})
    assert outcome_of(response) == PLANNING_POLICY[who]
    issue.refresh_from_db()
    assert (issue.settled_at is not None) == (PLANNING_POLICY[who] == 302)


TARGETS = ("indicators:targets", "indicators:unit_targets")
# fmt: off
TARGET_POLICY = {
    "anonymous": LOGIN, "admin": ANSWERED, "staff": ANSWERED, "so_staff": ANSWERED,
    "division_staff": ANSWERED, "leadership": 403, "unit": 403, "other_unit": 403,
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_only_staff_and_administrators_post_targets(client, world, who):
    """Leadership reads the target pages and may not post them; a unit opens neither."""
    log_in(client, world, who)
    indicator = world.plan.indicators.order_by("order").first()
    before = indicator.target_value
    urls = dict(named_urls())
    for name in TARGETS:
        box = f"target-{indicator.pk}" if name == "indicators:targets" else "target-0"
        outcome = outcome_of(client.post(url_for(name, urls[name], world), {box: "1"}))
        got = ANSWERED if outcome in (200, 302) else outcome
        assert got == TARGET_POLICY[who], name
    indicator.refresh_from_db()
    assert (indicator.target_value != before) == (TARGET_POLICY[who] == ANSWERED)


# Export buttons post: each starts a job of the person who pressed it. The period's
# synthesis and workbook hold every unit's figures (staff, leadership, administrators);
# the dashboard's exports are everyone's, each scoped to what they see.
# fmt: off
EXPORT_POLICY = {
    #                             anonymous admin staff so_st div_st leader unit other
    "reports:period_export":      (LOGIN,   302, 302, 302, 302, 302, 403, 404),
    "dashboard:dashboard_export": (LOGIN,   302, 302, 302, 302, 302, 302, 302),
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_an_export_job_is_started_only_by_who_may_read_the_export(client, world, who):
    log_in(client, world, who)
    urls = dict(named_urls())
    column = WHO.index(who)
    for name, row in EXPORT_POLICY.items():
        before = Job.objects.count()
        outcome = outcome_of(client.post(url_for(name, urls[name], world)))
        assert outcome == row[column], name
        started = Job.objects.count() - before
        assert started == (1 if outcome == 302 else 0), name
        if outcome == 302:
            assert Job.objects.order_by("-created_at").first().owner == world.people[who]


# Applying a reorganisation, and recording one: staff and administrators only.
# fmt: off
REORGANISE_POLICY = {
    "anonymous": LOGIN, "admin": 302, "staff": 302, "so_staff": 302,
    "division_staff": 302, "leadership": 403, "unit": 403, "other_unit": 403,
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_only_staff_and_administrators_apply_a_reorganisation(client, world, who):
    log_in(client, world, who)
    reorganisation = world.reorganisation
    response = client.post(reverse("directives:reorganisation_apply", args=[reorganisation.pk]))
    assert outcome_of(response) == REORGANISE_POLICY[who]
    run_queued_tasks()  # applying is a background job of the one who asked
    reorganisation.refresh_from_db()
    assert (reorganisation.applied_at is not None) == (REORGANISE_POLICY[who] == 302)
    created = client.post(reverse("directives:reorganisation_create"), {})
    assert outcome_of(created) == {302: 200}.get(REORGANISE_POLICY[who], REORGANISE_POLICY[who])


# --- who fills which report ----------------------------------------------------------
# A unit fills its own agency's report and those of the agencies under it: a Sở staff
# member who reports fills the Sở's and its divisions'; a division's, its own only.
# fmt: off
#                      district so   division_a division_b
EDIT_POLICY = {
    "anonymous":      (LOGIN,   LOGIN, LOGIN, LOGIN),
    "admin":          (200,     200,   200,   200),
    "staff":          (403,     403,   403,   403),
    "so_staff":       (403,     200,   200,   200),
    "division_staff": (403,     403,   200,   403),
    "leadership":     (403,     403,   403,   403),
    "unit":           (200,     404,   404,   404),
    "other_unit":     (404,     404,   404,   404),
}
# fmt: on
REPORTS = ("district", "so", "division_a", "division_b")


@pytest.mark.parametrize("who", WHO)
def test_each_role_fills_only_the_reports_of_its_own_agencies(client, world, who):
    log_in(client, world, who)
    got = tuple(
        outcome_of(client.get(reverse("reports:report_edit", args=[world.reports[key].pk])))
        for key in REPORTS
    )
    assert got == EDIT_POLICY[who]


SUBMITTED, REFUSED = "submitted", "refused"
# fmt: off
#                      district   so         division_a division_b
SUBMIT_POLICY = {
    "anonymous":      (LOGIN,     LOGIN,     LOGIN,     LOGIN),
    "admin":          (SUBMITTED, SUBMITTED, SUBMITTED, SUBMITTED),
    "staff":          (403,       403,       403,       403),
    "so_staff":       (403,       SUBMITTED, SUBMITTED, SUBMITTED),
    "division_staff": (403,       403,       SUBMITTED, 403),
    "leadership":     (403,       403,       403,       403),
    "unit":           (SUBMITTED, 404,       404,       404),
    "other_unit":     (404,       404,       404,       404),
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_each_role_submits_only_the_reports_it_fills(client, world, who):
    log_in(client, world, who)
    got = []
    for key in REPORTS:
        report = world.reports[key]
        response = client.post(reverse("reports:report_submit", args=[report.pk]))
        report.refresh_from_db()
        if report.status == Status.SUBMITTED:
            assert response.status_code == 302 and report.submitted_by == world.people[who]
            got.append(SUBMITTED)
        else:
            assert report.status == Status.DRAFT
            got.append(outcome_of(response))
    assert tuple(got) == SUBMIT_POLICY[who]


# --- who reviews which report ---------------------------------------------------------
# Staff, administrators and leadership return and approve, never a report of an agency
# they belong to: the Sở's staff not the Sở's nor its divisions'; a division's staff not
# their division's nor the Sở's, but another division's and a district's; leadership
# approves the Sở's own. A reviewer refused reads why on the report page.
DONE = "done"
# fmt: off
#                      district so       division_a division_b
REVIEW_POLICY = {
    "anonymous":      (LOGIN,   LOGIN,   LOGIN,   LOGIN),
    "admin":          (DONE,    DONE,    DONE,    DONE),
    "staff":          (DONE,    REFUSED, REFUSED, REFUSED),
    "so_staff":       (DONE,    REFUSED, REFUSED, REFUSED),
    "division_staff": (DONE,    REFUSED, REFUSED, DONE),
    "leadership":     (DONE,    DONE,    DONE,    DONE),
    "unit":           (403,     404,     404,     404),
    "other_unit":     (404,     404,     404,     404),
}
# fmt: on
OWN_AGENCY = "Đây là báo cáo của chính đơn vị mình"


@pytest.mark.parametrize("action", ["approve", "return"])
@pytest.mark.parametrize("who", WHO)
def test_each_role_reviews_only_reports_of_other_agencies(client, world, who, action):
    for key in REPORTS:
        world.submit(key)
    log_in(client, world, who)
    reached = Status.APPROVED if action == "approve" else Status.RETURNED
    got = []
    for key in REPORTS:
        report = world.reports[key]
        response = client.post(
            reverse(f"reports:report_{action}", args=[report.pk]),
            {"reason": "Bổ sung số liệu của các trường."},
        )
        report.refresh_from_db()
        if report.status == reached:
            assert response.status_code == 302 and report.reviewed_by == world.people[who]
            got.append(DONE)
            continue
        assert report.status == Status.SUBMITTED and report.reviewed_by is None
        if response.status_code == 302 and response["Location"] == report.get_absolute_url():
            page = client.get(response["Location"]).content.decode()
            assert OWN_AGENCY in page, key  # the reason, once as a message, once as a note
            assert reverse("reports:report_approve", args=[report.pk]) not in page
            got.append(REFUSED)
        else:
            got.append(outcome_of(response))
    assert tuple(got) == REVIEW_POLICY[who]


SELF_SUBMITTED = "Bạn là người gửi báo cáo này"


def test_nobody_approves_a_report_they_submitted_themselves(client, world):
    """The administrator who filled and sent a district's report cannot approve it; a
    second administrator can."""
    admin = world.people["admin"]
    report = world.submit("district", by=admin)
    client.force_login(admin)
    page = client.get(report.get_absolute_url()).content.decode()
    assert SELF_SUBMITTED in page
    assert reverse("reports:report_approve", args=[report.pk]) not in page
    response = client.post(reverse("reports:report_approve", args=[report.pk]), follow=True)
    assert SELF_SUBMITTED in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED

    client.force_login(
        make_user("quantri-2", [roles.ADMIN], None, is_superuser=True, is_staff=True)
    )
    client.post(reverse("reports:report_approve", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == Status.APPROVED


# --- reopening, evidence, uploads ------------------------------------------------------
REOPENED, REMOVED, SAVED = "reopened", "removed", "saved"
# fmt: off
#                      approved  locked draft   (the district's report)
REOPEN_POLICY = {
    "anonymous":      (LOGIN,    LOGIN),
    "admin":          (REOPENED, REOPENED),
    "staff":          (403,      REOPENED),
    "so_staff":       (403,      REOPENED),
    "division_staff": (403,      REOPENED),
    "leadership":     (403,      403),
    "unit":           (403,      403),
    "other_unit":     (404,      404),
}
# fmt: on


@pytest.mark.parametrize("state", ["approved", "locked"])
@pytest.mark.parametrize("who", WHO)
def test_administrators_reopen_approved_reports_and_staff_locked_ones(client, world, who, state):
    """An approved report is reopened by an administrator only; one locked by the period's
    lock date by staff too."""
    if state == "approved":
        report = workflow.approve_report(
            report=world.submit("district"), by=world.people["leadership"]
        )
    else:
        yesterday = workflow.today() - datetime.timedelta(days=1)
        workflow.change_period_dates(
            period=world.period,
            due_on=yesterday,
            locks_on=yesterday,
            reason="Khóa kỳ báo cáo để tổng hợp.",
            by=world.people["admin"],
        )
        report = world.reports["district"]
    log_in(client, world, who)
    response = client.post(
        reverse("reports:report_reopen", args=[report.pk]), {"reason": "Sửa số liệu."}
    )
    report.refresh_from_db()
    got = REOPENED if report.reopened else outcome_of(response)
    assert report.reopened == (got == REOPENED)
    assert got == REOPEN_POLICY[who][["approved", "locked"].index(state)]


# fmt: off
#                      district division_a   (evidence on each draft report)
EVIDENCE_POLICY = {
    "anonymous":      (LOGIN,   LOGIN),
    "admin":          (REMOVED, REMOVED),
    "staff":          (403,     403),
    "so_staff":       (403,     REMOVED),
    "division_staff": (403,     REMOVED),
    "leadership":     (403,     403),
    "unit":           (REMOVED, 404),
    "other_unit":     (404,     404),
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_only_who_fills_a_report_removes_its_evidence(client, world, who):
    log_in(client, world, who)
    got = []
    for key in ("district", "division_a"):
        evidence = world.evidence[key]
        response = client.post(reverse("reports:evidence_remove", args=[evidence.pk]))
        gone = not Evidence.objects.filter(pk=evidence.pk).exists()
        got.append(REMOVED if gone else outcome_of(response))
    assert tuple(got) == EVIDENCE_POLICY[who]


# fmt: off
UPLOAD_POLICY = {  # a previewed workbook for the district's report, applied
    "anonymous": LOGIN, "admin": SAVED, "staff": 403, "so_staff": 403,
    "division_staff": 403, "leadership": 403, "unit": SAVED, "other_unit": 404,
}
# fmt: on
UPLOADED_TEXT = "Đã tổ chức hội nghị quán triệt tới 100% trường học."


def filled_template(report) -> SimpleUploadedFile:
    workbook = openpyxl.load_workbook(io.BytesIO(fill_in.build_template(report)))
    for cell, kind in fill_in.input_cells(workbook, report=report):
        if kind == "progress":
            cell.value = "Đang triển khai"
        elif kind == "text":
            cell.value = UPLOADED_TEXT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())


@pytest.mark.parametrize("who", WHO)
def test_an_upload_is_applied_only_by_who_fills_the_report(client, world, who):
    """Even holding a previewed workbook (the preview step refuses them first), a person
    who may not fill the report saves nothing with it."""
    report = world.reports["district"]
    log_in(client, world, who)
    session = client.session
    token = pending.hold(session, filled_template(report), report_id=report.pk)
    session.save()
    response = client.post(
        reverse("reports:report_upload_apply", args=[report.pk]), {"token": token}
    )
    saved = report.answers.filter(results=UPLOADED_TEXT).exists()
    assert saved == (response.status_code == 302 and who not in ("anonymous",))
    assert (SAVED if saved else outcome_of(response)) == UPLOAD_POLICY[who]
