"""Every admin URL, for every role, answers what the role's permissions allow.

The policy is written out here, apart from the code that grants it (accounts/roles.py):
the administrator may do everything the admin offers; department staff edit directives,
their structure, indicators and unit targets, and only view agencies and school years;
leadership (a civil servant who reads) views what staff edit or view, and changes nothing;
reporting units do not use the admin. Reports are read-only in the admin for everyone,
and periods are opened from the reporting pages, not added in the admin; background jobs
are read-only too (the worker writes them, prune_jobs removes them).
"""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from accounts import roles
from directives.models import Agency
from reports.models import ProgressReport
from tests.factories import UserFactory
from tests.test_admin import agency_workbook

pytestmark = pytest.mark.django_db

ALL = {"view", "add", "change", "delete"}
STAFF_EDITS = {
    "directives.directive",
    "directives.directivereference",
    "directives.section",
    "directives.taskgroup",
    "directives.task",
    "directives.assignment",
    "indicators.indicator",
    "indicators.indicatortarget",
    "directives.reorganisation",
}
STAFF_VIEWS = {"directives.agency", "directives.schoolyear"}
LEADERSHIP_VIEWS = STAFF_EDITS | STAFF_VIEWS
# What the admin offers on a model, whoever asks.
OFFERED = {
    "reports.progressreport": {"view"},
    "reports.taskanswer": {"view"},
    "reports.indicatorvalue": {"view"},
    "reports.provincevalue": {"view"},
    "reports.evidence": {"view"},
    "reports.reportingperiod": {"view", "change", "delete"},
    # The first reorganisation (the seed's) is applied: it is only read, never deleted.
    "directives.reorganisation": {"view", "add", "change"},
    # Login protection: django-axes records failed and successful logins itself.
    "axes.accessattempt": {"view", "change", "delete"},
    "axes.accesslog": {"view", "change", "delete"},
    "axes.accessfailurelog": {"view", "change", "delete"},
    # Background jobs are written by the worker and removed with their files by prune_jobs.
    "jobs.job": {"view"},
}


def allowed(role, label):
    if role == "admin_user":
        granted = ALL
    elif role == "staff_user":
        granted = ALL if label in STAFF_EDITS else {"view"} if label in STAFF_VIEWS else set()
    elif role == "leadership_user":
        granted = {"view"} if label in LEADERSHIP_VIEWS else set()
    else:
        granted = set()
    return granted & OFFERED.get(label, ALL)


def registered_models():
    for model in admin.site._registry:
        opts = model._meta
        yield model, opts.label_lower, f"admin:{opts.app_label}_{opts.model_name}"


def optional_url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def expected(condition):
    return 200 if condition else 403


@pytest.mark.parametrize("role", ["admin_user", "staff_user", "leadership_user"])
def test_every_admin_url_answers_what_the_role_may_do(client, request, role, one_of_each):
    user = request.getfixturevalue(role)
    client.force_login(user)
    checked = 0
    for model, label, name in registered_models():
        may = allowed(role, label)
        reads = bool(may & {"view", "change"})
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, label
        pages = {
            f"{name}_changelist": expected(reads),
            f"{name}_add": expected("add" in may),
            f"{name}_change": expected(reads),
            f"{name}_delete": expected("delete" in may),
            f"{name}_history": expected(reads),
        }
        for url_name, status in pages.items():
            args = [] if url_name.endswith(("_changelist", "_add")) else [obj.pk]
            response = client.get(reverse(url_name, args=args))
            assert response.status_code == status, (role, url_name, response.status_code)
            checked += 1
        import_url = optional_url(f"{name}_import")
        if import_url:
            writes = {"add", "change"} <= may
            assert client.get(import_url).status_code == expected(writes), (role, import_url)
            process = client.post(optional_url(f"{name}_process_import"), {})
            if not writes:
                assert process.status_code == 403, (role, label)
            export = client.get(optional_url(f"{name}_export"))
            assert export.status_code == expected("view" in may), (role, label)
            checked += 3
        if "change" not in may:
            # A change posted by someone who may only look is refused and changes nothing.
            before = model._default_manager.filter(pk=obj.pk).values().first()
            response = client.post(reverse(f"{name}_change", args=[obj.pk]), {})
            assert response.status_code == 403, (role, label)
            assert model._default_manager.filter(pk=obj.pk).values().first() == before
        if "delete" not in may:
            client.post(
                reverse(f"{name}_changelist"),
                {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
            )
            assert model._default_manager.filter(pk=obj.pk).exists(), (role, label)
    assert checked >= 5 * len(admin.site._registry)


def test_reporting_units_are_sent_to_the_admin_login(client, unit_user, one_of_each):
    client.force_login(unit_user)
    for model, _label, name in registered_models():
        obj = model._default_manager.order_by("pk").first()
        urls = [reverse(f"{name}_changelist"), reverse(f"{name}_change", args=[obj.pk])]
        urls += filter(None, [optional_url(f"{name}_import"), optional_url(f"{name}_export")])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url


def test_staff_cannot_reparent_an_agency_through_the_import(client, staff_user, demo):
    """The audit's path: a view-only user posted a workbook that moved Nậm Nhùn under
    Phong Thổ, and Phong Thổ's account could then open Nậm Nhùn's reports."""
    period = demo
    namnhun = Agency.objects.get(code="lc-namnhun-ubnd")
    parent_before = namnhun.parent_id
    client.force_login(staff_user)
    upload = agency_workbook(
        [["lc-namnhun-ubnd", namnhun.name, namnhun.short_name, namnhun.kind, "lc-phongtho-ubnd"]]
    )
    response = client.post(
        reverse("admin:directives_agency_import"),
        {"format": "0", "import_file": upload, "resource": "0"},
    )
    assert response.status_code == 403
    process = client.post(
        reverse("admin:directives_agency_process_import"),
        {"import_file_name": "x.xlsx", "original_file_name": "co-quan.xlsx", "format": "0"},
    )
    assert process.status_code == 403
    namnhun.refresh_from_db()
    assert namnhun.parent_id == parent_before

    report = ProgressReport.objects.get(period=period, agency=namnhun)
    phongtho = UserFactory(
        username="pgd-phongtho-audit",
        role=roles.REPORTING_UNIT,
        agency=Agency.objects.get(code="lc-phongtho-ubnd"),
    )
    client.force_login(phongtho)
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404
