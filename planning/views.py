"""Pages that carry a plan into the next school year: the roll-forward with its preview,
the list of what could not be carried, and the indicator-by-indicator link of a real new
plan to last year's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.audit import person_name
from directives.models import Directive
from jobs import running as jobs
from planning import linking, permissions, rollforward, tasks
from planning.forms import LinkForm, PreviousPlanForm, SettleForm
from planning.models import RollForward, RollForwardIssue

Kind = RollForwardIssue.Kind


def _check_reader(request):
    if not permissions.can_read(request.user):
        raise PermissionDenied


def roll_forward(request, pk):
    """GET: what rolling the plan into the next school year would copy and could not
    carry; POST (staff): create the draft in the background (planning.tasks) and follow
    its progress; it ends on the draft's issues. A plan already continued in that year
    shows the existing one instead; a second click while the first job waits or runs
    shows that job, and the page shows it instead of the button."""
    _check_reader(request)
    directive = get_object_or_404(Directive.objects.select_related("school_year"), pk=pk)
    school_year = rollforward.next_school_year(directive)
    existing = rollforward.continuation_in(directive, school_year) if school_year else None
    can_plan = permissions.can_plan(request.user)
    if request.method == "POST" and not can_plan:
        raise PermissionDenied
    if request.method == "POST" and existing is None and school_year is not None:
        running = jobs.active_job(tasks.roll_forward, directive.pk, school_year.start_year)
        if running is not None and running.owner_id == request.user.pk:
            return redirect(running)  # the roll-forward already asked for: its progress
        if running is not None:
            messages.info(
                request,
                _("%(person)s is already creating the draft plan for %(year)s from this plan.")
                % {"person": person_name(running.owner), "year": school_year},
            )
            return redirect("planning:roll_forward", pk=pk)
        problem = rollforward.refusal(directive, school_year)
        if problem:
            messages.error(request, problem)
            return redirect("planning:roll_forward", pk=pk)
        job = jobs.start(
            request.user,
            tasks.roll_forward,
            directive.pk,
            school_year.start_year,
            title=_("Draft plan for %(year)s from %(plan)s")
            % {"year": school_year, "plan": directive.reference or directive.title},
        )
        return redirect(job)
    problem = "" if school_year else _("This plan has no school year: set its school year first.")
    if school_year and not existing:
        problem = rollforward.refusal(directive, school_year)
    plan = running = None
    if not problem and not existing:
        plan = rollforward.plan_roll_forward(directive=directive, school_year=school_year)
        # Back on the page while the draft is being made: its job, not a second button.
        running = jobs.active_job(tasks.roll_forward, directive.pk, school_year.start_year)
    return render(
        request,
        "planning/roll_forward.html",
        {
            "directive": directive,
            "school_year": school_year,
            "existing": existing,
            "problem": problem,
            "plan": plan,
            "can_plan": can_plan,
            **_running_context(running, request.user),
        },
    )


def _running_context(running, user) -> dict:
    """The job that waits or runs, whether the user started it, and who did."""
    return {
        "running": running,
        "running_is_mine": running is not None and running.owner_id == user.pk,
        "running_person": person_name(running.owner) if running is not None else "",
    }


def _targets_url(directive_pk: int) -> str:
    """The targets page of the indicators app (giao chỉ tiêu), by name once it exists."""
    try:
        return reverse("indicators:targets", args=[directive_pk])
    except NoReverseMatch:
        return f"/indicators/directives/{directive_pk}/targets/"


def issues(request, pk):
    """What could not be carried into the new plan, each with where staff settle it."""
    _check_reader(request)
    if (clean := jobs.announce_finished(request)) is not None:
        return redirect(clean)  # the roll-forward's job ended here: its message, once
    record = get_object_or_404(
        RollForward.objects.select_related("source", "result", "school_year"), result_id=pk
    )
    assignments = reverse("directives:directive_assignments", args=[pk])
    where = {
        Kind.ISSUER: reverse("admin:directives_directive_change", args=[pk]),
        Kind.ASSIGNMENT: assignments,
        Kind.LEAD: assignments,
        Kind.BASELINE: _targets_url(pk),
        Kind.UNIT_TARGET: _targets_url(pk),
    }
    rows = [
        (issue, where[issue.kind])
        for issue in record.issues.select_related(
            "task__group", "indicator", "agency", "settled_by"
        )
    ]
    return render(
        request,
        "planning/issues.html",
        {
            "record": record,
            "directive": record.result,
            "rows": rows,
            "open_count": sum(1 for issue, _where in rows if not issue.is_settled),
            "can_plan": permissions.can_plan(request.user),
            "form": SettleForm(),
        },
    )


@require_POST
def issue_settle(request, pk):
    """Staff mark an issue as settled (đã xử lý), with an optional note."""
    if not permissions.can_plan(request.user):
        raise PermissionDenied
    issue = get_object_or_404(RollForwardIssue.objects.select_related("roll_forward"), pk=pk)
    form = SettleForm(request.POST)
    back = reverse("planning:issues", args=[issue.roll_forward.result_id])
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{back}#issue-{issue.pk}")
    try:
        rollforward.settle_issue(issue=issue, note=form.cleaned_data["note"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The issue is marked as settled."))
    return redirect(f"{back}#issue-{issue.pk}")


def link(request, pk):
    """Link a plan read from its document to last year's plan, indicator by indicator:
    first which plan, then each indicator with a select of last year's, pre-filled from
    matching names."""
    _check_reader(request)
    directive = get_object_or_404(Directive.objects.select_related("school_year"), pk=pk)
    can_plan = permissions.can_plan(request.user)
    candidates = []
    if directive.school_year is not None:
        candidates = list(
            Directive.objects.filter(school_year__start_year__lt=directive.school_year.start_year)
            .exclude(pk=directive.pk)
            .select_related("school_year")
            .order_by("-school_year__start_year", "-issued_on", "pk")
        )
    data = request.POST if request.method == "POST" else request.GET
    choose = PreviousPlanForm(
        data if "previous" in data else None,
        candidates=candidates,
        initial={"previous": directive.previous_year_id},
    )
    if not choose.is_valid():
        return render(
            request,
            "planning/link.html",
            {
                "directive": directive,
                "choose": choose,
                "can_plan": can_plan,
                "candidates": candidates,
            },
        )
    previous = next(p for p in candidates if p.pk == choose.cleaned_data["previous"])
    indicators = list(directive.indicators.order_by("order"))
    old_indicators = list(previous.indicators.order_by("order"))
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        form = LinkForm(request.POST, indicators=indicators, previous=old_indicators)
        if form.is_valid():
            try:
                result = linking.link_previous_year(
                    directive=directive, previous=previous, pairs=form.pairs(), by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Linked to last year's plan: %(linked)s indicators continued, "
                        "%(baselines)s province and %(units)s unit baselines taken from its "
                        "year-end review."
                    )
                    % {
                        "linked": result.linked,
                        "baselines": result.baselines,
                        "units": result.unit_baselines,
                    },
                )
                return redirect(directive)
    else:
        if directive.previous_year_id == previous.pk:
            by_pk = {old.pk: old for old in old_indicators}
            proposal = {i: by_pk.get(i.previous_id) for i in indicators}
        else:
            proposal = linking.propose_pairs(directive=directive, previous=previous)
        form = LinkForm(
            initial={f"indicator_{i.pk}": (p.pk if p else 0) for i, p in proposal.items()},
            indicators=indicators,
            previous=old_indicators,
        )
    return render(
        request,
        "planning/link.html",
        {
            "directive": directive,
            "choose": choose,
            "previous": previous,
            "form": form,
            "can_plan": can_plan,
            "candidates": candidates,
        },
    )
