"""Directive work in the background (jobs.running): applying a reorganisation of the
agency tree moves every agency, assignment and user it touches, in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from directives import permissions
from directives.models import Reorganisation
from directives.reorganising import apply_reorganisation
from jobs.running import JobFailed, JobRun, job, with_job


def applied_message(summary) -> str:
    return _(
        "The reorganisation was applied: %(closed)s agencies closed, %(opened)s opened, "
        "%(moved)s moved, %(users)s users moved."
    ) % {
        "closed": len(summary.closed),
        "opened": len(summary.opened),
        "moved": len(summary.moved),
        "users": len(summary.users_moved),
    }


@job
def reorganisation_apply(run: JobRun, reorganisation_id: int) -> None:
    """Apply the recorded reorganisation (all or nothing); ends on its detail page."""
    if not permissions.can_reorganise(run.owner):
        raise JobFailed(_("You may no longer reorganise agencies."))
    reorganisation = Reorganisation.objects.filter(pk=reorganisation_id).first()
    if reorganisation is None:
        raise JobFailed(_("The reorganisation was deleted before it could be applied."))
    run.progress(_("Closing, opening and moving the agencies and their users"), 20)
    try:
        summary = apply_reorganisation(reorganisation=reorganisation, by=run.owner)
    except PermissionDenied as exc:
        raise JobFailed(_("You may no longer reorganise agencies.")) from exc
    except ValidationError as exc:
        raise JobFailed(" ".join(exc.messages)) from exc
    run.finish_redirect(
        with_job(reverse("directives:reorganisation_detail", args=[reorganisation.pk]), run.job),
        applied_message(summary),
    )
