"""Evidence files through the report form: attached to the report or to one of its tasks,
checked by content, removed while the report is editable, kept in the history; and no
button of the form loses what was typed."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from directives.models import Task
from reports import workflow
from reports.history import report_history
from reports.models import Evidence
from tests.reports.test_export_views import fill_in_workbook
from tests.reports.test_views import form_data

pytestmark = pytest.mark.django_db

TYPED = "Đã tổ chức 12 hội nghị tập huấn cho giáo viên cốt cán."


def pdf_bytes():
    """A real one-page PDF, as a scanner or Word would save it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(extra=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pdf_file(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, pdf_bytes())


def typed(report, text=TYPED):
    """The whole form as the unit left it: every task answered, the first with ``text``."""
    data = form_data(report)
    first = workflow.tasks_for(report).first()
    data[f"task-{first.pk}-results"] = text
    return data


def press(client, url, data, button, **files):
    """Press a button of the report form: everything in the form is posted with it."""
    return client.post(url, {**data, button: "", **files}, follow=True)


def edit_url(report):
    return reverse("reports:report_edit", args=[report.pk])


def first_task(report):
    return workflow.tasks_for(report).first()


@pytest.fixture
def unit_client(client, unit_user):
    client.force_login(unit_user)
    return client


def attach(client, report, upload, slot="report"):
    """Choose a file in the report form, nothing typed, and press Attach."""
    data = {"version": report.version, f"evidence-{slot}": upload, "attach": ""}
    return client.post(edit_url(report), data, follow=True)


# --- attaching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bien-ban.pdf", pdf_bytes(), True),
        ("trang-web.pdf", b"%PDF-1.7\n<html><body>Bi\xc3\xaan b\xe1\xba\xa3n</body></html>", False),
        ("cat-ngang.pdf", pdf_bytes()[:200], False),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", True),
        ("anh.jpg", b"\xff\xd8\xff\xe0....", True),
        ("bao-cao.docx", docx_bytes(), True),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", False),
        ("bang.xlsx", docx_bytes(), False),
        ("macro.docx", docx_bytes({"word/vbaProject.bin": b"x"}), False),
        ("script.exe", b"MZ", False),
        ("ghi-chu.txt", b"text", False),
    ],
)
def test_evidence_is_checked_by_content_and_name(
    unit_client, phongtho_report, name, content, accepted
):
    attach(unit_client, phongtho_report, SimpleUploadedFile(name, content))
    assert phongtho_report.evidence.exists() == accepted


def test_evidence_over_10_mb_is_refused(unit_client, phongtho_report):
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    page = attach(unit_client, phongtho_report, upload)
    assert "10 MB" in page.content.decode()
    assert not phongtho_report.evidence.exists()


def test_evidence_is_stored_unguessably_and_served_only_to_who_may_see_it(
    client, unit_user, tamduong_user, leadership_user, phongtho_report
):
    client.force_login(unit_user)
    upload_content = pdf_bytes()
    attach(client, phongtho_report, SimpleUploadedFile("Biên bản hội nghị.pdf", upload_content))
    evidence = Evidence.objects.get()
    assert evidence.original_name == "Biên bản hội nghị.pdf"
    assert "Biên bản" not in evidence.file.name
    assert len(evidence.file.name.rsplit("/", 1)[-1]) >= 32
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == upload_content
    client.force_login(leadership_user)
    assert client.get(evidence.get_absolute_url()).status_code == 200
    client.force_login(tamduong_user)
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_attaching_a_file_saves_what_was_typed_first(unit_client, phongtho_report):
    response = press(
        unit_client,
        edit_url(phongtho_report),
        typed(phongtho_report),
        "attach",
        **{"evidence-report": pdf_file()},
    )
    page = response.content.decode()
    assert "Đã đính kèm tệp: bien-ban.pdf." in page
    assert "Đã lưu bản nháp." in page
    assert phongtho_report.answers.filter(results=TYPED).exists()
    assert TYPED in page  # the page shows it again, saved
    evidence = phongtho_report.evidence.get()
    assert evidence.task is None
    assert evidence.original_name == "bien-ban.pdf"


def test_a_file_is_attached_to_one_of_the_units_tasks(unit_client, phongtho_report):
    task = first_task(phongtho_report)
    press(
        unit_client,
        edit_url(phongtho_report),
        typed(phongtho_report),
        "attach",
        **{f"evidence-task-{task.pk}": pdf_file("anh-hoi-nghi.pdf")},
    )
    evidence = phongtho_report.evidence.get()
    assert evidence.task == task
    detail = unit_client.get(reverse("reports:report_detail", args=[phongtho_report.pk]))
    row = next(r for r in detail.context["page"].task_rows if r.task == task)
    assert row.evidence == [evidence]
    assert detail.context["page"].report_evidence == []
    assert "Minh chứng cho nhiệm vụ này" in detail.content.decode()


