from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from directives import history, permissions
from directives.agency_matching import resolve_agencies
from directives.documents import DocumentError, text_from_upload
from directives.forms import DirectiveFilterForm, DirectiveReviewForm, DocumentSourceForm
from directives.importing import import_directive
from directives.models import Directive
from directives.parsing import ParseError, parse_text
from directives.selectors import directive_detail as select_directive_detail
from directives.selectors import search_directives

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
        {"form": form, "page": page, "querystring": querystring.urlencode()},
    )


def directive_detail(request, pk):
    """A directive as structured data: header, task groups and tasks, appendix."""
    detail = select_directive_detail(pk=pk)
    return render(
        request,
        "directives/directive_detail.html",
        {
            "detail": detail,
            "directive": detail.directive,
            "can_read_history": permissions.can_read_history(request.user),
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


def directive_import(request):
    """Paste or upload a directive, check what was understood, correct it, confirm.

    Nothing is created before confirmation; confirming creates everything at once.
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
        try:
            upload = source_form.cleaned_data.get("file")
            text = text_from_upload(upload) if upload else source_form.cleaned_data["text"]
            parsed = parse_text(text)
        except (DocumentError, ParseError) as exc:
            source_form.add_error(None, str(exc))
        else:
            parsed["source_file"] = upload.name if upload else None
            resolve_agencies(parsed)
            parsed["_source"] = text
            payload = signing.dumps(parsed, salt=IMPORT_SALT, compress=True)
            form = DirectiveReviewForm(initial={"payload": payload}, parsed=parsed)
            return _review(request, form, parsed)
    return render(request, "directives/directive_import.html", {"form": source_form})


IMPORT_SALT = "directives.import"
IMPORT_MAX_AGE = 4 * 3600


def _review(request, form, parsed):
    return render(
        request,
        "directives/directive_import_review.html",
        {"form": form, "parsed": parsed, "source_text": parsed.get("_source", "")},
    )
