from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobs.running import give_up_if_stale, jobs_of

JOBS_SHOWN = 50


def _own_job(request, pk):
    """The signed-in user's job, or 404: another user's job is not theirs to know of."""
    return give_up_if_stale(get_object_or_404(jobs_of(request.user), pk=pk))


@require_GET
def job_list(request):
    """ "Tệp đang tạo / đã tạo": the user's jobs, newest first."""
    jobs = [give_up_if_stale(job) for job in jobs_of(request.user)[:JOBS_SHOWN]]
    return render(
        request, "jobs/job_list.html", {"jobs": jobs, "keep_days": settings.JOBS_KEEP_DAYS}
    )


@require_GET
def job_detail(request, pk):
    """One job's progress: a bar and the step it is on, then its file or its page."""
    return render(request, "jobs/job_detail.html", {"job": _own_job(request, pk)})


def _time(moment):
    return date_format(localtime(moment), "d/m/Y H:i:s") if moment else ""


@never_cache
@require_GET
def job_status(request, pk):
    """The progress page's status, as JSON, for its script to poll."""
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "step": job.shown_step,
            "percent": job.percent,
            "finished": job.finished,
            "download_url": (
                request.build_absolute_uri(job.get_absolute_url() + "download")
                if job.has_file
                else ""
            ),
            "download_name": job.result_name if job.has_file else "",
            "result_url": job.result_url if job.status == job.Status.DONE else "",
            "error": job.error_message if job.status == job.Status.FAILED else "",
            "finished_at": _time(job.finished_at),
        }
    )


@require_GET
def job_download(request, pk):
    """The job's file, to its owner only, from private storage."""
    job = _own_job(request, pk)
    if not job.has_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type,
    )
