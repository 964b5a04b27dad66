"""Reading an uploaded template into a preview, and applying it: the file is checked,
matched to the report (its unit, period, version and state) and read cell by cell before
``apply_upload`` saves it through ``workflow.save_report``."""

from django.utils.translation import gettext as _

from directives.models import Agency
from reports import workflow
from reports.fill_in.layout import (
    INDICATOR_SHEET,
    META_SHEET,
    TASK_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
)
from reports.fill_in.package_check import check_package, open_workbook, read_bytes
from reports.fill_in.preview import FillInError, FillInPreview, Problem
from reports.fill_in.reading import read_groups, read_tasks, read_values
from reports.models import ProgressReport


def _meta(workbook) -> dict[str, str]:
    if META_SHEET not in workbook.sheetnames or not {TASK_SHEET, INDICATOR_SHEET} <= set(
        workbook.sheetnames
    ):
        raise FillInError(
            _(
                "This workbook is not a report template of this application. Download the "
                "template from the report page and fill that one."
            )
        )
    sheet = workbook[META_SHEET]
    meta = {}
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet program may store 2 as 2.0
        if key is not None:
            meta[str(key)] = "" if value is None else str(value)
    return meta


def _identity_problems(meta: dict[str, str], report: ProgressReport) -> list[Problem]:
    """A template of another format, unit, period or report is refused outright."""

    def problem(message):
        return Problem("", None, "", message)

    if meta.get("kind") != TEMPLATE_KIND or meta.get("template_version") != str(TEMPLATE_VERSION):
        return [
            problem(
                _(
                    "This template is of another version (%(found)s; the current one is "
                    "%(expected)s). Download a new template and copy your entries into it."
                )
                % {"found": meta.get("template_version") or "?", "expected": TEMPLATE_VERSION}
            )
        ]
    problems = []
    if meta.get("agency") != report.agency.code:
        other = Agency.objects.filter(code=meta.get("agency")).first()
        problems.append(
            problem(
                _("This template is for %(unit)s, not for %(expected)s.")
                % {"unit": other.name if other else meta.get("agency"), "expected": report.agency}
            )
        )
    if meta.get("period") != str(report.period_id):
        problems.append(
            problem(
                _(
                    "This template is for another reporting period, not for “%(period)s”. "
                    "Download the template of this period."
                )
                % {"period": report.period.name}
            )
        )
    if not problems and meta.get("report") != str(report.pk):
        problems.append(
            problem(_("This template belongs to another report; download this report's one."))
        )
    return problems


def _state_problems(meta: dict[str, str], report: ProgressReport) -> list[Problem]:
    """The report must still be open, and unchanged since the template was downloaded."""
    if report.status == ProgressReport.Status.APPROVED:
        message = _("This report has been approved and is locked; it cannot be changed.")
    elif report.status not in workflow.EDITABLE:
        message = _("This report has been submitted and can no longer be changed.")
    elif workflow.is_locked(report):
        message = _(
            "The period was locked on %(day)s; ask the department to reopen the report."
        ) % {"day": report.period.locks_on.strftime("%d/%m/%Y")}
    elif meta.get("report_version") != str(report.version):
        message = _(
            "The report was changed after this template was downloaded. Download a new "
            "template and copy your entries into it, so that nothing saved is overwritten."
        )
    else:
        return []
    return [Problem("", None, "", message)]


def read_upload(file, *, report: ProgressReport) -> FillInPreview:
    """Check an uploaded template and read it against the report: what would change and
    what is wrong, cell by cell. Nothing is saved. Raises FillInError for a file that is
    not an honest .xlsx or not a template of this application."""
    data = read_bytes(file)
    check_package(data)
    workbook = open_workbook(data)
    meta = _meta(workbook)
    try:
        version = int(meta.get("report_version", ""))
    except ValueError:
        version = 0
    preview = FillInPreview(
        problems=_identity_problems(meta, report),
        changes=[],
        data=workflow.ReportInput(),
        version=version,
        report_id=report.pk,
    )
    if preview.problems:
        return preview  # another unit's or period's cells mean nothing for this report
    preview.problems += _state_problems(meta, report)
    preview.data.answers = read_tasks(
        workbook[TASK_SHEET], report, preview.problems, preview.changes
    )
    preview.data.groups = read_groups(
        workbook[TASK_SHEET], report, preview.problems, preview.changes
    )
    preview.data.values = read_values(
        workbook[INDICATOR_SHEET], report, preview.problems, preview.changes
    )
    return preview


def apply_upload(preview: FillInPreview, *, report: ProgressReport, by) -> ProgressReport:
    """Save a previewed upload through the workflow, as the browser form does.

    Raises FillInError when the preview has problems or was read for another report;
    PermissionDenied, TransitionNotAllowed (approved, submitted or locked report) and
    StaleReport (changed since the template was downloaded) from ``save_report``.
    """
    if preview.problems:
        raise FillInError(
            " ".join(
                [_("The file has problems: fix them and upload it again.")]
                + [str(problem) for problem in preview.problems[:3]]
            )
        )
    if preview.report_id not in (None, report.pk):
        raise FillInError(_("This template belongs to another report; download this report's one."))
    return workflow.save_report(
        report=report, data=preview.data, expected_version=preview.version, by=by
    )
