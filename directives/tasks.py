"""Directive work in the background (jobs.running): reading an uploaded document (OCR of
a scan takes seconds a page), and applying a reorganisation of the agency tree, which
moves every agency, assignment and user it touches in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from directives import permissions
from directives.agency_matching import resolve_agencies
from directives.documents import DocumentError, read_document
from directives.models import ImportedDocument, Reorganisation
from directives.parsing import ParseError, parse_text
from directives.reorganising import apply_reorganisation
from jobs.running import JobFailed, JobRun, job, with_job

# The share of the job the reading of the file takes; understanding it, the rest.
_READING_SHARE = 80


@job
def read_directive(run: JobRun) -> None:
    """Read the uploaded file of the job (ImportedDocument), understand it and match its
    agencies, as the import page does with pasted text; ends on its review page. Nothing
    is created: the user confirms there. A file that cannot be read fails the job with
    the reader's Vietnamese message."""
    if not run.owner.has_perm("directives.add_directive"):
        raise JobFailed(_("You may no longer read directives into the system."))
    upload = ImportedDocument.objects.get(job=run.job)
    run.progress(_("Opening the file"), 2)
    with upload.file.open("rb") as handle:
        data = handle.read()

    def reading(step: str, percent: int) -> None:
        run.progress(step, 2 + percent * (_READING_SHARE - 2) // 100)

    try:
        document = read_document(upload.name, data, progress=reading)
        run.progress(_("Understanding the document: its tasks, indicators and agencies"), 85)
        parsed = parse_text(document.text, doubtful=document.doubtful)
    except (DocumentError, ParseError) as exc:
        raise JobFailed(str(exc)) from exc
    parsed["source_file"] = upload.name
    parsed["read_by_ocr"] = document.method == "ocr"
    resolve_agencies(parsed)
    parsed["_source"] = document.text
    upload.parsed = parsed
    upload.save(update_fields=["parsed"])
    run.finish_redirect(reverse("directives:directive_import_review", args=[run.job.pk]))


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
