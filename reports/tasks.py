"""A period's large exports, made in the background (jobs.running): the province
synthesis PDF and the period's workbook hold every unit and take seconds to minutes."""

from django.utils.translation import gettext as _

from jobs.running import JobFailed, JobRun, job
from reports import permissions
from reports.exports import PDF, XLSX, pdf, period_file_name, xlsx
from reports.models import ReportingPeriod
from reports.selectors import periods_visible_to


@job
def period_export(run: JobRun, period_id: int, fmt: str) -> None:
    """The file the period's export button asks for, as the person who asked may see it."""
    if not ReportingPeriod.objects.filter(pk=period_id).exists():
        raise JobFailed(_("The reporting period was deleted before its file could be made."))
    period = periods_visible_to(run.owner).select_related("directive").filter(pk=period_id).first()
    if period is None or not permissions.sees_everything(run.owner):
        raise JobFailed(_("You may no longer export this reporting period."))
    name = period_file_name(period, fmt)
    if fmt == "pdf":
        run.finish_file(name, pdf.synthesis_pdf(period, progress=run.progress), PDF)
    else:
        content = xlsx.directive_workbook(period.directive, period=period, progress=run.progress)
        run.finish_file(name, content, XLSX)
