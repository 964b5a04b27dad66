"""Documents as they arrive: a PDF's text layer, a scan read by OCR, a Word file's lists.

OCR takes seconds a page on these machines: the whole suite OCRs six pages (three here, one
for the blurred scan, the two scans of the corpus), and nothing read is kept between tests.
"""

import io
import json
import subprocess
import tempfile
import time
from pathlib import Path

import docx
import pytest
import weasyprint
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFilter

from directives.documents import DocumentError, read_document, text_from_docx
from directives.documents.layout import Word, lines_of_rows, rows_of_words
from directives.documents.ocr import doubtful_words, is_vietnamese_spelling
from directives.parsing import parse_text
from jobs.models import Job
from tests.directives.corpus.make_word import LETTERS, OUTLINE, SYMBOL_BULLETS, Writer
from tests.directives.importing import read_in_background

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CORPUS = Path(__file__).resolve().parent / "corpus"
HEADER_FIELDS = ("doc_type", "number", "symbol", "issuer", "issued_on", "title")
INDICATOR_FIELDS = ("name", "unit", "baseline", "baseline_year", "target", "target_year")


def marked(path: str, result: dict) -> bool:
    """The field, or the item holding it, is in the result's "unsure" list."""
    fields = {mark["field"] for mark in result["unsure"]}
    return path in fields or path.rsplit(".", 1)[0] in fields


def render(pdf: bytes, page: int, dpi: int) -> Image.Image:
    """A page of a PDF as pdftoppm renders it, in grey."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page)]
            + ["-l", str(page), str(source), f"{folder}/page"],
            check=True,
        )
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("L")


def scan_of(pdf: bytes, pages: list[int], *, dpi: int = 300) -> bytes:
    """A PDF of page images, as an office scanner in black-and-white mode makes it."""
    images = [
        render(pdf, page, dpi).point(lambda p: 255 if p > 110 else 0).convert("1") for page in pages
    ]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def html_pdf(body: str, page_css: str = "") -> bytes:
    style = (
        "@page { size: A4; margin: 20mm 15mm 20mm 30mm; " + page_css + " }"
        'body { font-family: "Liberation Serif"; font-size: 14pt; }'
        "table.grid { border-collapse: collapse; width: 100%; }"
        "table.grid td, table.grid th { border: 0.6pt solid black; padding: 2pt 4pt; }"
        "table.head { width: 100%; font-size: 12pt; } table.head td { text-align: center; }"
        "p { margin: 0 0 4pt; }"
    )
    page = (
        f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()


HEAD = (
    '<table class="head"><tr><td style="width:42%"><b>ỦY BAN NHÂN DÂN<br>TỈNH LAI CHÂU</b></td>'
    "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>"
    "<tr><td>Số: 215/KH-UBND</td><td><i>Lai Châu, ngày 12 tháng 9 năm 2024</i></td></tr></table>"
)


@pytest.mark.django_db
def test_a_scanned_page_of_3707_reads_back_its_header_and_appendix(plan_3707):
    """The product's own PDF of 3707/KH-UBND, its first page and its appendix scanned in black
    and white at 300 dpi and read by OCR, gives the fixture's header and 26 indicators; a
    value the OCR may have misread is marked, none is wrong unmarked."""
    import pdfplumber

    from reports.exports.pdf import directive_pdf

    exported = directive_pdf(plan_3707)
    with pdfplumber.open(io.BytesIO(exported)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    appendix = [n for n, text in enumerate(texts, start=1) if "PHỤ LỤC" in text]
    assert appendix, "the export has an appendix page"
    pages = [1, *range(appendix[0], len(texts) + 1)]
    assert len(pages) <= 3  # the OCR budget of the suite (see the module's docstring)

    document = read_document("3707-scan.pdf", scan_of(exported, pages))
    assert document.method == "ocr"
    result = parse_text(document.text, doubtful=document.doubtful)

    fixture = json.loads((FIXTURES / "directives/3707-KH-UBND-2024.json").read_text("utf-8"))
    for field in HEADER_FIELDS:
        assert result[field] == fixture[field] or marked(field, result), field
    assert len(result["indicators"]) == len(fixture["indicators"]) == 26
    wrong = []
    for index, (want, got) in enumerate(
        zip(fixture["indicators"], result["indicators"], strict=True)
    ):
        for field in INDICATOR_FIELDS:
            path = f"indicators[{index}].{field}"
            if got[field] != want[field]:
                wrong.append(path)
                assert marked(path, result), (path, got[field], want[field])
    # The numbers staff track are read right, not only marked.
    numbers = [p for p in wrong if p.endswith(("baseline", "target"))]
    assert not numbers, numbers
    assert len(wrong) <= 3, wrong


def test_a_text_pdf_reads_header_columns_then_body_and_keeps_table_cells():
    """The header's two columns read left then right; a ruled table comes out one row per
    line with its cells apart, a wrapped cell joined; page numbers, the footer repeated on
    each page and the table's head repeated on the next page are dropped."""
    rows = "".join(
        f"<tr><td>{n}</td><td>Tỷ lệ trường đạt chuẩn quốc gia mức độ {n} ở các xã vùng cao"
        f"</td><td>%</td><td>{n},5</td><td>{n + 10}</td></tr>"
        for n in range(1, 31)
    )
    body = (
        HEAD + "<p><b>KẾ HOẠCH</b></p><p>Nội dung kế hoạch.</p>"
        "<p>PHỤ LỤC</p><p>CHỈ TIÊU NĂM HỌC 2024 - 2025</p>"
        "<p>(Kèm theo Kế hoạch số 215/KH-UBND ngày 12 tháng 9 năm 2024)</p>"
        '<table class="grid"><thead><tr><th>TT</th><th>Chỉ tiêu</th>'
        "<th>Đơn vị</th><th>Năm học 2023-2024</th><th>Năm học 2024-2025</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    page_css = (
        '@top-center { content: counter(page); } @bottom-right { content: "Kế hoạch '
        '215/KH-UBND - Trang " counter(page) "/" counter(pages); }'
    )
    document = read_document("ke-hoach.pdf", html_pdf(body, page_css))
    lines = document.text.splitlines()
    assert document.method == "pdf" and not document.doubtful
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "Số: 215/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lai Châu, ngày 12 tháng 9 năm 2024",
    ]
    assert "TT | Chỉ tiêu | Đơn vị | Năm học 2023-2024 | Năm học 2024-2025" in lines
    assert lines.count("TT | Chỉ tiêu | Đơn vị | Năm học 2023-2024 | Năm học 2024-2025") == 1
    assert "1 | Tỷ lệ trường đạt chuẩn quốc gia mức độ 1 ở các xã vùng cao | % | 1,5 | 11" in lines
    assert (
        "30 | Tỷ lệ trường đạt chuẩn quốc gia mức độ 30 ở các xã vùng cao | % | 30,5 | 40" in lines
    )
    assert not any("Trang" in line for line in lines)
    assert not any(line.strip().isdigit() for line in lines)
    indicators = parse_text(document.text)["indicators"]
    assert [i["order"] for i in indicators] == list(range(1, 31))