def test_a_task_not_assigned_to_the_unit_takes_no_file(unit_user, unit_client, phongtho_report):
    other = (
        Task.objects.filter(group__directive=phongtho_report.period.directive)
        .exclude(pk__in=workflow.tasks_for(phongtho_report).values("pk"))
        .first()
    )
    attach(unit_client, phongtho_report, pdf_file(), slot=f"task-{other.pk}")
    assert not phongtho_report.evidence.exists()
    with pytest.raises(ValidationError):
        workflow.attach_evidence(
            report=phongtho_report, upload=pdf_file(), task=other, by=unit_user
        )
    assert not phongtho_report.evidence.exists()


def test_a_refused_file_still_saves_what_was_typed(unit_client, phongtho_report):
    response = press(
        unit_client,
        edit_url(phongtho_report),
        typed(phongtho_report),
        "attach",
        **{"evidence-report": SimpleUploadedFile("ghi-chu.txt", b"text")},
    )
    page = response.content.decode()
    assert "Chưa đính kèm được ghi-chu.txt" in page
    assert phongtho_report.answers.filter(results=TYPED).exists()
    assert not phongtho_report.evidence.exists()


def test_a_form_with_errors_attaches_nothing_and_shows_what_was_typed(unit_client, phongtho_report):
    data = typed(phongtho_report)
    ratio = next(key for key in data if key.endswith("-numerator"))
    data[ratio] = "1200"  # more than the denominator
    response = press(
        unit_client, edit_url(phongtho_report), data, "attach", **{"evidence-report": pdf_file()}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đính kèm tệp nào" in page
    assert TYPED in page
    assert not phongtho_report.evidence.exists()
    assert not phongtho_report.answers.exists()


def test_attach_without_a_file_says_so_and_keeps_the_text(unit_client, phongtho_report):
    response = press(unit_client, edit_url(phongtho_report), typed(phongtho_report), "attach")
    assert "Hãy chọn tệp để đính kèm." in response.content.decode()
    assert phongtho_report.answers.filter(results=TYPED).exists()


def test_save_draft_attaches_a_chosen_file_too(unit_client, phongtho_report):
    press(
        unit_client,
        edit_url(phongtho_report),
        typed(phongtho_report),
        "save",
        **{"evidence-report": pdf_file()},
    )
    assert phongtho_report.evidence.exists()


def test_a_refused_file_stops_the_submission_but_not_the_save(unit_client, phongtho_report):
    response = press(
        unit_client,
        edit_url(phongtho_report),
        typed(phongtho_report),
        "submit",
        **{"evidence-report": SimpleUploadedFile("ghi-chu.txt", b"text")},
    )
    assert "chưa được gửi: có tệp không đính kèm được" in response.content.decode()
    phongtho_report.refresh_from_db()
    assert phongtho_report.status == "draft"
    assert phongtho_report.answers.filter(results=TYPED).exists()


# --- removing ---------------------------------------------------------------------------


def test_removing_evidence_saves_the_typed_text_deletes_the_file_and_keeps_the_history(
    unit_client, unit_user, phongtho_report, media_root, django_capture_on_commit_callbacks
):
    attach(unit_client, phongtho_report, pdf_file("bien-ban-cu.pdf"))
    evidence = phongtho_report.evidence.get()
    stored = media_root / evidence.file.name
    assert stored.exists()
    phongtho_report.refresh_from_db()
    url = reverse("reports:evidence_remove", args=[evidence.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = unit_client.post(url, typed(phongtho_report), follow=True)
    assert "Đã gỡ tệp: bien-ban-cu.pdf." in response.content.decode()
    assert not phongtho_report.evidence.exists()
    assert not stored.exists()
    assert phongtho_report.answers.filter(results=TYPED).exists()
    # One click, one entry in the history: the typing saved and the file removed.
    changes = {
        (c.subject, c.field, c.old, c.new) for c in report_history(phongtho_report)[0].changes
    }
    assert ("Minh chứng của báo cáo", "tên tệp", "bien-ban-cu.pdf", "") in changes
    assert any(new == TYPED for _subject, _field, _old, new in changes)


def test_attaching_and_removing_a_tasks_file_are_in_the_history(unit_client, phongtho_report):
    task = first_task(phongtho_report)
    attach(unit_client, phongtho_report, pdf_file("anh.pdf"), slot=f"task-{task.pk}")
    evidence = phongtho_report.evidence.get()
    unit_client.post(
        reverse("reports:evidence_remove", args=[evidence.pk]),
        {"version": phongtho_report.version},
    )
    removed, attached = report_history(phongtho_report)[:2]
    subject = f"Minh chứng của nhiệm vụ: {task.text[:60]}"
    assert removed.action == "Gỡ minh chứng"
    assert [(c.subject, c.field, c.old, c.new) for c in removed.changes] == [
        (subject, "tên tệp", "anh.pdf", "")
    ]
    assert attached.action == "Đính kèm minh chứng"
    assert [(c.subject, c.field, c.old, c.new) for c in attached.changes] == [
        (subject, "tên tệp", "", "anh.pdf")
    ]
    page = unit_client.get(reverse("reports:report_detail", args=[phongtho_report.pk]))
    assert "Gỡ minh chứng" in page.content.decode()


def test_the_edit_page_offers_to_remove_each_file_within_the_form(unit_client, phongtho_report):
    attach(unit_client, phongtho_report, pdf_file())
    evidence = phongtho_report.evidence.get()
    page = unit_client.get(edit_url(phongtho_report)).content.decode()
    remove = reverse("reports:evidence_remove", args=[evidence.pk])
    start = page.index('class="report-form"')
    assert start < page.index(f'formaction="{remove}"') < page.index("</form>", start)


def test_evidence_cannot_be_removed_once_the_report_is_submitted(
    client, unit_user, submitted_report
):
    evidence = Evidence.objects.create(
        report=submitted_report,
        file=pdf_file(),
        original_name="bien-ban.pdf",
        size=1,
        uploaded_by=unit_user,
    )
    client.force_login(unit_user)
    url = reverse("reports:evidence_remove", args=[evidence.pk])
    assert client.post(url).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.remove_evidence(evidence=evidence, by=unit_user)
    page = client.get(reverse("reports:report_detail", args=[submitted_report.pk]))
    assert f"evidence/{evidence.pk}/remove" not in page.content.decode()


# --- the other buttons of the form -------------------------------------------------------


def test_downloading_the_template_saves_the_typed_text_into_it(unit_client, phongtho_report):
    response = press(unit_client, edit_url(phongtho_report), typed(phongtho_report), "template")
    assert response.redirect_chain[-1][0].endswith("?download=template")
    page = response.content.decode()
    template_url = reverse("reports:report_template", args=[phongtho_report.pk])
    assert f'href="{template_url}" download data-auto-download' in page
    workbook = openpyxl.load_workbook(io.BytesIO(unit_client.get(template_url).content))
    cells = [cell for row in workbook["Nhiệm vụ"].iter_rows(values_only=True) for cell in row]
    assert TYPED in cells


def test_uploading_a_workbook_saves_the_typed_text_first(unit_client, phongtho_report):
    """The workbook was downloaded before the typing: once the typing is saved, the preview
    says the report changed since, rather than overwrite it."""
    template = unit_client.get(reverse("reports:report_template", args=[phongtho_report.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    filled = SimpleUploadedFile("bao-cao.xlsx", fill_in_workbook(workbook, phongtho_report))
    response = unit_client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]),
        {**typed(phongtho_report), "file": filled},
    )
    assert phongtho_report.answers.filter(results=TYPED).exists()
    problems = [problem.message for problem in response.context["preview"].problems]
    assert any("đã được thay đổi sau khi tải mẫu" in message for message in problems), problems


def test_uploading_a_workbook_with_nothing_typed_changes_nothing_first(
    unit_client, phongtho_report
):
    template = unit_client.get(reverse("reports:report_template", args=[phongtho_report.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    filled = SimpleUploadedFile("bao-cao.xlsx", fill_in_workbook(workbook, phongtho_report))
    response = unit_client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]),
        {"version": phongtho_report.version, "file": filled},
    )
    assert not response.context["preview"].problems
    phongtho_report.refresh_from_db()
    assert phongtho_report.version == 1


def test_every_button_of_the_report_form_is_inside_it(unit_client, phongtho_report):
    """A button or link after the form would leave the page without what was typed (the
    site's own links and the language switch ask first, in the browser)."""
    attach(unit_client, phongtho_report, pdf_file())
    page = unit_client.get(edit_url(phongtho_report)).content.decode()
    start = page.index('class="report-form"')
    end = page.index("</form>", start)
    main, rest = page[start:end], page[end : page.index("</main>")]
    for label in (
        "Lưu nháp",
        "Lưu và gửi báo cáo",
        "Đính kèm",
        "Gỡ",
        "Tải mẫu Excel",
        "Tải lên và kiểm tra",
    ):
        assert f">{label}<" in main, label
    assert "<button" not in rest and "<a " not in rest
