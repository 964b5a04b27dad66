"""Reading a directive through the page and the command: nothing is created before
confirmation, and confirming creates everything at once."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from directives.documents import DocumentError, text_from_docx
from directives.models import Directive, ImportedDocument
from jobs.models import Job
from tests.directives.importing import job_of, read_in_background
from tests.factories import UserFactory
from tests.jobs.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"


def docx_bytes(paragraphs, table_rows=()):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_is_read_one_cell_per_line():
    data = docx_bytes(
        ["PHỤ LỤC"], [["TT", "Chỉ tiêu", "Đơn vị"], ["1", "Tỷ lệ huy động trẻ nhà trẻ", "%"]]
    )
    lines = text_from_docx(data).splitlines()
    assert lines == ["PHỤ LỤC", "TT", "Chỉ tiêu", "Đơn vị", "1", "Tỷ lệ huy động trẻ nhà trẻ", "%"]


def test_a_broken_word_file_gets_a_clear_message():
    with pytest.raises(DocumentError):
        text_from_docx(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError):
        text_from_docx(b"plain text")


def test_the_command_prints_json_matching_the_fixture_and_creates_nothing(capsys):
    before = Directive.objects.count()
    call_command(
        "import_directive", str(SOURCES / "001_e1b72a20e9d27a54.txt"), "--dry-run", "--json"
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed["number"] == "3707" and printed["symbol"] == "KH-UBND"
    assert printed["issuer_code"] == "lc-ubnd"
    assert len(printed["indicators"]) == 26
    assert Directive.objects.count() == before


def test_the_command_refuses_a_directive_already_in_the_system():
    with pytest.raises(CommandError) as exc:
        call_command("import_directive", str(SOURCES / "001_e1b72a20e9d27a54.txt"))
    assert "đã có trong hệ thống" in str(exc.value)


def test_the_command_creates_a_directive(tmp_path):
    Directive.objects.filter(number="3707").delete()
    call_command("import_directive", str(SOURCES / "001_e1b72a20e9d27a54.txt"))
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    assert plan.indicators.count() == 26
    assert plan.task_groups.count() == 12


def test_only_staff_read_directives(client, unit_user, leadership_user):
    for user in (unit_user, leadership_user):
        client.force_login(user)
        assert client.get(reverse("directives:directive_import")).status_code == 403


def test_empty_or_foreign_input_gets_a_message_and_creates_nothing(client, staff_user):
    client.force_login(staff_user)
    before = Directive.objects.count()
    url = reverse("directives:directive_import")
    page = client.post(url, {"text": "   "}).content.decode()
    assert "Hãy dán nội dung hoặc chọn tệp." in page
    response = client.post(url, {"text": "Danh sách mua sắm: gạo, muối, nước mắm."})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert Directive.objects.count() == before


def test_paste_correct_and_confirm(client, staff_user):
    Directive.objects.filter(number="3707").delete()
    client.force_login(staff_user)
    url = reverse("directives:directive_import")
    text = (SOURCES / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    review = client.post(url, {"text": text})
    assert review.status_code == 200
    assert not Directive.objects.filter(number="3707").exists()  # nothing before confirming
    form = review.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    data["issuer"] = (
        form["issuer"].value().pk
        if hasattr(form["issuer"].value(), "pk")
        else form["issuer"].value()
    )
    data["indicator-1-target"] = "99,9"  # the staff member corrects indicator 2
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    assert str(plan.indicators.get(order=2).target_value.normalize()) == "99.9"
    assert plan.task_groups.count() == 12


def review_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    return data


def test_staff_reassign_an_agency_and_add_a_missing_one(client, staff_user):
    from directives.models import Agency, Assignment

    client.force_login(staff_user)
    url = reverse("directives:directive_import")
    text = (SOURCES / "002_03cf67ac18087470.txt").read_text(encoding="utf-8")
    form = client.post(url, {"text": text}).context["form"]
    data = review_data(form)
    mentions = {
        field.label: name
        for name, field in form.fields.items()
        if "-agency-" in name and not name.endswith("-new")
    }
    unknown = mentions["Các đơn vị giáo dục"]
    assert data[unknown] == []  # not in the tree
    data[f"{unknown}-new"] = "on"
    known = mentions["Phòng Lao động - Thương binh và Xã hội"]
    data[known] = ["lc-phongtho-pldtbxh", "lc-phongtho-pgd"]
    response = client.post(url, {k: v for k, v in data.items() if v != [] and v is not False})
    assert response.status_code == 302, response.context["form"].errors
    plan = Directive.objects.filter(symbol="KH-PGDĐT").latest("pk")
    new = Agency.objects.get(name="Các đơn vị giáo dục")
    assert new.parent.code == "lc-ubnd"
    task = plan.task_groups.get(order=1).tasks.get(order=1)
    roles = dict(Assignment.objects.filter(task=task).values_list("agency__code", "role"))
    assert roles[new.code] == "lead"
    assert roles["lc-phongtho-pgd"] == "coordinate"


def test_a_word_plan_with_a_real_appendix_table_is_read():
    from directives.parsing import parse_text

    document = docx.Document()
    for text in [
        "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "Số: 12/KH-UBND",
        "Lai Châu, ngày 05 tháng 10 năm 2025",
        "KẾ HOẠCH",
        "Triển khai nhiệm vụ năm học 2025 - 2026",
        "I. NHIỆM VỤ",
        "1. Nâng cao chất lượng giáo dục",
        "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính rà soát cơ sở vật chất.",
        "PHỤ LỤC",
    ]:
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=6)
    header = ["TT", "Chỉ tiêu", "Năm học 2024-2025", "", "Năm học 2025-2026", ""]
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 4).merge(table.cell(0, 5))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    for c, value in enumerate(
        ["", "", "Đơn vị", "Chỉ tiêu đạt được", "Đơn vị", "Chỉ tiêu phấn đấu"]
    ):
        if value:
            table.cell(1, c).text = value
    for r, row in enumerate(
        [
            ["1", "Tỷ lệ huy động trẻ nhà trẻ", "%", "32,8", "%", "33,5"],
            ["2", "Số người học xóa mù chữ", "Người", "1.234", "Người", "1.500"],
        ],
        start=2,
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = parse_text(text_from_docx(buffer.getvalue()))
    assert parsed["number"] == "12" and parsed["symbol"] == "KH-UBND"
    assert parsed["issued_on"] == "2025-10-05"
    assert [(i["order"], i["unit"], i["baseline"], i["target"]) for i in parsed["indicators"]] == [
        (1, "%", "32.8", "33.5"),
        (2, "Người", "1234", "1500"),
    ]


def test_a_broken_word_file_on_the_page_fails_its_job_with_the_message(client, staff_user):
    client.force_login(staff_user)
    before = Directive.objects.count()
    upload = SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04broken")
    job, page = read_in_background(client, upload)
    assert job.status == Job.Status.FAILED
    assert job.error_message == "Tệp không phải là văn bản Word (.docx)."
    assert job.error_message in page.content.decode()
    assert Directive.objects.count() == before


def test_a_word_file_is_read_in_the_background_then_reviewed_and_confirmed(
    client, staff_user, media_root, django_capture_on_commit_callbacks
):
    """The upload is kept in private storage for the job, which ends on the same review
    as pasted text; confirming there creates the plan; the file goes with its job."""
    Directive.objects.filter(number="3707").delete()
    client.force_login(staff_user)
    text = (SOURCES / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    upload = SimpleUploadedFile("ke-hoach-3707.docx", docx_bytes(text.splitlines()))
    response = client.post(reverse("directives:directive_import"), {"file": upload})
    job = job_of(response)
    assert job.title == "Đọc văn bản ke-hoach-3707.docx" and job.owner == staff_user
    kept = ImportedDocument.objects.get(job=job)
    assert kept.file.name == f"imports/{job.pk}.docx" and kept.parsed is None
    assert (media_root / kept.file.name).read_bytes()[:2] == b"PK"
    review_url = reverse("directives:directive_import_review", args=[job.pk])
    assert client.get(review_url).status_code == 404  # not read yet

    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result_url == review_url
    review = client.get(review_url)
    assert review.status_code == 200
    assert review.context["parsed"]["number"] == "3707"
    assert review.context["parsed"]["source_file"] == "ke-hoach-3707.docx"
    page = review.content.decode()
    assert f'action="{reverse("directives:directive_import")}"' in page
    assert not Directive.objects.filter(number="3707").exists()  # nothing before confirming
    # Nobody else opens it, not even other staff.
    other = UserFactory(username="chuyenvien2", role=roles.DEPARTMENT_STAFF)
    client.force_login(other)
    assert client.get(review_url).status_code == 404
    client.force_login(staff_user)
    data = review_data(review.context["form"])
    data["indicator-1-target"] = "99,9"
    confirmed = client.post(reverse("directives:directive_import"), data)
    assert confirmed.status_code == 302, confirmed.context["form"].errors
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    assert str(plan.indicators.get(order=2).target_value.normalize()) == "99.9"
    assert plan.task_groups.count() == 12
    # Pruned with its job, the upload leaves storage.
    with django_capture_on_commit_callbacks(execute=True):
        Job.objects.get(pk=job.pk).delete()
    assert not ImportedDocument.objects.exists()
    assert not (media_root / kept.file.name).exists()


def test_a_small_text_file_is_read_at_once(client, staff_user):
    client.force_login(staff_user)
    text = (SOURCES / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    upload = SimpleUploadedFile("ke-hoach.txt", text.encode("utf-8"))
    response = client.post(reverse("directives:directive_import"), {"file": upload})
    assert response.status_code == 200 and response.context["parsed"]["number"] == "3707"
    assert not Job.objects.exists()


def test_a_file_over_the_limit_is_refused_at_once(client, staff_user, settings):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    response = client.post(reverse("directives:directive_import"), {"file": upload})
    assert response.status_code == 200
    assert "lớn hơn 10 MB" in response.content.decode()
    assert not Job.objects.exists() and not ImportedDocument.objects.exists()
