from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directives import permissions
from directives.models import Directive
from indicators import targets as setting
from indicators.forms import TargetsForm
from indicators.models import Indicator
from indicators.selectors import province_target_rows, unit_target_page


def _check_reader(request):
    """Staff and administrators set targets, leadership reads them; a reporting unit
    reads its own on its report."""
    if not permissions.reads_everything(request.user):
        raise PermissionDenied
    if request.method == "POST" and not setting.can_change_targets(request.user):
        raise PermissionDenied


def _saved(request, count: int) -> None:
    if count:
        messages.success(
            request,
            ngettext("%(count)s target saved.", "%(count)s targets saved.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing to save: no target was changed."))


def targets(request, pk):
    """Giao chỉ tiêu: every indicator of a plan with its baseline, last year's target and
    its province target, all saved at once."""
    _check_reader(request)
    directive = get_object_or_404(Directive.objects.select_related("school_year"), pk=pk)
    rows = province_target_rows(directive)
    boxes = [
        (
            row,
            row,
            _("Province target, indicator %(order)s") % {"order": row.order},
            row.target_value,
        )
        for row in rows
    ]
    form = TargetsForm(request.POST or None, boxes=boxes)
    if request.method == "POST" and form.is_valid():
        try:
            changed = setting.set_province_targets(
                directive=directive, targets=form.typed(), by=request.user
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            _saved(request, len(changed))
            return redirect("indicators:targets", pk=directive.pk)
    return render(
        request,
        "indicators/targets.html",
        {
            "directive": directive,
            "rows": [(row, form.box(row)) for row in rows],
            "without_target": sum(1 for row in rows if row.target_value is None),
            "form": form,
            "can_change": setting.can_change_targets(request.user),
        },
    )


def unit_targets(request, pk):
    """One indicator's target for each reporting unit, against the province target; the
    units closed during the school year only with ?closed=1."""
    _check_reader(request)
    indicator = get_object_or_404(
        Indicator.objects.select_related("directive__school_year", "baseline_year"), pk=pk
    )
    closed = request.GET.get("closed") == "1"
    page = unit_target_page(indicator, closed=closed)
    boxes = [
        (
            row.agency,
            indicator,
            _("Target of %(unit)s") % {"unit": row.agency},
            row.target.target_value if row.target else None,
        )
        for row in page.rows
    ]
    form = TargetsForm(request.POST or None, boxes=boxes)
    if request.method == "POST" and form.is_valid():
        try:
            changed = setting.set_unit_targets(
                indicator=indicator, targets=form.typed(), by=request.user
            )
        except ValidationError as exc:
            form.refused(exc)
        else:
            _saved(request, len(changed))
            going = page.next if "next" in request.POST and page.next else indicator
            return redirect(reverse("indicators:unit_targets", args=[going.pk]) + _query(closed))
    return render(
        request,
        "indicators/unit_targets.html",
        {
            "indicator": indicator,
            "directive": indicator.directive,
            "page": page,
            "rows": [(row, form.box(row.agency)) for row in page.rows],
            "closed": closed,
            "form": form,
            "can_change": setting.can_change_targets(request.user),
        },
    )


def _query(closed: bool) -> str:
    return "?closed=1" if closed else ""
