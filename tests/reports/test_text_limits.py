"""Answers, notes and reasons have a length no real report reaches: past it the text is
refused with a message, in the form, the uploaded template and the workflow, and the
browser stops typing at it."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import workflow
from reports.models import ProgressReport
from tests.reports.conftest import complete_input
from tests.reports.test_views import form_data

pytestmark = pytest.mark.django_db

NARRATIVE, NOTE = 10_000, 2_000


def text_of(length: int) -> str:
    """Vietnamese prose of exactly ``length`` characters, ending on a full stop."""
    sentence = "Đã tổ chức hội nghị triển khai tới 100% trường học, điểm trường lẻ. "
    return (sentence * (length // len(sentence) + 1))[: length - 1] + "."


def too_long(limit: int, length: int) -> str:
    return f"Nội dung quá dài: tối đa {limit} ký tự (hiện có {length} ký tự)."


@pytest.mark.parametrize(
    ("suffix", "limit"),
    [("-results", NARRATIVE), ("-difficulties", NARRATIVE), ("-proposals", NARRATIVE)]
    + [("-note", NOTE)],
)
def test_an_over_long_answer_is_refused_and_what_was_typed_stays(
    client, unit_user, phongtho_report, suffix, limit
):
    client.force_login(unit_user)
    url = reverse("reports:report_edit", args=[phongtho_report.pk])
    data = form_data(phongtho_report)
    if suffix == "-note":
        name = next(k for k in data if k.endswith("-value")).replace("-value", "-note")
    else:
        name = next(k for k in data if k.endswith(suffix))
    data[name] = text_of(limit + 1)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [too_long(limit, limit + 1)]
    page = response.content.decode()
    assert too_long(limit, limit + 1) in page
    assert text_of(limit + 1) in page
    assert not phongtho_report.answers.exists() and not phongtho_report.values.exists()
    data[name] = text_of(limit)  # the full length is taken
    assert client.post(url, data).status_code == 302
    assert text_of(limit) in client.get(url).content.decode()


def test_the_browser_stops_typing_at_the_limit(client, unit_user, phongtho_report):
    client.force_login(unit_user)
    page = client.get(reverse("reports:report_edit", args=[phongtho_report.pk])).content.decode()
    task = workflow.tasks_for(phongtho_report).first()
    for name in ("results", "difficulties", "proposals"):
        assert f'maxlength="{NARRATIVE}"' in _tag(page, f'name="task-{task.pk}-{name}"')
    indicator = workflow.indicators_for(phongtho_report).first()
    assert f'maxlength="{NOTE}"' in _tag(page, f'name="indicator-{indicator.pk}-note"')


def test_the_reviewer_cannot_type_a_reason_past_the_limit(client, staff_user, submitted_report):
    client.force_login(staff_user)
    page = client.get(reverse("reports:report_detail", args=[submitted_report.pk])).content
    assert f'maxlength="{NOTE}"' in _tag(page.decode(), 'name="reason"')


def _tag(page: str, attribute: str) -> str:
    """The HTML tag holding ``attribute``."""
    at = page.index(attribute)
    return page[page.rindex("<", 0, at) : page.index(">", at) + 1]


def test_an_over_long_return_reason_is_refused_with_a_message(client, staff_user, submitted_report):
    client.force_login(staff_user)
    url = reverse("reports:report_return", args=[submitted_report.pk])
    response = client.post(url, {"reason": text_of(NOTE + 1)}, follow=True)
    assert too_long(NOTE, NOTE + 1) in response.content.decode()
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.SUBMITTED
    assert client.post(url, {"reason": text_of(NOTE)}).status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.status == ProgressReport.Status.RETURNED


def test_the_workflow_refuses_over_long_text_without_a_form(unit_user, phongtho_report):
    data = complete_input(phongtho_report)
    data.answers[0].proposals = text_of(NARRATIVE + 1)
    data.values[0].note = text_of(NOTE + 1)
    with pytest.raises(ValidationError) as exc:
        workflow.save_report(report=phongtho_report, data=data, expected_version=1, by=unit_user)
    assert exc.value.message_dict == {
        f"task-{data.answers[0].task_id}-proposals": [too_long(NARRATIVE, NARRATIVE + 1)],
        f"indicator-{data.values[0].indicator_id}-note": [too_long(NOTE, NOTE + 1)],
    }
    assert not phongtho_report.answers.exists()


@pytest.mark.parametrize(
    ("column", "limit"), [("F", NARRATIVE), ("G", NARRATIVE), ("H", NARRATIVE)]
)
def test_an_over_long_answer_in_the_template_is_a_problem(
    client, unit_user, phongtho_report, column, limit
):
    client.force_login(unit_user)
    response = client.get(reverse("reports:report_template", args=[phongtho_report.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    tasks, values = workbook["Nhiệm vụ"], workbook["Chỉ tiêu"]
    task_rows = [r for r in range(5, tasks.max_row + 1) if tasks[f"A{r}"].value]
    for row in task_rows:
        tasks[f"E{row}"] = "Hoàn thành"
        tasks[f"F{row}"] = "Đã tổ chức hội nghị triển khai."
    tasks[f"{column}{task_rows[0]}"] = text_of(limit + 1)
    value_rows = {values[f"A{r}"].value: r for r in range(5, values.max_row + 1)}
    for indicator in workflow.indicators_for(phongtho_report):
        row = value_rows[indicator.pk]
        if indicator.rollup_rule == "ratio":
            values[f"G{row}"], values[f"H{row}"] = 995, 1000
        else:
            values[f"F{row}"] = 3
            values[f"I{row}"] = text_of(NOTE + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("bao-cao.xlsx", buffer.getvalue())
    response = client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]), {"file": upload}
    )
    assert response.status_code == 200
    problems = [(p.sheet, p.column, p.message) for p in response.context["preview"].problems]
    assert problems == [
        ("Nhiệm vụ", column, too_long(limit, limit + 1)),
        ("Chỉ tiêu", "I", too_long(NOTE, NOTE + 1)),
    ]
    assert too_long(limit, limit + 1) in response.content.decode()
    assert not phongtho_report.answers.exists()
