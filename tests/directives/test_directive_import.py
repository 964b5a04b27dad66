"""Reading a directive through the page and the command: nothing is created before
confirmation, and confirming creates everything at once."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from directives.documents import DocumentError, text_from_docx
from directives.models import Directive

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
