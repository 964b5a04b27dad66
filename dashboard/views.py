from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from dashboard import exports
from dashboard.choice import resolve_choice


def dashboard(request):
    """Where the province stands on a directive, as of a period or a date: every signed-in
    user; a reporting unit sees its own row against the province."""
    choice, form = resolve_choice(request.GET, user=request.user)
    context = {
        "choice": choice,
        "form": form,
        "export_query": request.GET.urlencode() or choice.query(),
    }
    if choice.directive is not None:
        context |= exports.panels(choice, user=request.user, params=request.GET)
    return render(request, "dashboard/dashboard.html", context)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def dashboard_export(request, fmt):
    """The same dashboard, for the same choice, as a PDF to print or a workbook."""
    choice, _form = resolve_choice(request.GET, user=request.user)
    if choice.directive is None:
        raise Http404
    build = exports.dashboard_pdf if fmt == "pdf" else exports.dashboard_workbook
    content = build(choice, user=request.user, params=request.GET)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, f"{exports.file_stem(choice)}.{fmt}"
    )
    return response