def test_a_blurred_low_resolution_scan_marks_what_the_ocr_doubted():
    """A blurred scan at low resolution: the words the OCR was unsure of are doubtful, and the
    fields holding them are marked "ocr" for staff to check first."""
    pdf = html_pdf(
        HEAD + "<p><b>KẾ HOẠCH</b></p><p><b>Tổ chức hội khỏe Phù Đổng cấp tỉnh năm 2024</b></p>"
        "<p>I. NHIỆM VỤ</p><p>1. Công tác chuẩn bị</p>"
        "<p>- Các huyện thành lập đoàn vận động viên trước ngày 15/10/2024.</p>"
    )
    image = render(pdf, 1, 110)
    blurred = image.crop((0, 0, image.width, image.height // 3)).filter(
        ImageFilter.GaussianBlur(1.2)
    )
    out = io.BytesIO()
    blurred.save(out, format="PNG", dpi=(110, 110))
    document = read_document("scan.png", out.getvalue())
    assert document.method == "ocr"
    assert document.doubtful
    result = parse_text(document.text, doubtful=document.doubtful)
    assert any(mark["reason"] == "ocr" for mark in result["unsure"]), result["unsure"]


def test_doubtful_words_leave_out_a_word_read_surely_elsewhere():
    """A word read with low confidence once but surely elsewhere is not doubtful; a doubtful
    number is doubtful as the appendix writes it too; a spelling no Vietnamese syllable has
    is doubtful however sure the OCR was."""
    words = [
        Word("Châu", 0, 1, 0, 1, 40),
        Word("Châu,", 0, 1, 0, 1, 96),
        Word("32,7", 0, 1, 0, 1, 50),
        Word("xóamù", 0, 1, 0, 1, 91),
        Word("THCS", 0, 1, 0, 1, 95),
    ]
    assert doubtful_words(words) == {"32,7", "32.7", "xóamù"}
    assert all(map(is_vietnamese_spelling, ["người", "khuyến", "nghiêng", "KH-UBND", "GD&ĐT"]))
    assert not any(map(is_vietnamese_spelling, ["Chỉtiêu", "hocsinh"]))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer", "bị hỏng"),
        ("khong-phai.pdf", b"GIF89a not a pdf", "không phải là tệp PDF"),
        ("anh.png", b"\x89PNG\r\n\x1a\n broken", "không phải là ảnh"),
    ],
)
def test_a_damaged_file_is_refused_with_a_vietnamese_message(name, data, message):
    with translation.override("vi"), pytest.raises(DocumentError, match=message):
        read_document(name, data)


