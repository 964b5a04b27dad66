"""The dashboard's PDF and workbook, made in the background (jobs.running)."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from dashboard import exports
from dashboard.choice import resolve_choice
from jobs.running import JobFailed, JobRun, job

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@job
def dashboard_export(run: JobRun, fmt: str, query: str) -> None:
    """The dashboard for the choice in ``query`` (the page's URL query), as the person
    who asked sees it, as a PDF or a workbook."""
    params = QueryDict(query)
    choice, _form = resolve_choice(params, user=run.owner)
    if choice.directive is None:
        raise JobFailed(_("The directive of this dashboard no longer exists."))
    build = exports.dashboard_pdf if fmt == "pdf" else exports.dashboard_workbook
    content = build(choice, user=run.owner, params=params, progress=run.progress)
    run.finish_file(f"{exports.file_stem(choice)}.{fmt}", content, CONTENT_TYPES[fmt])
