"""The planning pages through the test client: who sees what, what a click creates, and
what each page costs in queries."""

import pytest
from django.urls import resolve, reverse
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from accounts import roles
from directives.models import Directive, SchoolYear
from jobs.models import Job
from planning.models import RollForward
from planning.rollforward import roll_forward
from tests.factories import UserFactory
from tests.jobs.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_staff_see_the_button_on_the_directive_page_and_others_do_not(
    client, plan_3707, staff_user, leadership_user, unit_user
):
    url = reverse("planning:roll_forward", args=[plan_3707.pk])
    assert url in _page(client, staff_user, plan_3707.get_absolute_url()).content.decode()
    assert (
        "Tạo kế hoạch năm học mới từ kế hoạch này"
        in _page(client, staff_user, plan_3707.get_absolute_url()).content.decode()
    )
    for user in (leadership_user, unit_user):
        assert url not in _page(client, user, plan_3707.get_absolute_url()).content.decode()


def test_the_preview_shows_the_next_year_what_is_copied_and_the_baselines(
    client, plan_3707, year_end, reform, staff_user, django_assert_max_num_queries
):
    """Before anything is created: 2025 - 2026 offered (its school year not stored yet),
    47 tasks and 26 indicators, the new baselines beside last year's targets."""
    assert not SchoolYear.objects.filter(start_year=2025).exists()
    client.force_login(staff_user)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("planning:roll_forward", args=[plan_3707.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2025 - 2026" in page and "Tạo dự thảo kế hoạch năm học 2025 - 2026" in page
    assert response.context["plan"].tasks.__len__() == 47
    assert "96,16" in page and "212,5" in page  # the ratio's and the province-only baselines
    assert "UBND xã Thu Lũm" in page  # a split unit's target, listed
    assert not Directive.objects.filter(previous_year=plan_3707).exists()
    assert not SchoolYear.objects.filter(start_year=2025).exists()


def _job_of(response) -> Job:
    """The job a button started: its POST goes to the job's progress page."""
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "job_detail", response["Location"]
    return Job.objects.get(pk=match.kwargs["pk"])


def test_posting_creates_the_draft_in_the_background_and_shows_what_could_not_be_carried(
    client, plan_3707, year_end, reform, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)
    job = _job_of(client.post(reverse("planning:roll_forward", args=[plan_3707.pk])))
    # Nothing is created in the request, not even the new school year.
    assert not RollForward.objects.exists()
    assert not SchoolYear.objects.filter(start_year=2025).exists()
    assert job.status == Job.Status.QUEUED and job.owner == staff_user
    assert "2025 - 2026" in job.title and "3707/KH-UBND" in job.title
    assert client.get(job.get_absolute_url()).status_code == 200

    run_queued_tasks()

    record = RollForward.objects.get(source=plan_3707)
    assert record.school_year.start_year == 2025 and record.created_by == staff_user
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    issues_url = reverse("planning:issues", args=[record.result_id])
    assert job.result_url == f"{issues_url}?job={job.pk}"
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["result_url"] == job.result_url
    # The page the job ended on says what the view said, once, at its own address.
    arrived = client.get(job.result_url)
    assert arrived.status_code == 302 and arrived["Location"] == issues_url
    with django_assert_max_num_queries(20):
        page = client.get(issues_url)
    html = page.content.decode()
    assert page.status_code == 200 and "Dự thảo" in html
    assert "Đã tạo dự thảo kế hoạch năm học 2025 - 2026" in html
    assert html.count('id="issue-') == record.issues.count() > 0
    assert reverse("directives:directive_assignments", args=[record.result_id]) in html
    assert f"/indicators/directives/{record.result_id}/targets/" in html
    assert "Đã tạo dự thảo kế hoạch" not in client.get(issues_url).content.decode()


def test_a_second_click_while_the_first_job_waits_shows_that_job(client, plan_3707, staff_user):
    client.force_login(staff_user)
    url = reverse("planning:roll_forward", args=[plan_3707.pk])
    first = _job_of(client.post(url))
    assert _job_of(client.post(url)) == first
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1
    # Another member of staff is told who is at it, and starts nothing either.
    colleague = UserFactory(username="chuyenvien2", role=roles.DEPARTMENT_STAFF)
    client.force_login(colleague)
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "đang tạo dự thảo kế hoạch năm học 2025 - 2026" in response.content.decode()
    assert Job.objects.count() == 1
    run_queued_tasks()
    assert Directive.objects.filter(previous_year=plan_3707).count() == 1


def test_the_page_shows_the_job_under_way_instead_of_the_button(client, plan_3707, staff_user):
    """Back on the page while the draft is being made, its author finds the link to its
    progress and a colleague who is making it; neither finds the button again."""
    client.force_login(staff_user)
    url = reverse("planning:roll_forward", args=[plan_3707.pk])
    button = "Tạo dự thảo kế hoạch năm học 2025 - 2026"
    assert button in client.get(url).content.decode()
    job = _job_of(client.post(url))
    html = client.get(url).content.decode()
    assert "Bạn đã yêu cầu tạo dự thảo kế hoạch năm học 2025 - 2026: hệ thống đang tạo." in html
    assert f'href="{job.get_absolute_url()}">Xem tiến độ</a>' in html
    assert button not in html and '<form method="post" novalidate>' not in html
    colleague = UserFactory(username="chuyenvien2", role=roles.DEPARTMENT_STAFF)
    client.force_login(colleague)
    html = client.get(url).content.decode()
    assert "đang tạo dự thảo kế hoạch năm học 2025 - 2026 từ kế hoạch này." in html
    assert job.get_absolute_url() not in html and button not in html
    run_queued_tasks()
    html = client.get(url).content.decode()
    assert "hệ thống đang tạo" not in html and "Đã có kế hoạch năm học 2025 - 2026" in html


def test_a_roll_forward_that_fails_in_the_worker_shows_its_message(client, plan_3707, staff_user):
    """Between the click and the worker, the plan was carried into that year another way:
    the job fails with the domain's Vietnamese refusal and nothing more is created."""
    client.force_login(staff_user)
    job = _job_of(client.post(reverse("planning:roll_forward", args=[plan_3707.pk])))
    existing = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    ).result
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("Kế hoạch này đã được tiếp nối trong năm học 2025 - 2026")
    assert list(Directive.objects.filter(previous_year=plan_3707)) == [existing]
    page = client.get(job.get_absolute_url()).content.decode()
    assert escape(job.error_message) in page and "Không thành công" in page


def test_a_second_attempt_shows_the_existing_plan_and_creates_nothing(
    client, plan_3707, staff_user
):
    client.force_login(staff_user)
    url = reverse("planning:roll_forward", args=[plan_3707.pk])
    _job_of(client.post(url))
    run_queued_tasks()
    existing = Directive.objects.get(previous_year=plan_3707)
    response = client.post(url, follow=True)
    assert Directive.objects.filter(previous_year=plan_3707).count() == 1
    assert Job.objects.count() == 1  # the refusal is known at once: no second job
    page = client.get(url).content.decode()
    assert existing.get_absolute_url() in page and "Tạo dự thảo kế hoạch" not in page
    assert response.status_code == 200


def test_the_new_plan_names_last_years_and_is_marked_draft(client, plan_3707, staff_user):
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    page = _page(client, staff_user, record.result.get_absolute_url()).content.decode()
    assert "Kế hoạch năm học trước:" in page and plan_3707.get_absolute_url() in page
    assert "Dự thảo" in page


def test_leadership_reads_the_pages_and_cannot_change_them(
    client, plan_3707, staff_user, leadership_user
):
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    issue = record.issues.first()
    client.force_login(leadership_user)
    assert client.get(reverse("planning:issues", args=[record.result_id])).status_code == 200
    assert (
        client.post(reverse("planning:issue_settle", args=[issue.pk]), {"note": "x"}).status_code
        == 403
    )
    other = Directive.objects.get(number="10", symbol="CT-UBND")
    assert client.post(reverse("planning:roll_forward", args=[other.pk])).status_code == 403
    assert not Directive.objects.filter(previous_year=other).exists()
    issue.refresh_from_db()
    assert issue.settled_at is None


def test_a_reporting_unit_is_refused_every_planning_page(client, plan_3707, staff_user, unit_user):
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    client.force_login(unit_user)
    for url in (
        reverse("planning:roll_forward", args=[plan_3707.pk]),
        reverse("planning:issues", args=[record.result_id]),
        reverse("planning:link", args=[record.result_id]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("planning:issue_settle", args=[record.issues.first().pk])).status_code
        == 403
    )


def test_staff_mark_an_issue_settled_with_a_note(client, plan_3707, staff_user):
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    issue = record.issues.first()
    client.force_login(staff_user)
    response = client.post(
        reverse("planning:issue_settle", args=[issue.pk]),
        {"note": "Đã giao Sở chủ trì."},
        follow=True,
    )
    issue.refresh_from_db()
    assert issue.settled_by == staff_user and issue.note == "Đã giao Sở chủ trì."
    assert "Đã giao Sở chủ trì." in response.content.decode()
    assert issue.history.count() == 2
    again = client.post(
        reverse("planning:issue_settle", args=[issue.pk]), {"note": ""}, follow=True
    )
    assert "đã được xử lý" in again.content.decode()


def test_the_link_form_is_prefilled_from_matching_names_and_links_the_plans(
    client, plan_3707, staff_user, django_assert_max_num_queries
):
    new = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    ).result
    # As if read from its document: not linked yet.
    Directive.objects.filter(pk=new.pk).update(previous_year=None)
    new.indicators.update(previous=None)
    client.force_login(staff_user)
    url = reverse("planning:link", args=[new.pk])
    with django_assert_max_num_queries(25):
        response = client.get(url, {"previous": plan_3707.pk})
    form = response.context["form"]
    first = new.indicators.get(order=1)
    assert form[f"indicator_{first.pk}"].value() == plan_3707.indicators.get(order=1).pk
    data = {"previous": plan_3707.pk}
    data |= form.initial  # the proposal, as the page pre-fills it
    response = client.post(url, data)
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.previous_year == plan_3707
    assert new.indicators.filter(previous__directive=plan_3707).count() == 26


