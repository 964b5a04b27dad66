"""The reader refuses what is too large before reading it, with a message saying so, and
reads a large text within the limit in time that grows with the text, not faster."""

import copy
import io
import zipfile
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from directives.documents import (
    MAX_DOCX_BODY_BYTES,
    MAX_DOCX_MEMBERS,
    DocumentError,
    text_from_docx,
)
from directives.models import Directive
from directives.parsing import MAX_PARTS, MAX_TEXT_CHARS, ParseError, parse_text
from jobs.models import Job
from tests.directives.importing import read_in_background
from tests.directives.work import calls as _calls

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
PLAN_3707 = SOURCES / "001_e1b72a20e9d27a54.txt"
SENTENCE = "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các đơn vị rà soát cơ sở vật chất. "
HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Số: 12/KH-UBND",
    "Lai Châu, ngày 05 tháng 10 năm 2025",
    "KẾ HOẠCH",
    "Triển khai nhiệm vụ năm học 2025 - 2026",
    "I. NHIỆM VỤ",
    "1. Nâng cao chất lượng giáo dục",
]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def word_file(characters: int, *, paragraph_length: int = 20_000) -> bytes:
    """A .docx saved by python-docx holding about `characters` of text: a plan's header,
    then one long paragraph and copies of it (repetitive, so it compresses very well)."""
    document = docx.Document()
    for line in HEADER:
        document.add_paragraph(line)
    text = (SENTENCE * (paragraph_length // len(SENTENCE) + 1))[:paragraph_length]
    paragraph = document.add_paragraph(text)._p
    for _ in range(characters // paragraph_length - 1):
        paragraph.addnext(copy.deepcopy(paragraph))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def word_bomb() -> bytes:
    """About 100 KB that unpacks to 14 million characters of text."""
    return word_file(14_000_000)


def unpacked_body_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.getinfo("word/document.xml").file_size


def plan_of_length(characters: int) -> tuple[str, int]:
    """Kế hoạch 3707 with its body repeated to about `characters`, and how many copies."""
    lines = PLAN_3707.read_text(encoding="utf-8").split("\n")
    body_at = next(i for i, line in enumerate(lines) if line.startswith("I. "))
    closing_at = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    head = "\n".join(lines[:body_at]) + "\n"
    body = "\n".join(lines[body_at:closing_at]) + "\n"
    tail = "\n".join(lines[closing_at:])
    copies = max(1, (characters - len(head) - len(tail)) // len(body))
    return head + body * copies + tail, copies


def test_a_small_word_file_that_unpacks_to_millions_of_characters_is_refused_unread(
    word_bomb, monkeypatch
):
    """The package's declared sizes are checked before python-docx unpacks anything."""
    assert len(word_bomb) < 200_000
    assert unpacked_body_size(word_bomb) > MAX_DOCX_BODY_BYTES

    def never(*args, **kwargs):
        raise AssertionError("python-docx was asked to read the file")

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(DocumentError, match="khi giải nén") as refused:
        text_from_docx(word_bomb)
    assert "15 MB" in str(refused.value)


@pytest.mark.django_db
def test_the_import_page_refuses_that_word_file_with_the_message(client, staff_user, word_bomb):
    """Uploaded on the page, it gets the message beside the form and creates nothing."""
    client.force_login(staff_user)
    before = Directive.objects.count()
    upload = SimpleUploadedFile("ke-hoach.docx", word_bomb)
    job, response = read_in_background(client, upload)
    assert job.status == Job.Status.FAILED and "khi giải nén" in job.error_message
    page = response.content.decode()
    assert escape(job.error_message) in page and "Không thành công" in page
    assert Directive.objects.count() == before


def test_a_word_file_with_more_text_than_the_reader_takes_is_refused():
    """Within the unpacked limits but over the reader's: reading stops with the message."""
    data = word_file(MAX_TEXT_CHARS + 200_000)
    assert unpacked_body_size(data) < MAX_DOCX_BODY_BYTES
    with pytest.raises(DocumentError, match="2.000.000 ký tự"):
        text_from_docx(data)


def test_a_word_file_of_too_many_parts_is_refused():
    """A package of thousands of small parts is refused by its count, before unpacking."""
    data = io.BytesIO(word_file(40_000))
    with zipfile.ZipFile(data, "a") as package:
        for n in range(MAX_DOCX_MEMBERS):
            package.writestr(f"extra/part{n}.xml", "<a/>")
    with pytest.raises(DocumentError, match="quá nhiều thành phần"):
        text_from_docx(data.getvalue())


def test_a_word_plan_within_the_limits_is_still_read():
    """The checks leave an ordinary Word plan alone."""
    text = text_from_docx(word_file(200_000))
    assert text.startswith("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 12/KH-UBND")
    parsed = parse_text(text)
    assert parsed["number"] == "12" and parsed["issued_on"] == "2025-10-05"


@pytest.mark.django_db
def test_an_over_long_text_file_on_the_import_page_gets_the_message(client, staff_user):
    """A .txt over the limit (an upload: pasted text that long exceeds Django's own request
    limit first; a text file that large is read in the background) is refused with the
    length and the limit, and nothing is created."""
    client.force_login(staff_user)
    before = Directive.objects.count()
    text, _copies = plan_of_length(MAX_TEXT_CHARS + 50_000)
    upload = SimpleUploadedFile("ke-hoach.txt", text.encode("utf-8"))
    job, response = read_in_background(client, upload)
    assert job.status == Job.Status.FAILED
    assert "Văn bản quá dài" in job.error_message and "2.000.000 ký tự" in job.error_message
    assert escape(job.error_message) in response.content.decode()
    assert Directive.objects.count() == before


def test_the_command_refuses_an_over_long_text(tmp_path):
    """import_directive gives the same message for a text over the limit."""
    path = tmp_path / "ke-hoach.txt"
    path.write_text(plan_of_length(MAX_TEXT_CHARS + 50_000)[0], encoding="utf-8")
    with pytest.raises(CommandError, match="Văn bản quá dài"):
        call_command("import_directive", str(path), "--dry-run")


def test_a_plan_of_one_and_a_half_million_characters_is_read_whole():
    """Within the limit, a long plan is read to its end: every copy of its body, its
    signer and its appendix."""
    text, copies = plan_of_length(1_500_000)
    assert 1_400_000 < len(text) <= MAX_TEXT_CHARS
    parsed = parse_text(text)
    alone = parse_text(PLAN_3707.read_text(encoding="utf-8"))
    assert len(parsed["task_groups"]) == copies * len(alone["task_groups"])
    assert parsed["number"] == "3707" and parsed["symbol"] == "KH-UBND"
    assert parsed["signer"] == alone["signer"]
    assert len(parsed["indicators"]) == 26


def test_a_text_of_thousands_of_one_word_tasks_is_refused_with_a_message():
    """Short, but each line a task: more than the review page can show is refused."""
    text = "\n".join(HEADER) + "\n" + "- Làm.\n" * (MAX_PARTS + 1)
    assert len(text) < 50_000
    with pytest.raises(ParseError, match="hơn 5.000 mục"):
        parse_text(text)


# Each of these made the reader run for minutes or hours before it was made linear (one line
# of 19 000 spaces after "Số" alone took hours); they are read now like any other text.
LONG_SHAPES = {
    "a number line of spaces": "\n".join(
        [HEADER[0], "Số" + " " * 19_000 + "x", *HEADER[3:], "- Làm."]
    ),
    "news leads of spaces": "\n".join(
        [*HEADER[3:5], *["Ngày 11/9/2020, " + " " * 19_000 + "UBND tỉnh"] * 60, *HEADER[5:]]
    ),
    "unclosed quotations": "\n".join(
        [*HEADER, *["chủ đề năm học “Đổi mới và phương châm nhiệm vụ năm học “x " * 300] * 60]
    ),
    "one paragraph of continued lines": "\n".join(
        [*HEADER, "- Sở Giáo dục chủ trì", *["tiếp tục rà soát và"] * 70_000]
    ),
    "a text section of many paragraphs": "\n".join(
        [*HEADER[:4], "I. MỤC ĐÍCH, YÊU CẦU", *["Bảo đảm tính đồng bộ."] * 60_000, *HEADER[5:]]
    ),
    "table rows of spaces": "\n".join(
        [*HEADER, "- Làm.", "PHỤ LỤC", *["| 1 |" + " " * 19_000 + "x"] * 60]
    ),
}


@pytest.mark.parametrize("shape", LONG_SHAPES)
def test_texts_that_once_took_minutes_are_read(shape):
    """Read to the end like any plan (no timing here: a regression would show as minutes)."""
    parsed = parse_text(LONG_SHAPES[shape])
    assert parsed["doc_type"] == "KH"
    assert parsed["task_groups"] or parsed["sections"]


def _references(characters: int) -> str:
    unit = "Thực hiện Quyết định ngày 01/6/2020 của Bộ GD&ĐT về việc {} tăng cường quản lý."
    lines = [unit.format(n) for n in range(characters // len(unit))]
    return "\n".join([*HEADER[3:5], *lines, *HEADER[5:], "- Làm."])


WORK_SHAPES = {
    "a plan": lambda size: plan_of_length(size)[0],
    "many references": _references,
}


@pytest.mark.parametrize("shape", WORK_SHAPES)
def test_reading_four_times_the_text_takes_about_four_times_the_work(shape):
    """Counted in calls, not seconds: a quadratic step (each reference compared with every
    one kept, the whole text searched again for each) would take sixteen times the work."""
    build = WORK_SHAPES[shape]
    small, large = build(40_000), build(160_000)
    ratio = (_calls(parse_text, large) / len(large)) / (_calls(parse_text, small) / len(small))
    assert ratio < 1.3


@pytest.mark.django_db
def test_pasted_text_over_the_limit_gets_the_message_not_a_bad_request(client, staff_user):
    """Pasted as the form sends it (multipart, UTF-8), a Vietnamese text just over the
    reader's limit reaches the page, which says what is too long."""
    client.force_login(staff_user)
    text, _copies = plan_of_length(MAX_TEXT_CHARS + 50_000)
    assert len(text.encode("utf-8")) > 2_621_440  # past Django's default request limit
    response = client.post(reverse("directives:directive_import"), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Văn bản quá dài" in page and "2.000.000 ký tự" in page
