"""The reader takes a directive's header by the rules of Vietnamese administrative documents.

Issuers of every level, symbols, dates, Công văn, Báo cáo, a Quyết định that issues a plan, a
text holding only its header, and what it marks as unsure there.
"""

import contextlib

import pytest

from directives.parsing import ParseError, parse_text
from tests.directives.work import calls as _calls

BODY = (
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng.\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhóm thứ nhất\n- Rà soát mạng lưới trường lớp.\n"
)
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _plan(left: str, rest: str = "Số: 12/KH-UBND\nLai Châu, ngày 05 tháng 9 năm 2024\n") -> dict:
    return parse_text(f"{left}\n{rest}KẾ HOẠCH\nThực hiện nhiệm vụ năm học\n{BODY}")


def _unsure(data: dict) -> dict[str, str]:
    return {mark["field"]: mark["reason"] for mark in data["unsure"]}


@pytest.mark.parametrize(
    ("left", "issuer"),
    [
        ("UBND TỈNH LAI CHÂU\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
        (
            "UBND HUYỆN PHONG THỔ\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "Phòng Giáo dục và Đào tạo huyện Phong Thổ",
        ),
        (
            "UBND THÀNH PHỐ LAI CHÂU\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "Phòng Giáo dục và Đào tạo thành phố Lai Châu",
        ),
        (
            "UBND TỈNH ĐIỆN BIÊN\nBAN CHỈ ĐẠO PHỔ CẬP GIÁO DỤC,\nXÓA MÙ CHỮ",
            "Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ tỉnh Điện Biên",
        ),
        ("ỦY BAN NHÂN DÂN\nXÃ BÌNH LƯ", "Ủy ban nhân dân xã Bình Lư"),
        ("UBND PHƯỜNG ĐOÀN KẾT", "Ủy ban nhân dân phường Đoàn Kết"),
        ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("HỘI ĐỒNG NHÂN DÂN\nTỈNH LAI CHÂU", "Hội đồng nhân dân tỉnh Lai Châu"),
        (
            "UBND TỈNH LAI CHÂU\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu",
        ),
        (
            "SỞ GD&ĐT LAI CHÂU\nTRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN",
            "Trường THPT Chuyên Lê Quý Đôn",
        ),
        (
            "UBND HUYỆN TAM ĐƯỜNG\nTRƯỜNG TRUNG HỌC CƠ SỞ BÌNH LƯ",
            "Trường Trung học cơ sở Bình Lư",
        ),
        (
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Ủy ban nhân dân tỉnh Quảng Ninh",
        ),
        (
            "UBND TỈNH LAI CHÂU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc",
            "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
        ),
        (f"UBND TỈNH SƠN LA\n{MOTTO}SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo tỉnh Sơn La"),
        (
            "UBND TỈNH LAI CHÂU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc",
            "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
        ),
        ("UBND tỉnh Lai Châu\nSở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
        (
            "UBND TỈNH LAI CHÂU\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nHỎA TỐC",
            "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
        ),
        (
            "UBND HUYỆN PHONG THỔ PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "Phòng Giáo dục và Đào tạo huyện Phong Thổ",
        ),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỘI AN", "Ủy ban nhân dân thành phố Hội An"),
        ("UBND HUYỆN EA H'LEO", "Ủy ban nhân dân huyện Ea H'Leo"),
    ],
)
def test_the_issuer_is_the_lowest_organisation_of_the_left_column(left, issuer):
    """The last organisation of the left column issues the document, in proper case and with
    its parent's place when it names none; read plainly, it is not marked unsure."""
    data = _plan(left)
    assert data["issuer"] == issuer
    assert "issuer" not in _unsure(data)


def test_the_issuers_place_is_spelled_as_the_place_date_spells_it():
    """The place-date is in the document's own case: the issuer's place takes it."""
    data = _plan("UBND HUYỆN ĐẮK R'LẤP", "Số: 1/KH-UBND\nĐắk R'Lấp, ngày 25 tháng 9 năm 2023\n")
    assert data["issuer"] == "Ủy ban nhân dân huyện Đắk R'Lấp"


def test_the_province_counted_in_the_text_stops_at_the_end_of_its_line():
    """ "tỉnh Đắk Lắk" at the end of a line is not followed by the next line's first word."""
    data = parse_text(
        "CHỈ THỊ Về nhiệm vụ năm học 2024 - 2025 trên địa bàn tỉnh Đắk Lắk\n\n"
        "Ngày 10/9/2024, UBND tỉnh ban hành Chỉ thị 08/CT-UBND về nhiệm vụ năm học.\n" + BODY
    )
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Đắk Lắk"


def test_a_headline_in_small_letters_is_not_an_issuer():
    """Without a "Số" line below it, a line in small letters opening with "Sở ..." is a web
    page's headline, not the issuer."""
    data = parse_text("Sở Giáo dục tổ chức hội nghị tổng kết\nKẾ HOẠCH\nNhiệm vụ\n" + BODY)
    assert data["issuer"] is None
    assert _unsure(data)["issuer"] == "missing"


@pytest.mark.parametrize(
    ("line", "number", "symbol"),
    [
        ("Số: 1520/KH-SGD&ĐT", "1520", "KH-SGD&ĐT"),
        ("Số: 2317/QĐ-UBND-VX", "2317", "QĐ-UBND-VX"),
        ("Số: 07/KH-BCĐ", "07", "KH-BCĐ"),
        ("Số: 256/CV-SGDĐT-GDTrH", "256", "CV-SGDĐT-GDTrH"),
        ("Số: 1234 /SGDĐT-GDTrH", "1234", "SGDĐT-GDTrH"),
        ("Số: 15/2024/QĐ-UBND", "15", "QĐ-UBND"),
        ("SỐ: 9/KH-UBND", "9", "KH-UBND"),
        ("Số 67-KH/TU", "67", "KH/TU"),
    ],
)
def test_symbols_with_ampersands_and_several_parts_are_read_whole(line, number, symbol):
    """The symbol is read to its end, "&" and every part included."""
    data = _plan("UBND TỈNH LAI CHÂU", f"{line}\nLai Châu, ngày 05 tháng 9 năm 2024\n")
    assert (data["number"], data["symbol"]) == (number, symbol)


@pytest.mark.parametrize(
    "rest",
    [
        "Số: 12/KH-UBND     Lai Châu, ngày 05 tháng 9 năm 2024\n",
        "Số: 12/KH-UBND\tLai Châu, ngày 05 tháng 9 năm 2024\n",
        "Số: 12/KH-UBND | Lai Châu, ngày 05 tháng 9 năm 2024\n",
        "Số: 12/KH-UBND Lai Châu, ngày 05 tháng 9 năm 2024\n",
        "Số: 12/KH-UBND\nLai Châu, ngày 05 tháng 9\nnăm 2024\n",
        f"Số: 12/KH-UBND\n{MOTTO}Lai Châu, ngày 05 tháng 9 năm 2024\n",
    ],
)
def test_the_date_beside_the_number_or_split_over_two_lines_is_read(rest):
    """A text copy of the two-column header puts number and date side by side, or wraps the
    date: both are read, plainly."""
    data = _plan("UBND TỈNH LAI CHÂU", rest)
    assert (data["symbol"], data["place"], data["issued_on"]) == (
        "KH-UBND",
        "Lai Châu",
        "2024-09-05",
    )
    assert "issued_on" not in _unsure(data)


CONG_VAN = (
    "UBND HUYỆN PHONG THỔ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO              Độc lập - Tự do - Hạnh phúc\n"
    "Số: 412/PGDĐT-THCS                  Phong Thổ, ngày 12 tháng 3 năm 2024\n"
    "V/v triển khai công tác phổ cập\n"
    "giáo dục năm 2024\n\n"
    "Kính gửi:\n- Hiệu trưởng các trường Tiểu học;\n- Hiệu trưởng các trường THCS.\n\n"
    "Phòng Giáo dục và Đào tạo đề nghị các đơn vị thực hiện:\n"
    "1. Điều tra số liệu\n- Cập nhật số liệu phổ cập trước ngày 30/9/2024.\n"
    "Nơi nhận:                                         KT. TRƯỞNG PHÒNG\n"
    "- Như Kính gửi;                                   PHÓ TRƯỞNG PHÒNG\n"
    "- Lưu: VT.\n\n"
    "                                                  Vàng A Dí\n"
)


def test_a_cong_van_is_read_with_its_subject_as_title():
    """A Công văn has no type line: it is a "CV", its "V/v" subject (wrapped or not) is its
    title, and the addressees under "Kính gửi" are not tasks."""
    data = parse_text(CONG_VAN)
    assert (data["doc_type"], data["number"], data["symbol"]) == ("CV", "412", "PGDĐT-THCS")
    assert data["title"] == "Triển khai công tác phổ cập giáo dục năm 2024"
    assert data["issuer"] == "Phòng Giáo dục và Đào tạo huyện Phong Thổ"
    assert data["issued_on"] == "2024-03-12"
    tasks = [task["text"] for group in data["task_groups"] for task in group["tasks"]]
    assert tasks == ["Cập nhật số liệu phổ cập trước ngày 30/9/2024."]


def test_a_signer_beside_the_recipients_is_read():
    """ "Nơi nhận: <spaces> KT. TRƯỞNG PHÒNG": the right column is the signer's block."""
    data = parse_text(CONG_VAN)
    assert data["signer"] == {
        "name": "Vàng A Dí",
        "capacity": "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG",
    }
    assert data["recipients"][0] == "Như Kính gửi;"


def test_a_bao_cao_is_read():
    """ "BÁO CÁO / Kết quả ..." is a "BC" with its wrapped title."""
    data = parse_text(
        "UBND PHƯỜNG ĐOÀN KẾT\nSố: 142/BC-UBND\nĐoàn Kết, ngày 28 tháng 10 năm 2025\n"
        "BÁO CÁO\nKết quả triển khai nhiệm vụ đầu năm học 2025 - 2026\n"
        "trên địa bàn phường\n\n" + BODY
    )
    assert (data["doc_type"], data["title"]) == (
        "BC",
        "Kết quả triển khai nhiệm vụ đầu năm học 2025 - 2026 trên địa bàn phường",
    )


DECISION = (
    "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "Số: 512/QĐ-UBND\n"
    "Tuyên Quang, ngày 25 tháng 8 năm 2025\n\n"
    "QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện nhiệm vụ năm học 2025 - 2026\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
    "Căn cứ Chỉ thị số 20/CT-BGDĐT ngày 12/8/2025 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
    "QUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện nhiệm vụ năm học.\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    "Điều 3. Giám đốc Sở Giáo dục và Đào tạo chịu trách nhiệm thi hành Quyết định này./.\n"
    "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Việt Phương\n\n"
    "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\n" + MOTTO + "\nKẾ HOẠCH\n"
    "Thực hiện nhiệm vụ năm học 2025 - 2026\n"
    "(Ban hành kèm theo Quyết định số 512/QĐ-UBND ngày 25/8/2025\n"
    "của Chủ tịch UBND tỉnh Tuyên Quang)\n\n" + BODY
)


def test_a_decision_that_issues_a_plan_is_read_as_that_plan_under_the_decisions_header():
    """The header, number and title are the Quyết định's; its grounds and articles are not
    tasks; the attached plan gives the sections, groups and tasks; the decision's signer."""
    data = parse_text(DECISION)
    assert (data["doc_type"], data["number"], data["symbol"]) == ("QĐ", "512", "QĐ-UBND")
    assert data["title"] == "Ban hành Kế hoạch thực hiện nhiệm vụ năm học 2025 - 2026"
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert [s["number"] for s in data["sections"]] == ["I", "II"]
    tasks = [task["text"] for group in data["task_groups"] for task in group["tasks"]]
    assert tasks == ["Rà soát mạng lưới trường lớp."]
    assert data["signer"] == {"name": "Hoàng Việt Phương", "capacity": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"}
    assert [ref["symbol"] for ref in data["implements"] if ref["symbol"]] == ["CT-BGDĐT"]


def test_a_decision_signed_in_capitals_keeps_its_signer_before_the_attached_plan():
    """A signer's name in capitals just above the plan's header is the decision's signer."""
    data = parse_text(DECISION.replace("\nHoàng Việt Phương\n\n", "\nHOÀNG VIỆT PHƯƠNG\n"))
    assert data["signer"]["name"] == "HOÀNG VIỆT PHƯƠNG"
    assert [s["number"] for s in data["sections"]] == ["I", "II"]


def test_a_decision_without_its_plan_is_read_as_far_as_it_goes():
    """The enacting authority under the title is not the signer; the grounds are preamble."""
    data = parse_text(DECISION.split("QUYẾT ĐỊNH:")[0])
    assert (data["doc_type"], data["symbol"], data["task_groups"]) == ("QĐ", "QĐ-UBND", [])
    assert data["signer"] == {"name": None, "capacity": None}
    assert data["preamble"].startswith("Căn cứ Luật")


@pytest.mark.parametrize(
    "text",
    [
        "UBND TỈNH NGHỆ AN\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 1834 /SGDĐT-GDTrH\n"
        "V/v hướng dẫn nhiệm vụ năm học 2024 - 2025\nNghệ An, ngày 06 tháng 9 năm 2024\n",
        "Số: 5/KH-UBND\nLai Châu, ngày 11/9/2020\nKẾ HOẠCH\nNhiệm vụ năm học\n",
        "UBND TỈNH LAI CHÂU\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n",
    ],
)
def test_a_text_holding_only_its_header_is_read_not_refused(text):
    """A recognisable header (an issuer, or a type with its number line) is enough to read."""
    data = parse_text(text)
    assert data["task_groups"] == []
    assert data["issuer"] or data["symbol"]


def test_a_text_without_any_header_is_still_refused():
    """No issuer, no type and number: not a directive."""
    with pytest.raises(ParseError, match="Không nhận ra"):
        parse_text("CÁCH NẤU PHỞ\nNinh xương trong 6 giờ.\n")


def test_an_issuer_completed_from_the_province_the_text_names_is_marked_guessed():
    """ "UBND tỉnh" of a news lead gets the province the text names most: a guess."""
    data = parse_text(
        "CHỈ THỊ Về nhiệm vụ năm học 2020 - 2021\n"
        "Ngày 11/9/2020, UBND tỉnh ban hành chỉ thị 10/CT-UBND về nhiệm vụ năm học.\n"
        "Các trường học tỉnh Lai Châu thực hiện.\n" + BODY
    )
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Lai Châu"
    assert _unsure(data)["issuer"] == "guessed"
    assert _unsure(data)["issued_on"] == "guessed"


def test_an_undated_document_is_not_marked_but_a_missing_date_line_is():
    """ "ngày   tháng   năm 2024" is a document left undated: null and unmarked. Without any
    date line the date should be there: missing."""
    undated = _plan("UBND TỈNH LAI CHÂU", "Số:   /KH-UBND\nLai Châu, ngày   tháng   năm 2024\n")
    assert undated["issued_on"] is None
    assert "issued_on" not in _unsure(undated)
    no_line = _plan("UBND TỈNH LAI CHÂU", "Số: 3/KH-UBND\n")
    assert _unsure(no_line)["issued_on"] == "missing"
    unreadable = _plan("UBND TỈNH LAI CHÂU", "Số: 3/KH-UBND\nLai Châu, ngày 31 tháng 2 năm 2024\n")
    assert (unreadable["issued_on"], _unsure(unreadable)["issued_on"]) == (None, "missing")


def test_a_web_pages_date_of_posting_is_not_the_place_and_date():
    """ "Thứ Hai, 16/09/2024 10:30" above the header is when the page was posted."""
    data = _plan("Thứ Hai, 16/09/2024 10:30\nUBND TỈNH LAI CHÂU")
    assert (data["place"], data["issued_on"]) == ("Lai Châu", "2024-09-05")


def test_a_title_taken_from_the_first_line_is_marked_guessed():
    """Without a type line the first line is only a guess at the title."""
    data = parse_text(
        "Những nhiệm vụ chủ yếu năm học 2020-2021\n\n"
        "Nhằm triển khai nhiệm vụ, ngày 08 tháng 9 năm 2020, Chủ tịch UBND tỉnh Bắc Giang đã "
        "ban hành Chỉ thị về nhiệm vụ năm học.\n1. Rà soát mạng lưới.\n2. Nâng cao chất lượng.\n"
    )
    assert data["title"] == "Những nhiệm vụ chủ yếu năm học 2020-2021"
    assert _unsure(data)["title"] == "guessed"
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Bắc Giang"
    assert "issuer" not in _unsure(data)


def test_a_copy_opening_with_its_headline_takes_it_as_a_guessed_title():
    """A headline that opens like a body ("Triển khai ...") is still the copy's title."""
    data = parse_text(
        "Triển khai nhiệm vụ năm học 2024 - 2025\n\n"
        "Ngày 10/9/2024, UBND tỉnh Lai Châu ban hành Kế hoạch 12/KH-UBND về nhiệm vụ.\n" + BODY
    )
    assert (data["title"], data["symbol"]) == ("Triển khai nhiệm vụ năm học 2024 - 2025", "KH-UBND")
    assert _unsure(data)["title"] == "guessed"


def test_a_ban_chi_dao_named_in_a_lead_is_the_issuer():
    """ "Ban Chỉ đạo ... tỉnh Điện Biên ban hành Kế hoạch": the lead names its issuer."""
    data = parse_text(
        "KẾ HOẠCH kiểm tra phổ cập giáo dục năm 2025\n\n"
        "Thực hiện chỉ đạo của UBND tỉnh, Ban Chỉ đạo phổ cập giáo dục tỉnh Điện Biên ban hành "
        "Kế hoạch kiểm tra như sau:\n" + BODY
    )
    assert data["issuer"] == "Ban Chỉ đạo phổ cập giáo dục tỉnh Điện Biên"


ADVERSARIAL_HEADERS = {
    "columns of one letter": lambda size: "UBND TỈNH" + "   X" * (size // 4) + "\nKẾ HOẠCH\nX\n",
    "a number line of gaps": lambda size: "Số: 1/KH-UBND" + "   a," * (size // 5) + "\n",
    "cells of a table": lambda size: "UBND TỈNH" + "  | X" * (size // 5) + "\nKẾ HOẠCH\nX\n",
    "a subject of spaces": lambda size: "Số: 1/SGDĐT\nV/v" + " " * size + "x\n",
    "capital lines": lambda size: "SỞ GIÁO DỤC\n" * (size // 12) + "Số: 1/KH-SGDĐT\n",
}


@pytest.mark.parametrize("shape", ADVERSARIAL_HEADERS)
def test_reading_a_header_four_times_as_long_takes_about_four_times_the_work(shape):
    """Counted in calls: a header rule that rescans a line per column or per space would
    take sixteen times the work."""
    build = ADVERSARIAL_HEADERS[shape]

    def read(text: str) -> None:
        with contextlib.suppress(ParseError):
            parse_text(text)

    small, large = build(40_000), build(160_000)
    ratio = (_calls(read, large) / len(large)) / (_calls(read, small) / len(small))
    assert ratio < 1.3


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            f"{MOTTO}Lai Châu, ngày 05 tháng 9 năm 2024\nUBND TỈNH LAI CHÂU\n"
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 12/KH-SGDĐT\n",
            "Sở Giáo dục và Đào tạo tỉnh Lai Châu",
        ),
        ("UBND TỈNH LAI CHÂU\nSỞ GD&ĐT\nSố: 12/KH-SGDĐT\n", "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
        ("TỈNH ỦY LAI CHÂU\nSố: 67-KH/TU\n", "Tỉnh ủy Lai Châu"),
        ("CÔNG AN TỈNH LAI CHÂU\nSố: 3/KH-CAT\n", "Công an tỉnh Lai Châu"),
        (
            "UBND TỈNH LAI CHÂU\nVĂN PHÒNG\nSố: 3/VP-VX\n",
            "Văn phòng Ủy ban nhân dân tỉnh Lai Châu",
        ),
    ],
)
def test_issuers_in_other_layouts_and_of_other_kinds(text, issuer):
    """The right column copied first, an abbreviated Sở, a party body, the police, the office
    of a UBND: each issuer is named as the agency list names agencies."""
    assert parse_text(text + "KẾ HOẠCH\nNhiệm vụ\n" + BODY)["issuer"] == issuer
