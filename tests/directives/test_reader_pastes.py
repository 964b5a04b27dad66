"""The reader on the ways a text reaches the Sở that a held-out check found it missing: a
forwarded or quoted e-mail, a Word paste with doubled spaces, a report's account of results,
a last section of one paragraph, agency headings with a colon, an appendix grouped by level."""

from directives.parsing import parse_text
from directives.parsing.header import type_of_line

DOCUMENT = """UBND TỈNH HÀ TĨNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2315/KH-SGDĐT
Hà Tĩnh, ngày 01 tháng 10 năm 2024
KẾ HOẠCH
Tổ chức kỳ thi chọn học sinh giỏi lớp 9 năm học 2024 - 2025
I. NHIỆM VỤ
1. Tổ chức thi
- Phòng Giáo dục Trung học chủ trì ra đề thi, hoàn thành trước ngày 15/11/2024.
- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn Hùng
"""


def header_of(result: dict) -> tuple:
    return (result["doc_type"], result["number"], result["symbol"], result["issuer"])


EXPECTED_HEADER = ("KH", "2315", "KH-SGDĐT", "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh")


def test_a_forwarded_mail_with_its_covering_message_is_read_from_the_documents_header():
    mail = (
        "---------- Forwarded message ---------\n"
        "From: Văn thư Sở <vanthu@example.vn>\nDate: Th 4, 2 thg 10, 2024 lúc 15:42\n"
        "Subject: KH 2315 thi HSG lớp 9\nTo: <pgd@example.vn>\n\n"
        "Kính gửi các đơn vị,\nVăn phòng Sở chuyển kế hoạch dưới đây. Đề nghị các đơn vị "
        "triển khai.\n\n"
    )
    result = parse_text(mail + DOCUMENT)
    assert header_of(result) == EXPECTED_HEADER
    assert [t["due_on"] for t in result["task_groups"][0]["tasks"]][0] == "2024-11-15"


def test_a_quoted_mail_is_unquoted():
    mail = "From: UBND xã <x@example.vn>\nSent: Friday, September 19, 2025 9:07 AM\n\n"
    quoted = "\n".join(f"> {line}" if line else ">" for line in DOCUMENT.splitlines())
    assert header_of(parse_text(mail + quoted)) == EXPECTED_HEADER


def test_a_document_type_with_doubled_spaces_is_its_type():
    """A Word paste: the columns of the header side by side, "KẾ  HOẠCH" with two spaces."""
    pasted = DOCUMENT.replace(
        "UBND TỈNH HÀ TĨNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 2315/KH-SGDĐT\nHà Tĩnh, ngày 01 tháng 10 năm 2024\n",
        "UBND TỈNH HÀ TĨNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO           Độc lập - Tự do - Hạnh phúc\n\n"
        "Số:  2315 /KH-SGDĐT\t\t\tHà Tĩnh, ngày  01  tháng 10 năm 2024\n\n",
    )
    assert type_of_line("KẾ  HOẠCH") == ("KH", "")
    result = parse_text(pasted.replace("KẾ HOẠCH", "KẾ  HOẠCH"))
    assert header_of(result) == EXPECTED_HEADER
    assert result["title"].startswith("Tổ chức kỳ thi")
    assert [g["title"] for g in result["task_groups"]] == ["Tổ chức thi"]


def test_a_reports_account_of_results_is_text_and_its_tasks_come_from_what_is_next():
    report = DOCUMENT.replace("KẾ HOẠCH\n", "BÁO CÁO\n").replace(
        "I. NHIỆM VỤ\n",
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM HỌC\n1. Quy mô trường lớp\n- Toàn tỉnh có 650 "
        "trường.\n2. Chất lượng giáo dục\n- Tỷ lệ học sinh lên lớp đạt 99,2%.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ\n",
    )
    result = parse_text(report)
    assert result["doc_type"] == "BC"
    assert result["sections"][0]["text"].startswith("1. Quy mô trường lớp")
    assert [g["title"] for g in result["task_groups"]] == ["Tổ chức thi"]


