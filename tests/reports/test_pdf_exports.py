"""The official PDFs, opened with pypdf and read as a reader would: text, fonts, pages."""

import datetime
import io
import re
import unicodedata
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from directives.localization import format_decimal
from directives.models import Agency, Directive
from indicators.models import Indicator
from indicators.rollup import Judgement
from reports import workflow
from reports.demo import PERIOD_NAME
from reports.exports.charts import achievement_bar_chart, unit_values_chart
from reports.exports.pdf import directive_pdf, official_date, report_pdf, synthesis_pdf
from reports.exports.synthesis import synthesis_data
from reports.selectors import RollupRow, UnitValueRow

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points
TOP_MARGIN = 20 / 25.4 * 72  # 20 mm in points
# Every Vietnamese vowel with every tone, and đ: a missing glyph would silently vanish.
EVERY_LETTER = (
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ "
    "uùúủũụ ưừứửữự yỳýỷỹỵ đ AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ "
    "OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ"
)


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(pdf: PdfReader, pages=None) -> str:
    """The extracted text with whitespace normalised, as one line."""
    chosen = pdf.pages if pages is None else [pdf.pages[i] for i in pages]
    text = " ".join(page.extract_text() for page in chosen)
    return " ".join(unicodedata.normalize("NFC", text).split())


def fonts_of(pdf: PdfReader) -> dict[str, bool]:
    """Every font the pages use, drawn text and charts alike: name → embedded."""
    fonts, seen = {}, set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else None
        if not resources or id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            name = str(font["/BaseFont"]).split("+")[-1]
            fonts[name] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in pdf.pages:
        walk(page.get("/Resources"))
    return fonts