def test_a_pdf_protected_by_a_password_is_refused_with_a_message():
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(html_pdf(HEAD)))
    writer.encrypt("mat-khau-so")
    protected = io.BytesIO()
    writer.write(protected)
    with translation.override("vi"), pytest.raises(DocumentError, match="mật khẩu"):
        read_document("bao-mat.pdf", protected.getvalue())


def test_word_lists_show_the_numbers_and_bullets_word_draws():
    """Outline numbering (I., 1., a), -), a list of letters restarted for a second group,
    bullets from a symbol font, and the List Number / List Bullet styles."""
    w = Writer()
    outline = w.new_list(OUTLINE)
    letters = w.new_list(LETTERS)
    bullets = w.new_list(SYMBOL_BULLETS)
    w.para("NHIỆM VỤ", num=outline, level=0)
    w.para("Công tác tuyên truyền", num=outline, level=1)
    w.para("Treo băng rôn", num=outline, level=2)
    w.para("Phát tờ rơi", num=outline, level=2)
    w.para("Công tác kiểm tra", num=outline, level=1)
    w.para("Kiểm tra hồ sơ", num=outline, level=2)
    w.para("Giao Sở Y tế", num=outline, level=3)
    w.para("TỔ CHỨC THỰC HIỆN", num=outline, level=0)
    w.para("Thứ nhất", num=letters)
    w.para("Thứ hai", num=letters)
    again = w.new_list(LETTERS, restart_of=letters)
    w.para("Lại từ đầu", num=again)
    w.para("Một gạch đầu dòng", num=bullets)
    w.para("Một ý nhỏ", num=bullets, level=1)
    w.para("Nhóm theo kiểu", style="List Number")
    w.para("Ý theo kiểu", style="List Bullet")
    out = io.BytesIO()
    w.document.save(out)
    assert text_from_docx(out.getvalue()).splitlines() == [
        "I. NHIỆM VỤ",
        "1. Công tác tuyên truyền",
        "a) Treo băng rôn",
        "b) Phát tờ rơi",
        "2. Công tác kiểm tra",
        "a) Kiểm tra hồ sơ",
        "- Giao Sở Y tế",
        "II. TỔ CHỨC THỰC HIỆN",
        "a) Thứ nhất",
        "b) Thứ hai",
        "a) Lại từ đầu",
        "- Một gạch đầu dòng",
        "+ Một ý nhỏ",
        "1. Nhóm theo kiểu",
        "- Ý theo kiểu",
    ]


