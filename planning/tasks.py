"""The roll-forward in the background (jobs.running): copying a plan of a hundred tasks,
their assignments and a province's unit targets takes a while."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from directives.models import Directive, SchoolYear
from jobs.running import JobFailed, JobRun, job, with_job
from planning import permissions, rollforward


@job
def roll_forward(run: JobRun, directive_id: int, start_year: int) -> None:
    """The draft plan of the school year starting in ``start_year`` from the plan, in one
    transaction (with the school year, if it is new); ends on what could not be carried."""
    if not permissions.can_plan(run.owner):
        raise JobFailed(_("You may no longer create plans."))
    directive = Directive.objects.select_related("school_year").filter(pk=directive_id).first()
    if directive is None:
        raise JobFailed(_("The plan was deleted before it could be carried forward."))
    run.progress(_("Copying the tasks, assignments, indicators and targets of the plan"), 20)
    try:
        with transaction.atomic():
            school_year, _created = SchoolYear.objects.get_or_create(start_year=start_year)
            record = rollforward.roll_forward(
                directive=directive, school_year=school_year, by=run.owner
            )
    except ValidationError as exc:
        raise JobFailed(" ".join(exc.messages)) from exc
    run.finish_redirect(
        with_job(reverse("planning:issues", args=[record.result_id]), run.job),
        _("The draft plan for %(year)s was created: settle what could not be carried.")
        % {"year": school_year},
    )
