from django.shortcuts import render

from dashboard.choice import resolve_choice
from dashboard.panels.indicators import indicator_panels
from dashboard.panels.reporting import reporting_panels
from dashboard.panels.tasks import task_panels


def dashboard(request):
    """Where the province stands on a directive, as of a period or a date: every signed-in
    user; a reporting unit sees its own row against the province."""
    choice, form = resolve_choice(request.GET, user=request.user)
    context = {"choice": choice, "form": form}
    if choice.directive is not None:
        context |= {
            "tasks": task_panels(choice, user=request.user),
            "indicators": indicator_panels(choice, user=request.user, params=request.GET),
            "reporting": reporting_panels(choice, user=request.user),
        }
    return render(request, "dashboard/dashboard.html", context)