def test_a_word_header_laid_out_as_a_table_reads_left_column_then_right():
    w = Writer()
    w.layout_table(
        [
            (
                ["UBND TỈNH LAI CHÂU", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"],
                ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
            ),
            (["Số: 1520/KH-SGDĐT"], ["Lai Châu, ngày 09 tháng 9 năm 2024"]),
        ]
    )
    w.para("KẾ HOẠCH")
    out = io.BytesIO()
    w.document.save(out)
    assert text_from_docx(out.getvalue()).splitlines() == [
        "UBND TỈNH LAI CHÂU",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 1520/KH-SGDĐT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lai Châu, ngày 09 tháng 9 năm 2024",
        "KẾ HOẠCH",
    ]
    assert isinstance(docx.Document(io.BytesIO(out.getvalue())), object)


def test_a_list_marker_column_reads_across_not_down():
    """ "1." set apart from its text by a wide gap is a list marker, not a column."""
    words = [
        Word("1.", 0, 10, 0, 12),
        Word("Rà", 40, 55, 0, 12),
        Word("soát", 58, 80, 0, 12),
        Word("2.", 0, 10, 14, 26),
        Word("Báo", 40, 58, 14, 26),
        Word("cáo", 61, 80, 14, 26),
    ]
    assert lines_of_rows(rows_of_words(words)) == ["1. Rà soát", "2. Báo cáo"]


def test_the_layout_of_words_takes_time_in_proportion_to_their_number():
    """Tens of thousands of words, in long lines or many short ones, are laid out in time
    that grows with their number (sorting aside), not with its square."""

    def page(lines: int, per_line: int) -> list[Word]:
        return [
            Word("chữ", x * 30.0, x * 30.0 + 20, y * 14.0, y * 14.0 + 12)
            for y in range(lines)
            for x in range(per_line)
        ]

    def seconds(words: list[Word]) -> float:
        best = float("inf")
        for _ in range(3):  # the best of three: other work on the machine only slows a run
            start = time.perf_counter()
            lines_of_rows(rows_of_words(words))
            best = min(best, time.perf_counter() - start)
        return best

    # Four times the words: about four times the time (quadratic would be sixteen).
    small, large = seconds(page(200, 50)), seconds(page(800, 50))
    assert large < 8 * small + 0.05, (small, large)
    small, large = seconds(page(1, 10000)), seconds(page(1, 40000))
    assert large < 8 * small + 0.05, (small, large)
    long_token = "a" * 200_000
    start = time.perf_counter()
    is_vietnamese_spelling(long_token)
    assert time.perf_counter() - start < 0.5


@pytest.mark.django_db
def test_staff_upload_a_pdf_on_the_import_page_and_review_what_was_read(client, staff_user):
    client.force_login(staff_user)
    path = CORPUS / "pdf" / "laichau-ubnd-chuyen-doi-so-nhieu-trang.pdf"
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/pdf")
    job, response = read_in_background(client, upload)
    assert job.status == Job.Status.DONE and response.status_code == 200
    assert response.context["parsed"]["number"] == "4125"
    assert response.context["parsed"]["symbol"] == "KH-UBND"
    assert len(response.context["parsed"]["indicators"]) == 4
    assert "4125" in response.content.decode()


def test_a_scanned_page_under_a_digital_signature_box_is_read_by_ocr(tmp_path):
    """A signed scan carries the signature's few words in a text layer over the page image:
    the page is still a scan, sent to OCR; a page of text is not."""
    from directives.documents.pdf import _text_layer

    picture = tmp_path / "page.png"
    Image.new("L", (620, 877), 235).save(picture)
    body = (
        f"<img src='{picture.as_uri()}' style='width:210mm;height:296mm;display:block'>"
        "<p style='position:absolute;top:250mm;left:120mm;font-size:9pt'>"
        "Người ký: Ủy ban nhân dân tỉnh Lai Châu<br>Thời gian ký: 17.09.2024 16:20:01</p>"
        "<p style='page-break-before:always'>" + "Nội dung kế hoạch trang hai. " * 20 + "</p>"
    )
    page = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    signed = weasyprint.HTML(string=page, base_url=str(tmp_path)).write_pdf(
        stylesheets=[weasyprint.CSS(string="@page { size: A4; margin: 0 }")]
    )
    _, scanned = _text_layer(signed)
    assert scanned == [0]
    document = read_document("da-ky.pdf", signed)  # the blank scan through Tesseract itself
    assert document.method == "ocr"
    assert "Nội dung kế hoạch trang hai." in document.text


def test_the_reader_reports_each_page_it_reads_and_each_page_it_recognises():
    """What a background import shows: the text layer page by page, then the scanned
    pages by OCR, in Vietnamese, the percent never going back."""
    steps = []
    with translation.override("vi"):
        path = CORPUS / "pdf" / "laichau-ubnd-chuyen-doi-so-nhieu-trang.pdf"
        read_document(path.name, path.read_bytes(), progress=lambda *step: steps.append(step))
        assert [text for text, _percent in steps] == [
            "Đang đọc trang 1/3",
            "Đang đọc trang 2/3",
            "Đang đọc trang 3/3",
        ]
        steps.clear()
        scan = CORPUS / "pdf" / "phongtho-ubnd-xa-scan.pdf"
        document = read_document(
            scan.name, scan.read_bytes(), progress=lambda *step: steps.append(step)
        )
    assert document.method == "ocr"
    assert [text for text, _percent in steps] == [
        "Đang đọc trang 1/1",
        "Đang nhận dạng chữ (OCR) trang 1/1",
    ]
    percents = [percent for _text, percent in steps]
    assert percents == sorted(percents) and all(0 <= p <= 100 for p in percents)
