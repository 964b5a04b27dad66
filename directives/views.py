import datetime
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from directives import assigning, history, permissions, proposals, tasks
from directives.agency_matching import resolve_agencies
from directives.documents import (
    IMAGE_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    DocumentError,
    document_from_upload,
)
from directives.forms import (
    AccountingFilterForm,
    AgencyChoiceForm,
    AssignForm,
    DirectiveFilterForm,
    DirectiveReviewForm,
    DocumentSourceForm,
    DueDateForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
)
from directives.importing import import_directive
from directives.models import (
    Agency,
    Assignment,
    DeadlineExtension,
    Directive,
    ImportedDocument,
    Section,
    Task,
    TaskGroup,
)
from directives.parsing import ParseError, parse_text
from directives.selectors import (
    AssignmentPlan,
    assignments_of_agencies,
    extension_requests,
    proposal_outline,
    search_directives,
)
from directives.selectors import directive_assignments as select_directive_assignments
from directives.selectors import directive_detail as select_directive_detail
from directives.task_state import Category, decide_extension, request_extension
from directives.task_state import directive_accounting as count_directive_tasks
from jobs import running as jobs
from jobs.models import Job

Decision = DeadlineExtension.Decision
PAGE_SIZE = 25
HISTORY_PER_PAGE = 15


def directive_list(request):
    """Directives, filtered by school year, type and issuer, and searched by words."""
    form = DirectiveFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    directives = search_directives(
        school_year=filters.get("school_year"),
        doc_type=filters.get("doc_type", ""),
        issuer=filters.get("issuer"),
        query=filters.get("query", ""),
    )
    page = Paginator(directives, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "directives/directive_list.html",
        {
            "form": form,
            "page": page,
            "querystring": querystring.urlencode(),
            "can_read_reorganisations": permissions.can_read_reorganisations(request.user),
        },
    )


def directive_detail(request, pk):
    """A directive as structured data: header, task groups and tasks, appendix."""
    detail = select_directive_detail(pk=pk, assignment_rows=True)
    return render(
        request,
        "directives/directive_detail.html",
        {
            "detail": detail,
            "directive": detail.directive,
            "can_read_history": permissions.can_read_history(request.user),
            "can_read_assignments": permissions.can_read_assignments(request.user),
            # Rolling a plan into the next school year is planned by the same staff.
            "can_plan": permissions.can_assign(request.user),
            "can_set_targets": permissions.can_assign(request.user),
        },
    )


def directive_history(request, pk):
    """Who changed the directive, its structure and its appendix, when, and what: staff
    and leadership."""
    if not permissions.can_read_history(request.user):
        raise PermissionDenied
    directive = get_object_or_404(Directive, pk=pk)
    events = history.directive_history(directive)
    return render(
        request,
        "directives/directive_history.html",
        {
            "directive": directive,
            "history": Paginator(events, HISTORY_PER_PAGE).get_page(
                request.GET.get("history_page")
            ),
        },
    )


def directive_assignments(request, pk):
    """Phân công: every section, group and task with its assignees, and the tasks no agency
    leads; staff and administrators change it, leadership reads it."""
    if not permissions.can_read_assignments(request.user):
        raise PermissionDenied
    plan = select_directive_assignments(pk=pk, include_closed=_asks_for_closed(request))
    return _assignments_page(request, plan)


def _asks_for_closed(request) -> bool:
    """Staff asked the agency picker to offer closed agencies too."""
    return (request.POST or request.GET).get("closed") == "1"


def _assignments_page(
    request,
    plan: AssignmentPlan,
    *,
    assign_form: AssignForm | None = None,
    due_error=None,
    proposal_errors=(),
):
    can_assign = permissions.can_assign(request.user)
    if can_assign and assign_form is None:
        assign_form = AssignForm(plan=plan)
    proposal = proposals.propose(plan.directive)
    return render(
        request,
        "directives/directive_assignments.html",
        {
            "plan": plan,
            "directive": plan.directive,
            "can_assign": can_assign,
            "form": assign_form,
            "checked": assign_form.checked() if assign_form else {},
            "due_error": due_error,
            "proposal": proposal,
            "proposal_blocks": proposal_outline(plan, proposal.tasks) if proposal else [],
            "proposal_errors": proposal_errors,
        },
    )


