from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from directives.assigning import tasks_without_lead
from directives.models import Directive
from jobs import running as jobs
from reports import fill_in, permissions, tasks, workflow
from reports.exports import PDF, XLSX, pdf, xlsx
from reports.exports import file_stem as _file_stem
from reports.fill_in import pending
from reports.forms import (
    PeriodForm,
    PeriodSettingsForm,
    ProvinceValueForm,
    ReasonForm,
    ReportForm,
    UploadForm,
)
from reports.history import period_history, report_history
from reports.models import Evidence
from reports.selectors import (
    completeness_board,
    periods_visible_to,
    report_page,
    reports_owed_by,
    reports_to_review,
    reports_visible_to,
    rollup_visible_to,
)


def _visible_report(request, pk):
    return get_object_or_404(reports_visible_to(request.user), pk=pk)


def _visible_period(request, pk):
    return get_object_or_404(periods_visible_to(request.user), pk=pk)


TO_REVIEW_SHOWN = 20


def home(request):
    """What the signed-in user has to do: the reports they owe for their agency, the
    reports waiting for their review and the periods. A Sở staff member holding both
    capabilities sees both."""
    user = request.user
    sees_everything = permissions.sees_everything(user)
    context = {"sees_everything": sees_everything}
    reporting = permissions.reporting_agency_ids(user)
    if reporting or not sees_everything:
        context["owed"] = reports_owed_by(user)
    if permissions.is_reviewer(user):
        waiting = reports_to_review(user)
        context["to_review"] = waiting[:TO_REVIEW_SHOWN]
        context["to_review_count"] = waiting.count()
    if sees_everything:
        context["periods"] = periods_visible_to(user).order_by("-due_on")[:20]
    return render(request, "reports/home.html", context)


def period_list(request):
    return render(
        request,
        "reports/period_list.html",
        {
            "periods": periods_visible_to(request.user).order_by("-due_on"),
            "directives": Directive.objects.order_by("-issued_on"),
            "can_open": permissions.can_open_period(request.user),
        },
    )


def period_create(request):
    """Open a reporting period for a directive (department staff)."""
    if not permissions.can_open_period(request.user):
        raise PermissionDenied
    directive = get_object_or_404(Directive, pk=request.GET.get("directive") or 0)
    # Showing or hiding closed agencies posts the form back and shows it again as typed,
    # opening nothing: a link would lose what staff have typed.
    toggled = request.POST.get("show_closed")
    show_closed = (
        toggled == "1"
        if toggled in ("0", "1")
        else request.GET.get("closed") == "1" or request.POST.get("closed_shown") == "1"
    )
    form = PeriodForm(
        request.POST or None,
        directive=directive,
        show_closed=show_closed,
        redisplay=toggled is not None,
        initial={"school_year": directive.school_year},
    )
    if request.method == "POST" and toggled is None and form.is_valid():
        data = form.cleaned_data
        try:
            period = workflow.open_period(directive=directive, by=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The period is open: %(count)s units must report.")
                % {"count": period.reports.count()},
            )
            return redirect(period)
    return render(
        request,
        "reports/period_create.html",
        {
            "form": form,
            "directive": directive,
            "show_closed": show_closed,
            # Nobody reports on a task that no agency leads: say so before the period opens.
            "tasks_without_lead": list(tasks_without_lead(directive)),
        },
    )


HISTORY_PER_PAGE = 15


def period_detail(request, pk):
    """The completeness board: every unit, its status, on time or late; and the period's
    history (its dates moved, and why)."""
    period = _visible_period(request, pk)
    board = completeness_board(period)
    if not permissions.sees_everything(request.user):
        own = permissions.unit_agency_ids(request.user)
        board.rows = [row for row in board.rows if row.report.agency_id in own]
    return render(
        request,
        "reports/period_detail.html",
        {
            "period": period,
            "board": board,
            "sees_everything": permissions.sees_everything(request.user),
            "can_change_period": permissions.can_open_period(request.user),
            "history": Paginator(period_history(period), HISTORY_PER_PAGE).get_page(
                request.GET.get("history_page")
            ),
        },
    )