def test_a_last_section_of_one_paragraph_ending_the_document_is_a_task():
    text = DOCUMENT.replace(
        "Nơi nhận:",
        "II. TỔ CHỨC THỰC HIỆN\nCác Phòng Giáo dục và Đào tạo tổ chức cho học sinh đăng ký "
        "dự thi đúng thời hạn./.\nNơi nhận:",
    )
    groups = parse_text(text)["task_groups"]
    assert groups[-1]["tasks"][0]["text"].startswith("Các Phòng Giáo dục và Đào tạo tổ chức")


def test_an_agency_heading_with_a_colon_is_the_agencys_name():
    text = DOCUMENT.replace(
        "I. NHIỆM VỤ\n1. Tổ chức thi\n",
        "I. NHIỆM VỤ\n1. Sở Y tế, Công an tỉnh:\n- Bảo đảm y tế, an ninh tại các điểm thi.\n"
        "2. Tổ chức thi\n",
    )
    group = parse_text(text)["task_groups"][0]
    assert group["title"] == "Sở Y tế, Công an tỉnh"
    assert [a["name"] for a in group["tasks"][0]["agencies"]] == ["Sở Y tế", "Công an tỉnh"]


def test_an_appendix_grouped_by_level_gives_each_indicator_its_level():
    text = DOCUMENT.replace(
        "Nơi nhận:",
        "PHỤ LỤC\nCHỈ TIÊU NĂM HỌC 2024 - 2025\n"
        "TT | Chỉ tiêu | Đơn vị tính | Năm học 2023-2024 | Năm học 2024-2025\n"
        "I | Giáo dục mầm non | | |\n1 | Tỷ lệ huy động trẻ mẫu giáo | % | 99,1 | 99,3\n"
        "II | Giáo dục tiểu học | | |\n2 | Tỷ lệ học sinh hoàn thành chương trình | % | 99,5 | "
        "99,6\nIII | Các cấp học | | |\n3 | Số trường đạt chuẩn quốc gia | Trường | 410 | 425\n"
        "Nơi nhận:",
    )
    indicators = parse_text(text)["indicators"]
    assert [i.get("education_level") for i in indicators] == ["mam_non", "tieu_hoc", None]


def test_a_city_whose_name_ends_in_phong_is_the_place_of_its_sos_issuer():
    text = DOCUMENT.replace("UBND TỈNH HÀ TĨNH", "UBND THÀNH PHỐ HẢI PHÒNG")
    assert parse_text(text)["issuer"] == "Sở Giáo dục và Đào tạo thành phố Hải Phòng"


def test_an_office_misspelt_by_a_scan_is_the_office_and_is_marked():
    """ "CHỦ TICH" under "TM. ỦY BAN NHÂN DÂN" is the office, not a signer of that name."""
    text = DOCUMENT.replace("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN\nCHỦ TICH")
    result = parse_text(text)
    assert result["signer"] == {
        "name": "Nguyễn Văn Hùng",
        "capacity": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    }
    assert {"field": "signer.capacity", "reason": "guessed"} in result["unsure"]


def test_a_sentence_going_on_after_a_semicolon_on_the_next_line_is_one_task():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi;\nbáo cáo kết quả về Sở trước "
        "ngày 20/12/2024.\n",
    )
    tasks = parse_text(text)["task_groups"][0]["tasks"]
    assert len(tasks) == 2
    assert tasks[1]["due_on"] == "2024-12-20"


def test_the_chairs_closing_request_is_no_task():
    text = DOCUMENT.replace(
        "Nơi nhận:",
        "Chủ tịch Ủy ban nhân dân xã yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện Kế "
        "hoạch này.\nNơi nhận:",
    )
    result = parse_text(text)
    assert len(result["task_groups"][0]["tasks"]) == 2
    assert result["unplaced"][-1].startswith("Chủ tịch Ủy ban nhân dân xã yêu cầu")