def top_margin_text(page) -> list[str]:
    """The text drawn inside the page's top margin."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > float(page.mediabox.height) - TOP_MARGIN:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def assert_official(pdf: PdfReader) -> None:
    """A4 on every page; every font embedded and a face of Liberation Serif (any other
    name would be a fallback for a glyph the face lacks)."""
    for page in pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.5
        )
    fonts = fonts_of(pdf)
    assert fonts, "no font found"
    for name, embedded in fonts.items():
        assert name.replace("-", "").startswith("LiberationSerif"), name
        assert embedded, f"{name} is not embedded"


@pytest.fixture
def demo_period(demo):
    return demo


def test_directive_pdf_reads_as_the_official_document(plan_3707):
    pdf = read(directive_pdf(plan_3707))
    assert_official(pdf)
    first_page = text_of(pdf, [0])
    assert "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" in first_page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_page
    assert "Độc lập - Tự do - Hạnh phúc" in first_page
    assert "Số: 3707/KH-UBND" in first_page
    # The place is not stated in the source, so the date stands alone.
    assert "ngày 17 tháng 9 năm 2024" in first_page
    assert "KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM" in first_page
    assert "Chỉ thị số 31/CT-TTg" in first_page
    text = text_of(pdf)
    assert "III. CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM HỌC 2024 - 2025" in text
    assert "Chủ trì: Sở Tài chính" in text
    assert "Phối hợp: UBND huyện Mường Tè" in text
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text
    assert "Tống Thanh Hải" in text
    assert "Nơi nhận:" in text
    appendix = text_of(pdf, [len(pdf.pages) - 2, len(pdf.pages) - 1])
    assert "PHỤ LỤC" in appendix
    assert "(Kèm theo Kế hoạch số 3707/KH-UBND ngày 17 tháng 9 năm 2024" in appendix
    assert (
        "TT Chỉ tiêu Năm học 2023-2024 Năm học 2024-2025 "
        "Đơn vị Chỉ tiêu đạt được Đơn vị Chỉ tiêu phấn đấu"
    ) in appendix
    assert "2 Tỷ lệ huy động trẻ mẫu giáo % 99,8 % 99,85" in appendix
    assert "1 Tỷ lệ huy động trẻ nhà trẻ % 32,7 % 32,8" in appendix


def test_page_numbers_stand_in_the_top_margin_from_page_two_on(plan_3707):
    pdf = read(directive_pdf(plan_3707))
    assert len(pdf.pages) > 2
    assert top_margin_text(pdf.pages[0]) == []
    assert top_margin_text(pdf.pages[1]) == ["2"]
    assert top_margin_text(pdf.pages[-1]) == [str(len(pdf.pages))]


def test_appendix_header_is_repeated_on_every_page_it_spans(plan_3707):
    pdf = read(directive_pdf(plan_3707))
    last_page = text_of(pdf, [len(pdf.pages) - 1])
    assert "Chỉ tiêu đạt được" in last_page and "26 Tỷ lệ thiết bị dạy học tối thiểu" in last_page


def test_unnumbered_plan_keeps_its_symbol_and_blank_date():
    plan = Directive.objects.get(symbol="KH-PGDĐT")
    pdf = read(directive_pdf(plan))
    assert_official(pdf)
    header = text_of(pdf, [0])
    # A district office names its people's committee above itself.
    assert "UBND HUYỆN PHONG THỔ PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in header
    assert "Số: /KH-PGDĐT" in header
    assert "Phong Thổ, ngày ... tháng ... năm ..." in header


def test_directive_without_number_or_symbol_has_no_number_line():
    directive = Directive.objects.get(issuer__code="bg-ubnd")
    pdf = read(directive_pdf(directive))
    header = text_of(pdf, [0])
    assert "CHỈ THỊ" in header
    assert "Số:" not in header
    # Days below 10 take a leading zero, as Nghị định 30/2020 writes them.
    assert "ngày 08 tháng 9 năm 2020" in header


def test_every_vietnamese_letter_comes_from_the_embedded_face():
    directive = Directive.objects.create(
        doc_type=Directive.DocType.KE_HOACH,
        issuer=Agency.objects.get(code="lc-sgddt"),
        title=EVERY_LETTER,
        preamble="Ủy ban nhân dân huyện Phong Thổ; nghiêng, đậm, gạch chân.",
    )
    pdf = read(directive_pdf(directive))
    assert_official(pdf)
    text = text_of(pdf)
    assert EVERY_LETTER in text
    assert "Ủy ban nhân dân huyện Phong Thổ" in text
    assert "UBND TỈNH LAI CHÂU SỞ GIÁO DỤC VÀ ĐÀO TẠO" in text


def test_official_date_follows_the_decree():
    assert official_date(datetime.date(2024, 9, 17), "Lai Châu") == (
        "Lai Châu, ngày 17 tháng 9 năm 2024"
    )
    assert official_date(datetime.date(2025, 2, 5)) == "ngày 05 tháng 02 năm 2025"
    assert official_date(None) == "ngày ... tháng ... năm ..."


def test_report_pdf_shows_what_the_unit_submitted(submitted_report):
    pdf = read(report_pdf(submitted_report))
    assert_official(pdf)
    text = text_of(pdf)
    assert "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO Kết quả thực hiện Kế hoạch số 3707/KH-UBND" in text
    assert "Sơ kết học kỳ I năm học 2024 - 2025" in text
    assert "Đơn vị báo cáo: Ủy ban nhân dân huyện Phong Thổ" in text
    assert "Tình trạng: Đã nộp" in text
    assert "Đang chờ xem xét." in text
    assert "Tình trạng: Đang triển khai" in text
    assert "Kết quả đạt được: Đã triển khai kế hoạch tới 100% trường học." in text
    assert "Tồn tại, hạn chế, khó khăn và nguyên nhân: Thiếu giáo viên Tiếng Anh." in text
    assert "Đề xuất, kiến nghị: Bổ sung biên chế." in text
    # 995 of 1.000 children: 99,5 %, not better than last year's 99,5 → Chưa đạt.
    assert "2 Tỷ lệ huy động trẻ mẫu giáo % 99,8 99,5 995/1.000 Chưa đạt" in text
    assert "8 Số đơn vị cấp xã đạt chuẩn phổ cập giáo dục THCS mức độ 3 Xã 3 3 Đạt" in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text


def test_returned_report_pdf_shows_the_reviewers_reason(submitted_report, staff_user):
    workflow.return_report(
        report=submitted_report,
        reason="Số liệu chỉ tiêu 2 chưa khớp với hồ sơ phổ cập; đề nghị rà soát lại.",
        by=staff_user,
    )
    text = text_of(read(report_pdf(submitted_report)))
    assert "Tình trạng: Trả lại" in text
    # A line may break after the hyphen of the username.
    assert "người xem xét: chuyenvien-test" in text.replace("- ", "-")
    assert (
        "Lý do trả lại: Số liệu chỉ tiêu 2 chưa khớp với hồ sơ phổ cập; đề nghị rà soát lại."
        in text
    )


def test_approved_report_pdf_names_the_reviewer(submitted_report, staff_user):
    workflow.approve_report(report=submitted_report, by=staff_user)
    text = text_of(read(report_pdf(submitted_report)))
    assert "Tình trạng: Đã duyệt" in text
    assert "người duyệt: chuyenvien-test" in text
    assert "Lý do trả lại" not in text


def test_report_pdf_renders_in_vietnamese_whatever_the_active_language(submitted_report):
    with translation.override("en"):
        text = text_of(read(report_pdf(submitted_report)))
    assert "Tình trạng: Đã nộp" in text
    assert "99,5" in text


def test_synthesis_pdf_of_the_demo_period(demo_period):
    with translation.override("en"):  # a user reading the site in English
        pdf = read(synthesis_pdf(demo_period))
    assert_official(pdf)
    header = text_of(pdf, [0])
    assert "UBND TỈNH LAI CHÂU SỞ GIÁO DỤC VÀ ĐÀO TẠO" in header
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in header
    assert f"BÁO CÁO Kết quả thực hiện Kế hoạch số 3707/KH-UBND ({PERIOD_NAME})" in header
    assert top_margin_text(pdf.pages[0]) == []
    assert top_margin_text(pdf.pages[1]) == ["2"]

    text = text_of(pdf)
    # Completeness: the counts per status, the late and the missing units.
    data = synthesis_data(demo_period)
    assert f"Số đơn vị phải báo cáo: {len(data.board.rows)}; trong đó chưa nộp: " in text
    # Four districts and two of the Sở's divisions approved.
    assert "đã duyệt: 6" in text and "trả lại: 1" in text
    # Mường Tè submitted two days after the due date; Phong Thổ has submitted nothing.
    assert "Đơn vị nộp muộn (1): Ủy ban nhân dân huyện Mường Tè (muộn 2 ngày)." in text
    overdue = (timezone.localdate() - demo_period.due_on).days
    assert f"Ủy ban nhân dân huyện Phong Thổ (chưa nộp, quá hạn {overdue} ngày)" in text
    assert (
        "Đơn vị đang sửa báo cáo để nộp lại (1): Ủy ban nhân dân huyện Nậm Nhùn (trả lại)" in text
    )
    # Task status, by group and by unit.
    assert "Tổng hợp từ 6 báo cáo đã được duyệt" in text
    assert "Chưa triển khai Đang triển khai Hoàn thành Chậm tiến độ Tổng số" in text
    assert "Ủy ban nhân dân huyện Tam Đường" in text
    # The indicator table: baseline, target, province value, achievement, judgement.
    judgements = set()
    with translation.override("vi"):
        for row in data.indicators:
            if row.denominator:
                expected = (
                    f"{format_decimal(row.province_value)} "
                    f"{format_decimal(row.numerator)}/{format_decimal(row.denominator)} "
                    f"{format_decimal(row.achievement)} {row.judgement.label}"
                )
                assert expected in text, expected
                judgements.add(str(row.judgement.label))
    assert judgements == {"Đạt", "Tiến bộ", "Chưa đạt"}
    assert "2 Tỷ lệ huy động trẻ mẫu giáo Còn thiếu 4 đơn vị % 99,8 99,85" in text
    # The charts are drawn as SVG, their labels set in the same face.
    assert "Tỷ lệ đạt so với chỉ tiêu (%)" in text
    with translation.override("vi"):
        assert f"{format_decimal(data.indicators[0].achievement)}%" in text
    assert "Biểu đồ 2. Số liệu các đơn vị" in text
    assert "UBND huyện Tam Đường" in text
    # Difficulties and proposals gathered by group.
    assert "Khó khăn, hạn chế: Một số điểm trường lẻ ở vùng sâu, vùng xa" in text
    assert "Đề xuất, kiến nghị: Đề nghị tỉnh bố trí kinh phí kiên cố hóa" in text
    assert "GIÁM ĐỐC" in text


def test_synthesis_data_takes_a_fixed_number_of_queries(demo_period, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        data = synthesis_data(demo_period)
    assert data.tasks.report_count == 6  # four districts, two divisions
    assert sum(row.total for row in data.tasks.by_agency) == data.tasks.totals.total > 0


def test_directive_and_report_pdfs_take_a_fixed_number_of_queries(
    plan_3707, submitted_report, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        directive_pdf(plan_3707)
    # Tasks answered one by one, groups answered as a whole and the implementers' state
    # each cost a query or two, whatever their number.
    with django_assert_max_num_queries(15):
        report_pdf(submitted_report)


def test_synthesis_of_a_period_with_nothing_approved_says_so(period):
    text = text_of(read(synthesis_pdf(period)))
    assert "Chưa có báo cáo nào được duyệt." in text
    assert "Các báo cáo đã duyệt không nêu khó khăn hay đề xuất nào." in text


def rollup_row(order, name, achievement, judgement, units=()):
    return RollupRow(
        indicator=Indicator(order=order, name=name, unit="%"),
        province_value=achievement,
        achievement=achievement,
        judgement=judgement,
        units=list(units),
    )


def test_charts_are_plain_svg_with_the_face_named_on_every_text():
    rows = [
        rollup_row(1, "Tỷ lệ huy động trẻ nhà trẻ", Decimal("98.02"), Judgement.NOT_MET),
        rollup_row(2, "Tỷ lệ <huy động> & trẻ", Decimal("99.85"), Judgement.PROGRESS),
        rollup_row(3, "Tỷ lệ hoàn thành", None, None),
    ]
    agency = Agency(name="Ủy ban nhân dân huyện Phong Thổ", short_name="UBND huyện Phong Thổ")
    rows[0].units = [
        UnitValueRow(agency, Decimal("31.5"), None, None, Decimal("32.8"), Judgement.NOT_MET)
    ]
    with translation.override("vi"):
        charts = [achievement_bar_chart(rows), unit_values_chart(rows[0])]
    for svg in charts:
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        assert "foreignObject" not in svg and "<script" not in svg
        assert svg.count("<text ") == svg.count('font-family="Liberation Serif"')
    assert "99,85%" in charts[0] and "98,02%" in charts[0]
    assert "&lt;huy động&gt; &amp; trẻ" in charts[0]
    assert "chưa có số liệu" in charts[0]
    assert "UBND huyện Phong Thổ" in charts[1] and "31,5" in charts[1]


def test_a_report_pdf_has_a_number_line_and_its_place_as_a_bao_cao_does(submitted_report):
    """Nghị định 30/2020: "Số: .../BC-..." with the number left blank for the office when
    none is given, and the date after the place of the issuing agency."""
    first_page = text_of(read(report_pdf(submitted_report)), [0])
    assert re.search(r"Số:\s+/BC-UBND", first_page), first_page[:400]
    assert "Phong Thổ, ngày" in first_page
    numbered = text_of(read(report_pdf(submitted_report, number="27")), [0])
    assert "Số: 27/BC-UBND" in numbered


def test_the_synthesis_pdf_is_numbered_and_dated_at_the_departments_place(demo_period):
    first_page = text_of(read(synthesis_pdf(demo_period, number="115")), [0])
    assert "Số: 115/BC-SGDĐT" in first_page
    assert re.search(r"Lai Châu, ngày \d\d tháng \d+ năm \d{4}", first_page), first_page[:400]


@pytest.mark.parametrize(
    ("name", "parent", "place", "letters"),
    [
        ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", None, "Lai Châu", "SGDĐT"),
        ("Ủy ban nhân dân huyện Phong Thổ", None, "Phong Thổ", "UBND"),
        ("Phòng Giáo dục và Đào tạo thành phố Lai Châu", None, "Lai Châu", "PGDĐT"),
        # After the 2025 reform a commune's culture and society office reports.
        ("Phòng Văn hóa - Xã hội", "Ủy ban nhân dân xã Bum Nưa", "Bum Nưa", "PVHXH"),
        ("Ủy ban nhân dân phường Tân Phong", None, "Tân Phong", "UBND"),
        ("Sở Giáo dục và Đào tạo thành phố Hải Phòng", None, "Hải Phòng", "SGDĐT"),
    ],
)
def test_place_and_symbol_letters_come_from_the_agencys_name(name, parent, place, letters):
    from directives.models import Agency
    from reports.exports.pdf import place_of, symbol_letters

    agency = Agency(name=name, parent=Agency(name=parent) if parent else None)
    assert place_of(agency) == place
    assert symbol_letters(agency) == letters


def test_the_charts_show_the_indicators_furthest_behind_not_the_first_ones():
    """Behind is measured in each indicator's direction, as a share of its target."""
    from reports.exports.synthesis import key_indicators

    def row(order, target, value, direction="raise"):
        indicator = Indicator(order=order, name=f"Chỉ tiêu {order}", unit="%")
        indicator.target_value, indicator.direction = Decimal(target), direction
        unit = UnitValueRow(
            agency=Agency(name="Ủy ban nhân dân huyện Tam Đường"),
            value=Decimal(value),
            numerator=None,
            denominator=None,
            target=None,
            judgement=None,
        )
        return RollupRow(
            indicator=indicator,
            province_value=Decimal(value),
            achievement=None,
            judgement=Judgement.NOT_MET,
            units=[unit],
        )

    rows = [
        row(1, "99", "98.9"),  # a tenth of a point short
        row(2, "10", "5"),  # half short
        row(3, "2", "4", direction="lower"),  # twice the ceiling: furthest behind
        row(4, "50", "60"),  # met
        row(5, "80", "60"),  # a quarter short
    ]
    assert [r.indicator.order for r in key_indicators(rows, count=3)] == [3, 2, 5]
