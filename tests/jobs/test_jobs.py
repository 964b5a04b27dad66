"""The job API end to end with the real worker (django-tasks-db's db_worker) on the
test's database: queued, running with its steps, done with a file or a page, failed with
the user's message or a generic one; only the owner sees a job; stale and old jobs."""

import datetime
import logging

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import roles
from jobs.models import Job
from jobs.pruning import prune_jobs
from jobs.running import JobRun, give_up_if_stale, start
from tests.factories import UserFactory
from tests.jobs import tasks
from tests.jobs.worker import run_worker

# The worker commits as it goes, in its own transactions: these tests do too.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner():
    return UserFactory(username="chuyenvien", role=roles.DEPARTMENT_STAFF)


def test_a_job_waits_runs_in_the_worker_and_its_file_downloads(client, owner):
    job = start(owner, tasks.write_text, "Báo cáo tổng hợp", title="Tệp thử nghiệm")
    assert job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "READY"
    client.force_login(owner)
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["status"] == "queued" and status["finished"] is False
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh"' in page and "<progress" in page

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.percent == 100 and job.step == "Đang ghi phần 2/2"
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL"
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["finished"] is True and status["download_name"] == "ghi-chu.txt"
    response = client.get(reverse("jobs:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode("utf-8") == "Báo cáo tổng hợp"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="ghi-chu.txt"' in response["Content-Disposition"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "http-equiv" not in page and reverse("jobs:job_download", args=[job.pk]) in page
    # Done, the page and the list say the file is ready, not the step it was last on.
    listing = client.get(reverse("jobs:job_list")).content.decode()
    for shown in (page, listing):
        assert "Tệp đã tạo xong." in shown and "Đang ghi phần 2/2" not in shown
    # The file is kept under the job's id, not under the name the user sees.
    assert job.result_file.name == f"jobs/{job.pk}.txt"


def test_a_job_that_ends_on_a_page_links_to_it(client, owner):
    job = start(owner, tasks.open_page, "/planning/", title="Chuyển kế hoạch")
    run_worker()
    client.force_login(owner)
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["result_url"] == "/planning/" and status["download_url"] == ""
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404
    assert 'href="/planning/"' in client.get(job.get_absolute_url()).content.decode()


def test_nobody_but_the_owner_sees_or_downloads_a_job(client, owner):
    job = start(owner, tasks.write_text, "bí mật", title="Tệp của chuyên viên")
    run_worker()
    client.force_login(UserFactory(username="nguoi-khac", role=roles.DEPARTMENT_STAFF))
    for name in ("jobs:job_detail", "jobs:job_status", "jobs:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert "Tệp của chuyên viên" not in client.get(reverse("jobs:job_list")).content.decode()


def test_an_expected_failure_shows_its_vietnamese_message(client, owner):
    job = start(owner, tasks.refuse, "Kỳ báo cáo không còn tồn tại.", title="Tổng hợp")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message == "Kỳ báo cáo không còn tồn tại."
    client.force_login(owner)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Kỳ báo cáo không còn tồn tại." in page and "Không thành công" in page
    assert client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404


def test_an_unexpected_error_fails_with_a_generic_message_and_a_logged_traceback(
    client, owner, caplog
):
    job = start(owner, tasks.crash, title="Tổng hợp")
    with caplog.at_level(logging.ERROR, logger="jobs"):
        run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert str(job.pk) in job.error_message
    assert job.error_message.startswith("Công việc không hoàn thành được do lỗi của hệ thống")
    assert "no such key" not in job.error_message  # the user sees no Python
    (record,) = [r for r in caplog.records if r.name == "jobs"]
    assert str(job.pk) in record.getMessage() and record.exc_info[0] is KeyError
    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"


def test_a_task_that_returns_without_a_result_fails(owner):
    job = start(owner, tasks.forget_to_finish, title="Tổng hợp")
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and str(job.pk) in job.error_message


def test_a_job_started_in_a_transaction_that_rolls_back_leaves_nothing(owner):
    with pytest.raises(RuntimeError), transaction.atomic():
        start(owner, tasks.write_text, "x", title="Tổng hợp")
        raise RuntimeError
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_a_running_job_silent_too_long_is_shown_failed_and_its_task_stops(client, owner, settings):
    settings.JOBS_STALE_AFTER = 600
    job = start(owner, tasks.write_text, "x", title="Tổng hợp")
    long_ago = timezone.now() - datetime.timedelta(minutes=11)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )
    client.force_login(owner)
    status = client.get(reverse("jobs:job_status", args=[job.pk])).json()
    assert status["status"] == "failed" and status["finished"] is True
    assert "10 phút" in status["error"]
    # Had its worker been alive after all, its next step stops it: no resurrection.
    run = JobRun(Job.objects.get(pk=job.pk))
    with pytest.raises(Exception, match=str(job.pk)):
        run.progress("Đang ghi", 50)
    assert Job.objects.get(pk=job.pk).status == Job.Status.FAILED
    # A job that reported a step recently is left alone.
    fresh = start(owner, tasks.write_text, "x", title="Tổng hợp")
    Job.objects.filter(pk=fresh.pk).update(
        status=Job.Status.RUNNING, heartbeat_at=timezone.now() - datetime.timedelta(minutes=9)
    )
    assert give_up_if_stale(Job.objects.get(pk=fresh.pk)).status == Job.Status.RUNNING


def test_old_finished_jobs_and_their_files_are_pruned(owner, settings):
    settings.JOBS_KEEP_DAYS = 7
    old = start(owner, tasks.write_text, "cũ", title="Cũ")
    recent = start(owner, tasks.write_text, "mới", title="Mới")
    run_worker()
    waiting = start(owner, tasks.write_text, "chờ", title="Đang chờ")
    old.refresh_from_db()
    storage, name = old.result_file.storage, old.result_file.name
    assert storage.exists(name)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))
    assert prune_jobs() == 1
    assert not storage.exists(name)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(id=old.task_result_id).exists()


def test_the_header_links_to_the_jobs_with_the_number_not_finished(client, owner):
    client.force_login(owner)
    start(owner, tasks.write_text, "x", title="Một")
    start(owner, tasks.write_text, "y", title="Hai")
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "Tệp đang tạo / đã tạo" in page
    assert '2 chưa xong">2</span>' in page
    run_worker()
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "chưa xong" not in page
    assert page.index("Hai") < page.index("Một")  # newest first


def test_the_header_counts_the_jobs_in_english_too(client, owner):
    client.force_login(owner)
    client.post("/i18n/setlang/", {"language": "en", "next": "/jobs/"})
    start(owner, tasks.write_text, "x", title="One")
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "Files being made / made" in page and '1 not finished">1</span>' in page