def test_a_task_with_two_deadlines_has_both_its_deadline_and_date_marked():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Văn phòng Sở bảo đảm kinh phí trong học kỳ I năm học 2024 - 2025, quyết toán "
        "trước ngày 15/01/2025.\n",
    )
    result = parse_text(text)
    marked = {m["field"] for m in result["unsure"]}
    assert {"task_groups[0].tasks[1].deadline", "task_groups[0].tasks[1].due_on"} <= marked


def test_a_time_line_under_a_task_gives_its_deadline_without_the_full_stop():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\nThời gian thực hiện: Tháng 11/2024.\n",
    )
    task = parse_text(text)["task_groups"][0]["tasks"][1]
    assert (task["deadline"], task["due_on"]) == ("Tháng 11/2024", "2024-11-30")


def test_until_the_end_of_a_day_is_a_deadline_and_setting_papers_ends_a_name():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Phòng Khảo thí chủ trì, phối hợp với Phòng Giáo dục Trung học ra đề thi, hoàn "
        "thành đến hết ngày 31/12/2024.\n",
    )
    task = parse_text(text)["task_groups"][0]["tasks"][1]
    assert (task["deadline"], task["due_on"]) == (
        "hoàn thành đến hết ngày 31/12/2024",
        "2024-12-31",
    )
    assert [a["name"] for a in task["agencies"]] == ["Phòng Khảo thí", "Phòng Giáo dục Trung học"]


def test_a_title_wrapped_before_a_capitalised_name_is_one_title():
    text = DOCUMENT.replace(
        "Tổ chức kỳ thi chọn học sinh giỏi lớp 9 năm học 2024 - 2025\n",
        "Tổ chức kỳ thi chọn học sinh giỏi và chuẩn bị cho\nKỳ thi tuyển sinh lớp 10 năm 2025\n\n",
    )
    result = parse_text(text)
    assert result["title"] == (
        "Tổ chức kỳ thi chọn học sinh giỏi và chuẩn bị cho Kỳ thi tuyển sinh lớp 10 năm 2025"
    )
    assert [g["title"] for g in result["task_groups"]] == ["Tổ chức thi"]


def test_a_pdfs_page_width_shows_among_many_short_headings_and_items():
    """Eight lines cut at the page width among thirty short headings and items are enough to
    show that the text was cut at that width (so its cut lines are joined)."""
    from directives.parsing.structure import _wrap_width

    cut = [("Căn cứ Kế hoạch số 1480/KH-SGDĐT của Sở Giáo dục và Đào tạo tỉnh Bắc " * 2)[:80]] * 8
    short = [f"{n}. Công tác số {n}" for n in range(30)]
    assert _wrap_width(cut + short) == 80


def test_a_task_done_as_a_matter_of_course_has_that_rhythm_as_its_deadline():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Văn phòng Sở kiểm tra cơ sở vật chất các điểm thi và thực hiện thường xuyên.\n",
    )
    task = parse_text(text)["task_groups"][0]["tasks"][1]
    assert (task["deadline"], task["due_on"]) == ("thường xuyên", None)


def test_communes_wards_and_special_zones_and_the_parents_board_are_named_whole():
    text = DOCUMENT.replace(
        "- Văn phòng Sở bảo đảm kinh phí tổ chức kỳ thi.\n",
        "- Ủy ban nhân dân các xã, phường, đặc khu chỉ đạo các trường thực hiện.\n"
        "- Ban đại diện cha mẹ học sinh phối hợp với nhà trường tuyên truyền.\n",
    )
    tasks = parse_text(text)["task_groups"][0]["tasks"]
    assert [tasks[1]["agencies"][0]["name"], tasks[2]["agencies"][0]["name"]] == [
        "Ủy ban nhân dân các xã, phường, đặc khu",
        "Ban đại diện cha mẹ học sinh",
    ]
