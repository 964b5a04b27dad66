"""Uploading a document on the import page, as staff do: a background job reads it, run
by the worker's own code (tests.jobs.worker), and ends on the review page."""

from django.urls import resolve, reverse

from jobs.models import Job
from tests.jobs.worker import run_queued_tasks


def job_of(response) -> Job:
    """The job a button started: its POST goes to the job's progress page."""
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "job_detail", response["Location"]
    return Job.objects.get(pk=match.kwargs["pk"])


def read_in_background(client, upload):
    """(the job, the page it ends on): the review when the file was read, else the job's
    own page with its message."""
    job = job_of(client.post(reverse("directives:directive_import"), {"file": upload}))
    assert job.status == Job.Status.QUEUED
    run_queued_tasks()
    job.refresh_from_db()
    if job.status == Job.Status.DONE:
        assert job.result_url == reverse("directives:directive_import_review", args=[job.pk])
        return job, client.get(job.result_url)
    return job, client.get(job.get_absolute_url())