def _back_to(directive_pk: int, anchor: str):
    return redirect(f"{reverse('directives:directive_assignments', args=[directive_pk])}#{anchor}")


def _posted_pk(request, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else None


def _check_assigner(request):
    if not permissions.can_assign(request.user):
        raise PermissionDenied


@require_POST
def assignment_assign(request, pk):
    """Give the ticked tasks, groups and sections to the chosen agencies with a role."""
    _check_assigner(request)
    plan = select_directive_assignments(pk=pk, include_closed=_asks_for_closed(request))
    form = AssignForm(request.POST, plan=plan)
    if form.is_valid():
        tasks = form.chosen_tasks()
        agencies = list(form.cleaned_data["agencies"])
        role = form.cleaned_data["role"]
        try:
            changed = assigning.assign(
                tasks=tasks,
                agencies=agencies,
                role=role,
                due_on=form.cleaned_data["due_on"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            names = ", ".join(str(agency) for agency in agencies)
            if changed:
                messages.success(request, _assigned_message(len(tasks), names, role))
            else:
                messages.info(
                    request,
                    _("Nothing to change: %(agencies)s already had these tasks with this role.")
                    % {"agencies": names},
                )
            return _back_to(pk, f"task-{tasks[0].pk}")
    return _assignments_page(request, plan, assign_form=form)


def _assigned_message(count: int, agencies: str, role: str) -> str:
    return ngettext(
        "%(agencies)s: %(role)s of %(count)s task.",
        "%(agencies)s: %(role)s of %(count)s tasks.",
        count,
    ) % {"agencies": agencies, "role": Assignment.Role(role).label, "count": count}


@require_POST
def assignment_remove(request, pk):
    """Take a task away from the agencies ticked on its row (after the page asked)."""
    _check_assigner(request)
    assignments = _posted_assignments(request, pk)
    if not assignments:
        raise Http404
    assigning.unassign(assignments=assignments, by=request.user)
    messages.success(
        request,
        _("%(agency)s no longer carries the task.")
        % {"agency": ", ".join(str(a.agency) for a in assignments)},
    )
    return _back_to(pk, f"task-{assignments[0].task_id}")


def _posted_assignments(request, directive_pk: int) -> list[Assignment]:
    """The assignments ticked on one task's row, of this directive only."""
    ids = [value for value in request.POST.getlist("assignment") if value.isdigit()]
    return list(
        Assignment.objects.select_related("agency", "task").filter(
            pk__in=ids, task__group__directive_id=directive_pk
        )
    )


@require_POST
def assignment_due_date(request, pk):
    """Set or clear the due date of a task, or of the agencies ticked on its row."""
    _check_assigner(request)
    assignments = _posted_assignments(request, pk)
    if request.POST.getlist("assignment") and not assignments:
        raise Http404
    if assignments:
        task = assignments[0].task
    elif (task_pk := _posted_pk(request, "task")) is not None:
        task = get_object_or_404(Task, pk=task_pk, group__directive_id=pk)
    else:
        raise Http404
    form = DueDateForm(request.POST)
    if not form.is_valid():
        due_error = {
            "task": task.pk,
            "assignments": {a.pk for a in assignments},
            "value": request.POST.get("due_on", ""),
            "errors": form.errors["due_on"],
        }
        plan = select_directive_assignments(pk=pk)
        return _assignments_page(request, plan, due_error=due_error)
    due_on = form.cleaned_data["due_on"]
    assigning.set_due_dates(
        by=request.user,
        due_on=due_on,
        tasks=[] if assignments else [task],
        assignments=assignments,
    )
    messages.success(request, _due_date_message(due_on, assignments))
    return _back_to(pk, f"task-{task.pk}")


def _due_date_message(due_on, assignments: list[Assignment]) -> str:
    values = {
        "date": formats.date_format(due_on, "SHORT_DATE_FORMAT") if due_on else "",
        "agency": ", ".join(str(a.agency) for a in assignments),
    }
    if not assignments:
        if due_on is None:
            return _("The task no longer has a due date.")
        return _("The task is due on %(date)s.") % values
    if due_on is None:
        return _("%(agency)s now follows the task's own due date.") % values
    return _("%(agency)s must finish the task by %(date)s.") % values


@require_POST
def assignment_proposal_accept(request, pk):
    """Accept what the implementation section proposes (its lead, chủ trì, and its
    implementers, thực hiện) for one task group, one section or the whole plan."""
    _check_assigner(request)
    directive = get_object_or_404(Directive, pk=pk)
    groups = sections = None
    if (group_pk := _posted_pk(request, "group")) is not None:
        groups = [get_object_or_404(TaskGroup, pk=group_pk, directive=directive)]
        anchor = f"group-{group_pk}"
    elif (section_pk := _posted_pk(request, "section")) is not None:
        sections = [get_object_or_404(Section, pk=section_pk, directive=directive)]
        anchor = f"section-{section_pk}"
    elif "whole" in request.POST:
        anchor = "proposals"
    else:
        raise Http404
    try:
        created = proposals.accept_proposal(
            directive=directive, by=request.user, groups=groups, sections=sections
        )
    except ValidationError as exc:
        plan = select_directive_assignments(pk=pk)
        return _assignments_page(request, plan, proposal_errors=exc.messages)
    if created:
        messages.success(
            request,
            ngettext(
                "Proposal accepted: %(count)s assignment made.",
                "Proposal accepted: %(count)s assignments made.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("Nothing to accept here: these tasks already have a lead."))
    return _back_to(pk, anchor)


def directive_import(request):
    """Paste or upload a directive, check what was understood, correct it, confirm.

    Pasted text (and a small .txt) is read in the request; a Word file, a PDF or a scan
    is read by a background job whose progress the user follows, and which ends on the
    same review (directive_import_review). Nothing is created before confirmation;
    confirming creates everything at once.
    """
    if not request.user.has_perm("directives.add_directive"):
        raise PermissionDenied
    if request.method == "POST" and "payload" in request.POST:
        try:
            parsed = signing.loads(
                request.POST["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("This preview has expired; read the document again."))
            return redirect("directives:directive_import")
        form = DirectiveReviewForm(request.POST, parsed=parsed)
        if form.is_valid():
            try:
                directive = import_directive(
                    data=form.edited(), source_text=parsed.get("_source", ""), by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("The directive was created."))
                return redirect(directive)
        return _review(request, form, parsed)
    source_form = DocumentSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and source_form.is_valid():
        upload = source_form.cleaned_data.get("file")
        if upload and upload.size > MAX_DOCUMENT_BYTES:
            source_form.add_error(None, _("The file is larger than 10 MB."))
        elif upload and _reads_in_background(upload):
            return redirect(_read_in_background(request, upload))
        else:
            try:
                if upload:
                    document = document_from_upload(upload)
                    text, doubtful = document.text, document.doubtful
                else:
                    text, doubtful = source_form.cleaned_data["text"], set()
                parsed = parse_text(text, doubtful=doubtful)
            except (DocumentError, ParseError) as exc:
                source_form.add_error(None, str(exc))
            else:
                parsed["source_file"] = upload.name if upload else None
                parsed["read_by_ocr"] = bool(upload) and document.method == "ocr"
                resolve_agencies(parsed)
                parsed["_source"] = text
                return _review_of(request, parsed)
    return render(request, "directives/directive_import.html", {"form": source_form})


# A Word file, a PDF or a scan is read by a background job: OCR takes seconds a page. A
# text file this small is read at once, as pasted text is.
BACKGROUND_SUFFIXES = (".docx", ".pdf", *IMAGE_SUFFIXES)
INSTANT_TEXT_BYTES = 1024 * 1024


def _reads_in_background(upload) -> bool:
    suffix = PurePath(upload.name or "").suffix.lower()
    return suffix in BACKGROUND_SUFFIXES or upload.size > INSTANT_TEXT_BYTES


def _read_in_background(request, upload) -> Job:
    """The upload kept in private storage for a job that reads it (directives.tasks);
    the job ends on directive_import_review."""
    with transaction.atomic():
        job = jobs.start(
            request.user,
            tasks.read_directive,
            title=_("Reading the document %(name)s") % {"name": upload.name},
        )
        document = ImportedDocument(job=job, name=upload.name[:255])
        suffix = PurePath(upload.name or "").suffix.lower()
        document.file.save(f"{job.pk}{suffix}", upload, save=False)
        try:
            document.save()
        except BaseException:
            document.file.delete(save=False)
            raise
    return job


def directive_import_review(request, pk):
    """The review of a document a background job read (its job's id in the address):
    the same page, and the same confirmation, as for pasted text."""
    if not request.user.has_perm("directives.add_directive"):
        raise PermissionDenied
    document = get_object_or_404(
        ImportedDocument.objects.filter(
            job__in=jobs.jobs_of(request.user), job__status=Job.Status.DONE, parsed__isnull=False
        ),
        job_id=pk,
    )
    return _review_of(request, document.parsed)


def _review_of(request, parsed):
    payload = signing.dumps(parsed, salt=IMPORT_SALT, compress=True)
    form = DirectiveReviewForm(initial={"payload": payload}, parsed=parsed)
    return _review(request, form, parsed)


IMPORT_SALT = "directives.import"
IMPORT_MAX_AGE = 4 * 3600


def _review(request, form, parsed):
    return render(
        request,
        "directives/directive_import_review.html",
        {"form": form, "parsed": parsed, "source_text": parsed.get("_source", "")},
    )


@dataclass
class TaskRow:
    """One assignment on the unit's task page, with its extensions and request form."""

    assignment: Assignment
    original_due_on: datetime.date | None
    pending: DeadlineExtension | None
    decided: list[DeadlineExtension]
    form: ExtensionRequestForm | None


def unit_tasks(request):
    """The tasks assigned to the agencies the user reports for, by directive, each with
    its deadline, state and extensions, and a request for more time where one may ask."""
    return _unit_tasks_page(request)


def _unit_tasks_page(request, *, refused=None):
    """``refused``: (assignment pk, bound form) of a request shown again with its errors."""
    user = request.user
    agency_ids = permissions.reporting_agency_ids(user)
    agency_form, chosen, shown_ids = None, None, agency_ids
    if not agency_ids and permissions.reads_everything(user):
        agency_form = AgencyChoiceForm(request.GET or None)
        chosen = agency_form.cleaned_data.get("agency") if agency_form.is_valid() else None
        shown_ids = {chosen.pk} if chosen else set()
    blocks = []
    for block in assignments_of_agencies(shown_ids) if shown_ids else []:
        rows = [_task_row(a, agency_ids, refused) for a in block.assignments]
        blocks.append((block.directive, rows))
    return render(
        request,
        "directives/unit_tasks.html",
        {
            "blocks": blocks,
            "agency_form": agency_form,
            "chosen": chosen,
            "refused_form": refused[1] if refused else None,
            "reports": bool(agency_ids),
            "reads_everything": permissions.reads_everything(user),
        },
    )


def _task_row(assignment, agency_ids, refused) -> TaskRow:
    extensions = list(assignment.extensions.all())
    pending = next((e for e in extensions if e.decision == Decision.PENDING), None)
    form = None
    if (
        assignment.agency_id in agency_ids
        and assignment.status != Assignment.Status.DONE
        and assignment.deadline
        and pending is None
    ):
        if refused and refused[0] == assignment.pk:
            form = refused[1]
        else:
            form = ExtensionRequestForm(prefix=f"ext-{assignment.pk}")
    original = assignment.original_due_on
    return TaskRow(
        assignment=assignment,
        original_due_on=original if original and original != assignment.deadline else None,
        pending=pending,
        decided=[e for e in extensions if e.decision != Decision.PENDING],
        form=form,
    )


@require_POST
def extension_request(request, pk):
    """A unit asks for more time on one of its tasks (xin gia hạn)."""
    assignment = get_object_or_404(Assignment.objects.select_related("task"), pk=pk)
    if not permissions.reports_for(request.user, assignment.agency_id):
        raise PermissionDenied
    form = ExtensionRequestForm(request.POST, prefix=f"ext-{pk}")
    if form.is_valid():
        try:
            request_extension(
                assignment=assignment,
                requested_due_on=form.cleaned_data["requested_due_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The request for an extension was sent."))
            return redirect(f"{reverse('directives:unit_tasks')}#assignment-{pk}")
    return _unit_tasks_page(request, refused=(pk, form))


EXTENSIONS_PER_PAGE = 50


def extension_list(request):
    """Extension requests for staff to decide, those awaiting a decision first; leadership
    reads them."""
    return _extension_list_page(request)


def _extension_list_page(request, *, refused=None):
    user = request.user
    if not permissions.reads_everything(user):
        raise PermissionDenied
    page = Paginator(extension_requests(), EXTENSIONS_PER_PAGE).get_page(request.GET.get("page"))
    can_decide = permissions.can_assign(user)
    rows = []
    for extension in page:
        own = permissions.reports_for(user, extension.assignment.agency_id)
        form = None
        if can_decide and extension.decision == Decision.PENDING and not own:
            if refused and refused[0] == extension.pk:
                form = refused[1]
            else:
                form = ExtensionDecisionForm(prefix=f"decide-{extension.pk}")
        rows.append((extension, form, own and extension.decision == Decision.PENDING))
    if refused and not any(row[0].pk == refused[0] for row in rows):
        errors = refused[1].errors.values()
        messages.error(request, " ".join(error for field in errors for error in field))
    return render(
        request,
        "directives/extension_list.html",
        {
            "page": page,
            "rows": rows,
            "can_decide": can_decide,
            "refused_form": refused[1] if refused else None,
        },
    )


@require_POST
def extension_decide(request, pk):
    """Staff grant or refuse an extension request; refusing needs a note."""
    if not permissions.can_assign(request.user):
        raise PermissionDenied
    extension = get_object_or_404(DeadlineExtension, pk=pk)
    form = ExtensionDecisionForm(request.POST, prefix=f"decide-{pk}")
    if form.is_valid():
        grant = form.cleaned_data["decision"] == ExtensionDecisionForm.GRANT
        try:
            decide_extension(
                extension=extension, grant=grant, note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The extension was granted.") if grant else _("The extension was refused."),
            )
            return redirect("directives:extension_list")
    return _extension_list_page(request, refused=(pk, form))


def directive_accounting(request, pk):
    """The directive's tasks counted as the Government Office counts them, as of a date:
    every agency's for staff, administrators and leadership, a reporting unit's own; of
    one task group (``?group=``) or one agency (``?agency=``) when asked."""
    directive = get_object_or_404(Directive.objects.select_related("issuer"), pk=pk)
    user = request.user
    agency_ids = None
    if not permissions.reads_everything(user):
        agency_ids = permissions.reporting_agency_ids(user)
        if not agency_ids:
            raise PermissionDenied
    today = timezone.localdate()
    form = AccountingFilterForm(request.GET or None, initial={"on": today})
    form.is_valid()  # a date mistyped is shown beside the box; the rest still applies
    filters = getattr(form, "cleaned_data", {})
    on = filters.get("on") or today
    role = filters.get("role") or Assignment.Role.LEAD
    # A group of another directive or an unknown agency is ignored, as a mistyped filter.
    raw_group, raw_agency = request.GET.get("group", ""), request.GET.get("agency", "")
    group = directive.task_groups.filter(pk=raw_group).first() if raw_group.isdigit() else None
    agency = Agency.objects.filter(pk=raw_agency).first() if raw_agency.isdigit() else None
    if agency is not None:  # a unit reads only its own agencies, whichever it asks for
        agency_ids = {agency.pk} if agency_ids is None else set(agency_ids) & {agency.pk}
    accounting = count_directive_tasks(
        directive,
        on=on,
        role=role,
        agency_ids=agency_ids,
        group_id=group.pk if group else None,
    )
    category = filters.get("category") or ""
    chosen = {"on": on.strftime("%d/%m/%Y"), "role": role}
    chosen |= {"group": group.pk} if group else {}
    chosen |= {"agency": agency.pk} if agency else {}
    rows = [
        (key, label, count, f"?{urlencode({**chosen, 'category': key})}", key == category)
        for key, label, count in accounting.rows
    ]
    return render(
        request,
        "directives/directive_accounting.html",
        {
            "directive": directive,
            "form": form,
            "on": on,
            "role_label": Assignment.Role(role).label,
            "accounting": accounting,
            "rows": rows,
            "category": category,
            "category_label": Category.LABELS.get(category, ""),
            "listed": accounting.of(category) if category else [],
            "own_only": agency_ids is not None,
            "group": group,
            "agency": agency,
            "unfiltered": f"?{urlencode({'on': chosen['on'], 'role': role})}",
        },
    )