def period_settings(request, pk):
    """Staff change an open period's due and lock dates (with the reason, kept in its
    history) and its reminders: every N days, escalated after M days overdue."""
    period = _visible_period(request, pk)
    if not permissions.can_open_period(request.user):
        raise PermissionDenied
    form = PeriodSettingsForm(request.POST or None, period=period)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.change_period_settings(period=period, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The period's dates and reminders are saved."))
            return redirect(period)
    return render(request, "reports/period_settings.html", {"period": period, "form": form})


def period_rollup(request, pk):
    """The province value of every indicator for the period."""
    period = _visible_period(request, pk)
    can_enter = permissions.can_enter_province_values(request.user)
    form = None
    if request.method == "POST":
        if not can_enter:
            raise PermissionDenied
        form = ProvinceValueForm(request.POST, indicators=period.directive.indicators.all())
        if form.is_valid():
            indicator = get_object_or_404(
                period.directive.indicators, pk=form.cleaned_data["indicator"]
            )
            try:
                workflow.set_province_value(
                    period=period,
                    indicator=indicator,
                    value=form.cleaned_data["value"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except (ValidationError, workflow.TransitionNotAllowed) as exc:
                messages.error(request, _error_text(exc))
            else:
                messages.success(request, _("Province value saved."))
                return redirect("reports:period_rollup", pk=period.pk)
        else:
            messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return render(
        request,
        "reports/period_rollup.html",
        {
            "period": period,
            "rows": rollup_visible_to(request.user, period),
            "can_enter": can_enter,
            "sees_every_unit": permissions.sees_everything(request.user),
        },
    )


def report_detail(request, pk):
    """A report as submitted, with its history, evidence and the review actions."""
    report = _visible_report(request, pk)
    user = request.user
    submitted = report.status == "submitted"
    return render(
        request,
        "reports/report_detail.html",
        {
            "page": report_page(report),
            "report": report,
            "history": Paginator(report_history(report), HISTORY_PER_PAGE).get_page(
                request.GET.get("history_page")
            ),
            "can_edit": workflow.can_be_edited_by(report, user),
            "can_review": submitted and permissions.can_review(user, report),
            # A reviewer who may not review this one reads why instead of the buttons.
            "review_refusal": (
                permissions.review_refusal(user, report)
                if submitted and permissions.is_reviewer(user)
                else None
            ),
            "can_reopen": permissions.can_reopen(user, report)
            and report.status != "submitted"
            and workflow.is_locked(report),
            "reason_form": ReasonForm(),
        },
    )


STALE_FORM = _lazy(
    "Someone else saved this report at %(time)s, after you opened it. Nothing of yours was "
    "saved: your text is still below. Open the report again in a new tab, compare, and copy "
    "what you need."
)


def _edit_page(request, report, page, form):
    return render(
        request,
        "reports/report_edit.html",
        {
            "page": page,
            "report": report,
            "form": form,
            "upload_form": UploadForm(),
            "download_template": request.GET.get("download") == "template",
        },
    )


class Saved(NamedTuple):
    draft: bool  # what was typed was saved (it differed, or the button was "Save")
    all_files: bool  # every file chosen was attached


def _save_typed(request, report, form, *, always: bool, submitting=False) -> Saved | None:
    """Save what was typed in the report form (always, or only when it differs from what is
    saved), then attach the files chosen in it. None when nothing could be saved: the form
    then carries the errors and everything typed."""
    draft = form.is_valid() and (always or form.has_typed_changes())
    if draft:
        try:
            workflow.save_report(
                report=report,
                data=form.to_input(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except workflow.StaleReport as exc:
            when = date_format(timezone.localtime(exc.report.updated_at), "H:i d/m/Y")
            form.add_error(None, STALE_FORM % {"time": when})
        except ValidationError as exc:
            _add_errors(form, exc)
        except workflow.TransitionNotAllowed as exc:
            form.add_error(None, str(exc))
    if form.errors:
        if any(name.startswith("evidence") for name in form.files):
            form.add_error(None, _("No file was attached: correct the form, then choose it again."))
        return None
    if draft and not submitting:
        messages.success(request, _("Draft saved."))
    tasks = {row.task.pk: row.task for row in form.page.task_rows}
    all_files = True
    for task_id, upload in form.chosen_evidence():
        try:
            workflow.attach_evidence(
                report=report, upload=upload, task=tasks.get(task_id), by=request.user
            )
        except (ValidationError, workflow.TransitionNotAllowed) as exc:
            all_files = False
            messages.error(
                request,
                _("%(name)s was not attached: %(reason)s")
                % {"name": upload.name, "reason": _error_text(exc)},
            )
        else:
            messages.success(request, _("File attached: %(name)s.") % {"name": upload.name})
    return Saved(draft, all_files)


def _keep_typed(request, report):
    """A button that posts the report form to another page saves what was typed first;
    returns the form page again when that fails, else None."""
    if "version" not in request.POST:
        return None  # the file alone, not sent from the report form
    page = report_page(report)
    form = ReportForm(request.POST, request.FILES, page=page)
    if _save_typed(request, report, form, always=False) is None:
        return _edit_page(request, report, page, form)
    return None


def report_edit(request, pk):
    """The unit fills its report: save a draft as often as it likes, then submit. Every
    button saves what was typed and attaches the files chosen before anything else."""
    report = _visible_report(request, pk)
    if not workflow.can_be_edited_by(report, request.user):
        raise PermissionDenied
    page = report_page(report)
    form = ReportForm(request.POST or None, request.FILES or None, page=page)
    if request.method != "POST":
        return _edit_page(request, report, page, form)
    action = next((a for a in ("submit", "attach", "template") if a in request.POST), "save")
    submitting = action == "submit"
    saved = _save_typed(
        request, report, form, always=action in ("save", "submit"), submitting=submitting
    )
    if saved is None:
        return _edit_page(request, report, page, form)
    if submitting and saved.all_files:
        return _submit(request, report)
    if submitting:
        messages.error(request, _("The report was saved but not submitted: a file was refused."))
    if action == "attach" and not form.chosen_evidence():
        messages.error(request, _("Choose a file to attach."))
    if "file" in request.FILES:
        messages.warning(
            request,
            _("The chosen workbook was not checked: choose it again and press “Upload and check”."),
        )
    url = reverse("reports:report_edit", args=[report.pk])
    return redirect(f"{url}?download=template" if action == "template" else url)


def _submit(request, report):
    try:
        workflow.submit_report(report=report, by=request.user)
    except workflow.IncompleteReport as exc:
        messages.error(request, _("The report was saved but not submitted. Still missing:"))
        for item in exc.missing:
            messages.warning(request, item)
        return redirect("reports:report_edit", pk=report.pk)
    messages.success(request, _("The report has been submitted to the department."))
    return redirect(report)


@require_POST
def report_submit(request, pk):
    report = _visible_report(request, pk)
    try:
        return _submit(request, report)
    except workflow.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect(report)


def _review_refused(request, report) -> bool:
    """Whether the review must stop here: a reviewer refused this report (their own
    agency's, or one they submitted) reads why on the report page; anyone who reviews
    nothing is refused the page."""
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    if refusal := permissions.review_refusal(request.user, report):
        messages.error(request, refusal)
        return True
    return False


@require_POST
def report_return(request, pk):
    report = _visible_report(request, pk)
    if _review_refused(request, report):
        return redirect(report)
    form = ReasonForm(request.POST)
    try:
        workflow.return_report(
            report=report,
            reason=form.data.get("reason", ""),
            by=request.user,
        )
    except (ValidationError, PermissionDenied, workflow.TransitionNotAllowed) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The report was returned to the unit."))
    return redirect(report)


@require_POST
def report_approve(request, pk):
    report = _visible_report(request, pk)
    if _review_refused(request, report):
        return redirect(report)
    try:
        workflow.approve_report(report=report, by=request.user)
    except (PermissionDenied, workflow.TransitionNotAllowed) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The report was approved."))
    return redirect(report)


@require_POST
def report_reopen(request, pk):
    report = _visible_report(request, pk)
    try:
        workflow.reopen_report(
            report=report, reason=request.POST.get("reason", ""), by=request.user
        )
    except (ValidationError, workflow.TransitionNotAllowed) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The report was reopened for the unit."))
    return redirect(report)


@require_POST
def evidence_remove(request, pk):
    """Remove an evidence file from a report being filled, after saving what was typed."""
    evidence = get_object_or_404(Evidence, pk=pk)
    report = _visible_report(request, evidence.report_id)
    if not workflow.can_be_edited_by(report, request.user):
        raise PermissionDenied
    if (form_page := _keep_typed(request, report)) is not None:
        return form_page
    try:
        workflow.remove_evidence(evidence=evidence, by=request.user)
    except workflow.TransitionNotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("File removed: %(name)s.") % {"name": evidence.original_name})
    return redirect("reports:report_edit", pk=report.pk)


def evidence_download(request, pk):
    """Evidence is served only to users who may see its report."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if not permissions.can_view_report(request.user, evidence.report):
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# --- exports and the Excel fill-in template ----------------------------------------


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def directive_export(request, pk, fmt):
    """The directive as an official PDF or as a workbook of its appendix."""
    directive = get_object_or_404(Directive, pk=pk)
    stem = _file_stem(directive.get_doc_type_display(), directive.number, directive.symbol)
    if fmt == "pdf":
        return _download(pdf.directive_pdf(directive), PDF, f"{stem}.pdf")
    return _download(xlsx.directive_workbook(directive), XLSX, f"{stem}.xlsx")


PERIOD_EXPORT_TITLES = {
    "pdf": _lazy("Synthesis report (PDF), %(period)s, %(directive)s"),
    "xlsx": _lazy("Workbook (Excel), %(period)s, %(directive)s"),
}


@require_POST
def period_export(request, pk, fmt):
    """Starts the province synthesis for a period (PDF) or the period's workbook (Excel)
    in the background and shows its progress: with every unit, it takes a while."""
    period = _visible_period(request, pk)
    if not permissions.sees_everything(request.user):
        raise PermissionDenied  # it holds every unit's figures
    title = PERIOD_EXPORT_TITLES[fmt] % {
        "period": period.name,
        "directive": period.directive.reference,
    }
    job = jobs.start(request.user, tasks.period_export, period.pk, fmt, title=title)
    return redirect(job)


def report_export(request, pk, fmt):
    """One unit's report for a period, as PDF or Excel."""
    report = _visible_report(request, pk)
    stem = _file_stem("bao-cao", report.agency.short_name or report.agency.name, report.period.name)
    if fmt == "pdf":
        return _download(pdf.report_pdf(report), PDF, f"{stem}.pdf")
    return _download(xlsx.report_workbook(report), XLSX, f"{stem}.xlsx")


def report_template(request, pk):
    """The Excel fill-in template of a report, pre-filled, for working offline."""
    report = _visible_report(request, pk)
    if not (
        workflow.can_be_edited_by(report, request.user) or permissions.is_staff_member(request.user)
    ):
        raise PermissionDenied
    stem = _file_stem(
        "mau-nhap", report.agency.short_name or report.agency.name, report.period.name
    )
    return _download(fill_in.build_template(report), XLSX, f"{stem}.xlsx")


def report_upload(request, pk):
    """Upload a filled template: nothing is saved, the page shows every change and problem."""
    report = _visible_report(request, pk)
    if not workflow.can_be_edited_by(report, request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("reports:report_edit", pk=report.pk)
    if (form_page := _keep_typed(request, report)) is not None:
        return form_page
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the filled-in workbook to upload."))
        return redirect("reports:report_edit", pk=report.pk)
    upload = form.cleaned_data["file"]
    try:
        preview = fill_in.read_upload(upload, report=report)
    except fill_in.FillInError as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_edit", pk=report.pk)
    token = ""
    if not preview.problems:
        token = pending.hold(request.session, upload, report_id=report.pk)
    return render(
        request,
        "reports/report_upload.html",
        {"report": report, "preview": preview, "token": token},
    )


@require_POST
def report_upload_apply(request, pk):
    """Apply a previewed upload: the same rules, transaction and history as the form."""
    report = _visible_report(request, pk)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    name = pending.take(request.session, request.POST.get("token", ""), report_id=report.pk)
    if name is None:
        messages.error(request, _("This upload has expired; upload the workbook again."))
        return redirect("reports:report_edit", pk=report.pk)
    try:
        with default_storage.open(name, "rb") as stored:
            preview = fill_in.read_upload(stored, report=report)
            fill_in.apply_upload(preview, report=report, by=request.user)
    except (fill_in.FillInError, ValidationError, workflow.TransitionNotAllowed) as exc:
        messages.error(request, _error_text(exc))
    except workflow.StaleReport:
        messages.error(
            request,
            _("The report changed after the workbook was downloaded; download it again."),
        )
    else:
        messages.success(request, _("The workbook's answers and values were saved."))
    finally:
        pending.discard(name)
    return redirect("reports:report_edit", pk=report.pk)


@require_POST
def report_upload_cancel(request, pk):
    """Drop a previewed upload: nothing is saved and the stored workbook is removed."""
    report = _visible_report(request, pk)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    name = pending.take(request.session, request.POST.get("token", ""), report_id=report.pk)
    if name is not None:
        pending.discard(name)
    messages.success(request, _("The upload was cancelled; nothing was saved."))
    return redirect("reports:report_edit", pk=report.pk)
