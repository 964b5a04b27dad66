"""Sắp xếp đơn vị: the pages that record, preview and apply a reorganisation of the agency
tree. Staff and administrators change; leadership reads; reporting units are refused."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.audit import person_name
from directives import permissions, tasks
from directives.reorganisation_forms import ReorganisationForm
from directives.reorganisation_workbook import dataset_from_upload, read_workbook
from directives.reorganising import apply_reorganisation, record_reorganisation
from directives.selectors import reorganisation_with_lines, reorganisations_listed
from jobs import running as jobs

PAGE_SIZE = 25


def _day(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _check_reorganiser(request):
    if not permissions.can_reorganise(request.user):
        raise PermissionDenied


def reorganisation_list(request):
    """Every reorganisation, newest first: its date, basis, and whether it was applied."""
    if not permissions.can_read_reorganisations(request.user):
        raise PermissionDenied
    page = Paginator(reorganisations_listed(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directives/reorganisation_list.html",
        {"page": page, "can_reorganise": permissions.can_reorganise(request.user)},
    )


def reorganisation_create(request):
    """Record a reorganisation from a workbook of the new units (read in a dry run first)
    or from one change of existing agencies; nothing is applied yet."""
    _check_reorganiser(request)
    form = ReorganisationForm(request.POST or None, request.FILES or None)
    reading = None
    if request.method == "POST" and form.is_valid():
        lines, reading = _lines_of(form)
        if lines is not None:
            cleaned = form.cleaned_data
            try:
                reorganisation = record_reorganisation(
                    effective_on=cleaned["effective_on"],
                    basis=cleaned["basis"],
                    note=cleaned["note"],
                    lines=lines,
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The reorganisation was recorded. Check what it will do, then apply it."),
                )
                return redirect("directives:reorganisation_preview", pk=reorganisation.pk)
    return render(
        request, "directives/reorganisation_create.html", {"form": form, "reading": reading}
    )


def _lines_of(form: ReorganisationForm):
    """The changes the form asks for and the workbook's reading, if one was uploaded;
    no changes (None) when the workbook cannot be read or has errors, put on the form."""
    upload = form.cleaned_data["workbook"]
    if not upload:
        return [form.line()], None
    try:
        dataset = dataset_from_upload(upload)
    except ValidationError as exc:
        form.add_error("workbook", exc)
        return None, None
    reading = read_workbook(dataset=dataset, effective_on=form.cleaned_data["effective_on"])
    if reading.errors:
        form.add_error(
            "workbook", _("The workbook has errors (listed below): nothing was recorded.")
        )
        return None, reading
    return reading.lines, reading


def reorganisation_preview(request, pk):
    """What applying the reorganisation would do, computed by applying it and rolling back;
    while it is being applied, the job instead of the button."""
    _check_reorganiser(request)
    reorganisation = reorganisation_with_lines(pk=pk)
    if reorganisation.applied_at is not None:
        return redirect("directives:reorganisation_detail", pk=pk)
    summary, errors = None, []
    # Back on the page while it is being applied: its job, not a second button (nor a
    # trial run that would wait for the real one's locks).
    running = jobs.active_job(tasks.reorganisation_apply, reorganisation.pk)
    if running is None:
        try:
            summary = apply_reorganisation(
                reorganisation=reorganisation, by=request.user, dry_run=True
            )
        except ValidationError as exc:
            errors = exc.messages
    return render(
        request,
        "directives/reorganisation_preview.html",
        {
            "reorganisation": reorganisation,
            "summary": summary,
            "errors": errors,
            "running": running,
            "running_is_mine": running is not None and running.owner_id == request.user.pk,
            "running_person": person_name(running.owner) if running is not None else "",
        },
    )


@require_POST
def reorganisation_apply(request, pk):
    """Apply the reorganisation in the background (directives.tasks), in one transaction,
    and follow its progress; it ends on the reorganisation's page. Refused at once when
    it was applied already; a second click while the job waits or runs shows that job."""
    _check_reorganiser(request)
    reorganisation = reorganisation_with_lines(pk=pk)
    if reorganisation.applied_at is not None:
        messages.error(
            request,
            _("This reorganisation was already applied on %(date)s.")
            % {"date": _day(timezone.localdate(reorganisation.applied_at))},
        )
        return redirect("directives:reorganisation_detail", pk=pk)
    running = jobs.active_job(tasks.reorganisation_apply, reorganisation.pk)
    if running is not None and running.owner_id == request.user.pk:
        return redirect(running)
    if running is not None:
        messages.info(
            request,
            _("%(person)s is already applying this reorganisation.")
            % {"person": person_name(running.owner)},
        )
        return redirect("directives:reorganisation_preview", pk=pk)
    job = jobs.start(
        request.user,
        tasks.reorganisation_apply,
        reorganisation.pk,
        title=_("Applying the reorganisation of %(date)s (%(basis)s)")
        % {
            "date": _day(reorganisation.effective_on),
            "basis": reorganisation.basis,
        },
    )
    return redirect(job)


def reorganisation_detail(request, pk):
    """A reorganisation's changes, before → after, and who applied it and when."""
    if not permissions.can_read_reorganisations(request.user):
        raise PermissionDenied
    if (clean := jobs.announce_finished(request)) is not None:
        return redirect(clean)  # the job that applied it ended here: its message, once
    reorganisation = reorganisation_with_lines(pk=pk)
    return render(
        request,
        "directives/reorganisation_detail.html",
        {
            "reorganisation": reorganisation,
            "can_apply": reorganisation.applied_at is None
            and permissions.can_reorganise(request.user),
        },
    )
