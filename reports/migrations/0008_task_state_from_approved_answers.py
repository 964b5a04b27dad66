"""Existing installs: the state of record of each assignment starts from what approved
reports already say, so that nothing already entered is lost when task state arrives."""

from django.db import migrations
from django.utils import timezone


def state_from_approved_answers(apps, schema_editor):
    """Each assignment takes the status of its agency's latest approved answer; a task
    done is done from the day its report was first submitted, and stays done."""
    Assignment = apps.get_model("directives", "Assignment")
    TaskAnswer = apps.get_model("reports", "TaskAnswer")
    answers = (
        TaskAnswer.objects.filter(report__status="approved")
        .exclude(progress="")
        .select_related("report__period")
        .order_by("report__period__ends_on", "report__period__due_on", "report_id")
    )
    assignments = {
        (a.task_id, a.agency_id): a
        for a in Assignment.objects.filter(task__in=answers.values("task_id"))
    }
    changed = {}
    for answer in answers:
        assignment = assignments.get((answer.task_id, answer.report.agency_id))
        if assignment is None or assignment.status == "done":
            continue
        moment = answer.report.first_submitted_at or answer.report.submitted_at
        assignment.status = answer.progress
        assignment.completed_on = (
            (answer.completed_on or timezone.localdate(moment or timezone.now()))
            if answer.progress == "done"
            else None
        )
        assignment.status_changed_at = answer.report.reviewed_at
        changed[assignment.pk] = assignment
    Assignment.objects.bulk_update(
        changed.values(), ["status", "completed_on", "status_changed_at"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_group_answers_and_completion"),
        ("directives", "0003_task_state_of_record"),
    ]

    operations = [migrations.RunPython(state_from_approved_answers, migrations.RunPython.noop)]