def test_an_issue_names_its_task_by_number_without_a_stray_dot(
    client, plan_3707, year_end, reform, staff_user
):
    """A task of a group the plan does not number (section IV, TỔ CHỨC THỰC HIỆN) is named
    "Nhiệm vụ 2", not "Nhiệm vụ .2"; a numbered group's task keeps "group.task"."""
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    issues = list(record.issues.filter(task__isnull=False).select_related("task__group"))
    unnumbered = [i for i in issues if not i.task.group.number and i.task.number]
    assert unnumbered, "the reform leaves a task of section IV without its lead"
    html = _page(client, staff_user, reverse("planning:issues", args=[record.result_id]))
    html = html.content.decode()
    assert "Nhiệm vụ ." not in html
    assert f"Nhiệm vụ {unnumbered[0].task.number}: " in html


def test_a_long_title_is_shortened_at_a_word_with_an_ellipsis(client, plan_3707, staff_user):
    """The preview names last year's plan by number and title; a title too long for
    that is cut between words and says so ("… TỈNH…"), never mid-word ("TỈNH L")."""
    assert len(plan_3707.title) > 80
    page = _page(client, staff_user, reverse("planning:roll_forward", args=[plan_3707.pk]))
    html = page.content.decode()
    kept = plan_3707.title[:80].rsplit(" ", 1)[0]
    assert f"3707/KH-UBND — {kept}…" in html
    assert f"{plan_3707.title[:80]}<" not in html


def test_the_list_of_issues_names_last_years_plan_by_its_number(client, plan_3707, staff_user):
    """The sentence at the top ends cleanly on the plan's number, not on a shortened
    title and a stray full stop ("TỈNH…."); the new plan's full title follows it."""
    record = roll_forward(
        directive=plan_3707, school_year=SchoolYear.objects.create(start_year=2025), by=staff_user
    )
    html = _page(client, staff_user, reverse("planning:issues", args=[record.result_id]))
    html = html.content.decode()
    assert "Dự thảo kế hoạch năm học 2025 - 2026, tạo từ 3707/KH-UBND.</p>" in html
    assert "…." not in html
