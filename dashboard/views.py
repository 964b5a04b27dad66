from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from dashboard import exports, tasks
from dashboard.choice import resolve_choice
from dashboard.panels.indicators import indicator_panels
from jobs import running as jobs


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
        context |= exports.panels(choice, user=request.user, params=request.GET, trends=False)
    return render(request, "dashboard/dashboard.html", context)


def dashboard_trends(request):
    """Each indicator's trend across the periods and the school years its plan continues,
    for the dashboard's choice; ``unit`` adds a unit's own line. A page of its own: the
    dashboard answers at a glance and links here (26 charts weigh on a slow line)."""
    choice, form = resolve_choice(request.GET, user=request.user)
    context = {
        "choice": choice,
        "form": form,
        "dashboard_url": f"{reverse('dashboard:dashboard')}?{choice.query()}",
        "choosing_unit": True,
    }
    if choice.directive is not None:
        context["indicators"] = indicator_panels(choice, user=request.user, params=request.GET)
    return render(request, "dashboard/trends.html", context)


EXPORT_TITLES = {
    "pdf": _lazy("Quick report (PDF), %(directive)s, as of %(on)s"),
    "xlsx": _lazy("Dashboard workbook (Excel), %(directive)s, as of %(on)s"),
}


@require_POST
def dashboard_export(request, fmt):
    """Starts the same dashboard, for the same choice, as a PDF to print or a workbook,
    in the background, and shows its progress."""
    choice, _form = resolve_choice(request.GET, user=request.user)
    if choice.directive is None:
        raise Http404
    title = EXPORT_TITLES[fmt] % {
        "directive": choice.directive.reference or choice.directive.title[:80],
        "on": choice.on.strftime("%d/%m/%Y"),
    }
    job = jobs.start(
        request.user, tasks.dashboard_export, fmt, request.GET.urlencode(), title=title
    )
    return redirect(job)
