"""The reader finds a directive's structure by how its lines relate (headings are followed by
items, parts stand above sections, a PDF's cut lines are joined), reads task tables and the
"Đơn vị chủ trì: ..." lines under a task, and marks the headings it inferred."""

import pytest

from directives.parsing import parse_text
from tests.directives.work import calls as _calls

HEADER = """ỦY BAN NHÂN DÂN
TỈNH YÊN BÁI
Số: 25/KH-UBND
Yên Bái, ngày 10 tháng 9 năm 2024
KẾ HOẠCH
Thực hiện nhiệm vụ năm học 2024 - 2025
"""
CLOSING = """
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Huy Tuấn
"""


def read(body: str) -> dict:
    return parse_text(HEADER + body + CLOSING)


def titles(result: dict) -> list[str]:
    return [group["title"] for group in result["task_groups"]]


def texts(group: dict) -> list[str]:
    return [task["text"] for task in group["tasks"]]


def unsure(result: dict) -> set[str]:
    return {mark["field"] for mark in result["unsure"]}


@pytest.mark.parametrize(
    "title", ["NỘI DUNG THỰC HIỆN", "NHIỆM VỤ CỤ THỂ", "CÁC NHIỆM VỤ TRỌNG TÂM", "HOẠT ĐỘNG"]
)
def test_a_section_of_work_under_any_title_is_read_as_tasks(title):
    """The tasks under "II. NỘI DUNG THỰC HIỆN" are tasks; MỤC ĐÍCH, YÊU CẦU stays text."""
    result = read(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng giáo dục.\n"
        f"II. {title}\n1. Công tác tuyên truyền\n- Tuyên truyền Kế hoạch.\n- Phát tờ rơi.\n"
    )
    assert result["sections"][0]["text"] == "1. Nâng cao chất lượng giáo dục."
    assert titles(result) == ["Công tác tuyên truyền"]
    assert texts(result["task_groups"][0]) == ["Tuyên truyền Kế hoạch.", "Phát tờ rơi."]


def test_a_section_of_unknown_title_is_read_by_its_content():
    """A title the reader does not know: items under it are tasks, a paragraph is text."""
    result = read(
        "I. KINH PHÍ\nKinh phí từ ngân sách nhà nước.\n"
        "II. CÔNG TÁC PHỐI HỢP\n- Sở Y tế kiểm tra bếp ăn bán trú.\n"
    )
    assert result["sections"][0]["text"] == "Kinh phí từ ngân sách nhà nước."
    assert texts(result["task_groups"][0]) == ["Sở Y tế kiểm tra bếp ăn bán trú."]
    assert result["task_groups"][0]["section"] == "II"


def test_letter_parts_above_roman_sections_are_parts_not_tasks():
    """A. and B. open parts; their sections are numbered within the part ("A.I")."""
    result = read(
        "A. GIÁO DỤC MẦM NON\nI. NHIỆM VỤ\n1. Phát triển trường lớp\n- Mở thêm lớp mẫu giáo.\n"
        "B. GIÁO DỤC PHỔ THÔNG\nI. NHIỆM VỤ\n1. Tổ chức các kỳ thi\n- Thi học sinh giỏi.\n"
    )
    assert [(s["number"], s["title"]) for s in result["sections"]] == [
        ("A", "GIÁO DỤC MẦM NON"),
        ("A.I", "NHIỆM VỤ"),
        ("B", "GIÁO DỤC PHỔ THÔNG"),
        ("B.I", "NHIỆM VỤ"),
    ]
    assert [(g["section"], g["title"]) for g in result["task_groups"]] == [
        ("A.I", "Phát triển trường lớp"),
        ("B.I", "Tổ chức các kỳ thi"),
    ]


def test_a_task_ending_in_a_date_in_parentheses_is_kept():
    """Only what follows a news list's heading is web chrome, not a line of that shape."""
    result = read(
        "I. NHIỆM VỤ\n1. Rà soát mạng lưới\n"
        "- Rà soát quy hoạch mạng lưới trường lớp (hoàn thành trước 30/9/2024).\n"
        "- Tuyển dụng giáo viên (15/10/2024).\n"
    )
    assert texts(result["task_groups"][0]) == [
        "Rà soát quy hoạch mạng lưới trường lớp (hoàn thành trước 30/9/2024).",
        "Tuyển dụng giáo viên (15/10/2024).",
    ]


def test_the_list_of_other_news_after_its_heading_is_dropped():
    text = HEADER + "I. NHIỆM VỤ\n- Tuyển dụng giáo viên.\nTin cùng chuyên mục\n"
    text += (
        "• Thông báo lịch tiếp công dân   (05/09/2024)\n• Kế hoạch Tết Trung thu   (12/09/2024)\n"
    )
    result = parse_text(text)
    assert texts(result["task_groups"][0]) == ["Tuyển dụng giáo viên."]
    assert result["unplaced"] == []


WRAPPED = """I. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao nhận thức về giáo dục hướng nghiệp
- Tổ chức tuyên truyền trên Báo Yên Bái, Đài Phát thanh và Truyền hình tỉnh về vai trò
của giáo dục hướng nghiệp đối với việc lựa chọn nghề nghiệp của học sinh, cha mẹ học
sinh và toàn xã hội.
- Tổ chức ngày hội tư vấn tuyển sinh, hướng nghiệp cho học sinh lớp 9 và lớp 12 tại các
huyện, thành phố, bảo đảm mỗi học sinh được tham gia ít nhất một buổi trải nghiệm tại

2
Kế hoạch số 25/KH-UBND ngày 10/9/2024 của UBND tỉnh Yên Bái

Doanh nghiệp hoặc cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh trong năm học.
2. Đổi mới nội dung, phương thức giáo dục hướng nghiệp
- Lồng ghép nội dung giáo dục hướng nghiệp trong các môn học và hoạt động trải nghiệm,
hướng nghiệp theo Chương trình giáo dục phổ thông 2018; xây dựng kho học liệu số về nghề
nghiệp để giáo viên và học sinh sử dụng.

3
Kế hoạch số 25/KH-UBND ngày 10/9/2024 của UBND tỉnh Yên Bái

- Bồi dưỡng đội ngũ giáo viên làm công tác tư vấn hướng nghiệp tại các trường trung học.
"""


def test_hard_wrapped_pdf_text_is_joined_into_whole_tasks():
    """Lines cut at the page width are one task; the page number and the running header
    between two pages are dropped, and a task split by the page break is whole."""
    result = read(WRAPPED)
    first, second = result["task_groups"]
    assert texts(first) == [
        "Tổ chức tuyên truyền trên Báo Yên Bái, Đài Phát thanh và Truyền hình tỉnh về vai trò "
        "của giáo dục hướng nghiệp đối với việc lựa chọn nghề nghiệp của học sinh, cha mẹ học "
        "sinh và toàn xã hội.",
        "Tổ chức ngày hội tư vấn tuyển sinh, hướng nghiệp cho học sinh lớp 9 và lớp 12 tại các "
        "huyện, thành phố, bảo đảm mỗi học sinh được tham gia ít nhất một buổi trải nghiệm tại "
        "Doanh nghiệp hoặc cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh trong năm học.",
    ]
    assert len(second["tasks"]) == 2
    assert result["unplaced"] == []


def test_short_tasks_ending_in_a_full_stop_are_tasks():
    """Under bare headings, short sentences are tasks whatever their length."""
    result = read(
        "II. TỔ CHỨC THỰC HIỆN\nVăn phòng xã\nTham mưu chỉ đạo thực hiện.\n"
        "Tổng hợp kết quả.\nCông an xã\nBảo đảm an ninh trường học.\n"
    )
    assert titles(result) == ["Văn phòng xã", "Công an xã"]
    assert texts(result["task_groups"][0]) == ["Tham mưu chỉ đạo thực hiện.", "Tổng hợp kết quả."]


def test_a_sentence_standing_where_headings_stand_is_a_heading_marked_ambiguous():
    """Between a group's long tasks and the next heading, a heading-shaped sentence is read as
    a heading without tasks, and its title is marked: it could be a task."""
    long_task = (
        "Khuyến khích liên kết với các trung tâm ngoại ngữ có đủ điều kiện giảng dạy theo quy "
        "định. Quản lý chặt chẽ các cơ sở giáo dục có yếu tố nước ngoài."
    )
    result = read(
        f"Hội nhập quốc tế trong giáo dục và đào tạo\n{long_task}\n"
        "Tăng cường cơ sở vật chất cho giáo dục.\n"
        f"Phát triển nguồn nhân lực chất lượng cao\n{long_task}\n"
    )
    assert titles(result) == [
        "Hội nhập quốc tế trong giáo dục và đào tạo",
        "Tăng cường cơ sở vật chất cho giáo dục.",
        "Phát triển nguồn nhân lực chất lượng cao",
    ]
    assert "task_groups[1].title" in unsure(result)
    assert "task_groups[0].title" not in unsure(result)


def test_the_implementation_paragraph_opens_its_own_group():
    """ "Nhằm triển khai ... Kế hoạch này, UBND tỉnh giao ..." after the tasks is the plan's
    implementation; the paragraphs naming agencies after it are its tasks, a closing remark
    is not a task."""
    result = read(
        "Nâng cao chất lượng đội ngũ\nBồi dưỡng giáo viên cốt cán.\n"
        "Nhằm triển khai có hiệu quả Kế hoạch này, Chủ tịch UBND tỉnh giao Sở Giáo dục và Đào "
        "tạo chủ trì tổ chức thực hiện.\n"
        "Sở Tài chính bố trí kinh phí thực hiện.\n"
        "Năm học mới đã bắt đầu với nhiều thuận lợi.\n"
    )
    assert titles(result) == [
        "Nâng cao chất lượng đội ngũ",
        "Nhằm triển khai có hiệu quả Kế hoạch này",
    ]
    implementation = result["task_groups"][1]
    assert len(implementation["tasks"]) == 2
    assert implementation["tasks"][1]["agencies"] == [{"name": "Sở Tài chính", "role": "lead"}]
    assert result["unplaced"] == ["Năm học mới đã bắt đầu với nhiều thuận lợi."]


PIPE_TABLE = """II. NHIỆM VỤ CỤ THỂ
| STT | Nội dung | Thời gian hoàn thành | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm |
|---|---|---|---|---|---|
| I | Công tác truyền thông | | | | |
| 1 | Truyền thông về dinh dưỡng | 31/12/2024 | Sở Giáo dục và Đào tạo | Sở Y tế; Báo Yên Bái | Phóng sự |
| 2 | Phát sóng chuyên mục sức khỏe | Thường xuyên | Đài Phát thanh và Truyền hình tỉnh | | |
| II | Công tác chăm sóc sức khỏe | | | | |
| 1 | Khám sức khỏe định kỳ | Tháng 11/2024 | Sở Y tế | Sở Giáo dục và Đào tạo, Ngân hàng Chính sách xã hội tỉnh | |
"""


def test_a_pipe_table_gives_groups_and_tasks_with_agencies_and_deadlines():
    """Header known by its words (columns in any order, "Sản phẩm" ignored); a Roman row
    opens a group; each row is a task whose agencies and deadline come from its columns."""
    result = read(PIPE_TABLE)
    first, second = result["task_groups"]
    assert (first["number"], first["title"], first["section"]) == (
        "I",
        "Công tác truyền thông",
        "II",
    )
    task = first["tasks"][0]
    assert (task["number"], task["text"]) == ("1", "Truyền thông về dinh dưỡng")
    assert (task["deadline"], task["due_on"]) == ("31/12/2024", "2024-12-31")
    assert task["agencies"] == [
        {"name": "Sở Giáo dục và Đào tạo", "role": "lead"},
        {"name": "Sở Y tế", "role": "coordinate"},
        {"name": "Báo Yên Bái", "role": "coordinate"},
    ]
    routine = first["tasks"][1]
    assert (routine["deadline"], routine["due_on"]) == ("Thường xuyên", None)
    check = second["tasks"][0]
    assert check["due_on"] == "2024-11-30"
    assert [a["name"] for a in check["agencies"]] == [
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Ngân hàng Chính sách xã hội tỉnh",
    ]
    assert result["unsure"] == []


def test_a_tab_separated_table_is_read_like_a_pipe_table():
    rows = [
        "STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn",
        "1\tRà soát trẻ khuyết tật\tSở Giáo dục và Đào tạo\tSở Y tế\tTrước ngày 31/10/2024",
    ]
    result = read("II. NHIỆM VỤ\n" + "\n".join(rows) + "\n")
    task = result["task_groups"][0]["tasks"][0]
    assert task["text"] == "Rà soát trẻ khuyết tật"
    assert task["due_on"] == "2024-10-31"
    assert [a["role"] for a in task["agencies"]] == ["lead", "coordinate"]


def test_a_table_flattened_one_cell_per_line_is_read_and_a_short_row_marked():
    """A Word table pasted as text: the header's cells, then rows each opened by a number.
    A row with a cell missing is read as far as it goes and marked."""
    cells = [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian hoàn thành",
        "1",
        "Tổ chức dạy học môn Giáo dục thể chất",
        "Sở Giáo dục và Đào tạo",
        "UBND các huyện, thành phố",
        "Thường xuyên",
        "2",
        "Tổ chức Hội khỏe Phù Đổng cấp tỉnh",
        "Sở Giáo dục và Đào tạo",
        "Tháng 3/2025",
    ]
    result = read("II. NHIỆM VỤ CỤ THỂ\n" + "\n".join(cells) + "\n")
    first, second = result["task_groups"][0]["tasks"]
    assert first["agencies"][1] == {"name": "UBND các huyện, thành phố", "role": "coordinate"}
    assert (second["deadline"], second["due_on"]) == ("Tháng 3/2025", "2025-03-31")
    assert second["agencies"] == [{"name": "Sở Giáo dục và Đào tạo", "role": "lead"}]
    marked = unsure(result)
    assert "task_groups[0].tasks[1].agencies" in marked
    assert not any(field.startswith("task_groups[0].tasks[0]") for field in marked)


def test_assignment_lines_under_a_task_belong_to_it():
    """ "Đơn vị chủ trì / phối hợp / Thời gian hoàn thành / Sản phẩm" lines are the task's
    agencies and deadline, not tasks; numbered lines followed only by them are tasks."""
    result = read(
        "II. NHIỆM VỤ CỤ THỂ\n1. Khảo sát năng lực tiếng Anh của giáo viên\n"
        "- Đơn vị chủ trì: Sở Giáo dục và Đào tạo\n"
        "- Đơn vị phối hợp: Trường Đại học Hạ Long; UBND các huyện, thành phố\n"
        "- Thời gian hoàn thành: 30/11/2024\n- Sản phẩm: Báo cáo kết quả khảo sát\n"
        "2. Tổ chức giao lưu tiếng Anh\nĐơn vị chủ trì: Tỉnh đoàn\n"
        "Thời gian thực hiện: Thường xuyên\n"
    )
    (group,) = result["task_groups"]
    assert texts(group) == [
        "Khảo sát năng lực tiếng Anh của giáo viên",
        "Tổ chức giao lưu tiếng Anh",
    ]
    survey, exchange = group["tasks"]
    assert survey["agencies"] == [
        {"name": "Sở Giáo dục và Đào tạo", "role": "lead"},
        {"name": "Trường Đại học Hạ Long", "role": "coordinate"},
        {"name": "UBND các huyện, thành phố", "role": "coordinate"},
    ]
    assert (survey["deadline"], survey["due_on"]) == ("30/11/2024", "2024-11-30")
    assert exchange["agencies"] == [{"name": "Tỉnh đoàn", "role": "lead"}]
    assert exchange["deadline"] == "Thường xuyên"


def test_a_bare_heading_followed_only_by_assignment_lines_is_a_task():
    result = read(
        "II. NHIỆM VỤ\nTuyên truyền Kế hoạch\n"
        "Đơn vị chủ trì: Sở Giáo dục và Đào tạo\nThời gian hoàn thành: 31/12/2024\n"
    )
    (group,) = result["task_groups"]
    assert group["title"] == "NHIỆM VỤ"
    assert group["tasks"][0]["text"] == "Tuyên truyền Kế hoạch"
    assert group["tasks"][0]["due_on"] == "2024-12-31"


SHAPES = {
    "table rows": lambda n: PIPE_TABLE + "| 1 | Làm | 31/12/2024 | Sở Y tế | | |\n" * n,
    "flattened cells": lambda n: (
        "II. NHIỆM VỤ\nSTT\nNội dung\nĐơn vị chủ trì\n" + "1\nLàm việc\nSở Y tế\n" * n
    ),
    "page breaks": lambda n: WRAPPED * n,
    "assignment lines": lambda n: (
        "II. NHIỆM VỤ\n"
        + "1. Tuyên truyền\nĐơn vị chủ trì: Sở Y tế, Công an tỉnh\nThời gian: 30/9/2024\n" * n
    ),
    "bare headings and short tasks": lambda n: "Công tác tuyên truyền\nTuyên truyền.\n" * n,
    "purpose clauses": lambda n: (
        "Nâng cao chất lượng\nLàm.\nĐể "
        + "thực hiện tốt và " * n
        + ", Sở Y tế giao Sở Tài chính làm.\n"
    ),
    "a part heading of spaces": lambda n: "PHẦN I" + " " * (40 * n) + "x\n- Làm.\n",
    "flattened two-row headers": lambda n: (
        "II. NHIỆM VỤ\n"
        + (
            "STT\nNội dung\nPhân công thực hiện\nThời gian\nChủ trì\nPhối hợp\n"
            "1\nLàm việc\nSở Y tế\nCông an tỉnh\nThường xuyên\n"
        )
        * n
    ),
    "a header cell written again and again": lambda n: (
        "II. NHIỆM VỤ\nSTT\nNội dung\nPhân công thực hiện\nChủ trì\nPhối hợp\n"
        + "Phân công thực hiện\nGhi chú\n" * n
        + "1\nLàm việc\nSở Y tế\n"
    ),
    "group cells without their sub-columns": lambda n: (
        "II. NHIỆM VỤ\n" + "STT\nNội dung\nPhân công thực hiện\nChủ trì\n" * n + "1\nLàm\n"
    ),
    "a wide pipe header over a second row": lambda n: (
        "II. NHIỆM VỤ\n| STT | Nội dung | Phân công thực hiện |"
        + " |" * n
        + " Thời gian |\n| Chủ trì | Phối hợp |\n| 1 | Làm | Sở Y tế | Công an tỉnh | 2025 |\n"
    ),
    "pipe two-row headers": lambda n: (
        "II. NHIỆM VỤ\n"
        + (
            "| STT | Nội dung | Phân công thực hiện | | Thời gian |\n| | | Chủ trì | Phối hợp | |\n"
            "| 1 | Làm | Sở Y tế | Công an tỉnh | 31/12/2024 |\n"
        )
        * n
    ),
}


def read_all(text: str) -> dict:
    return parse_text(text, max_parts=None)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_new_rules_read_four_times_the_text_in_about_four_times_the_work(shape):
    """Counted in calls: a rule that looked back over a group's tasks, or a pattern that
    backtracked, would take sixteen times the work."""
    build = SHAPES[shape]
    small, large = HEADER + build(250) + CLOSING, HEADER + build(1000) + CLOSING
    assert read_all(small)["task_groups"]
    ratio = (_calls(read_all, large) / len(large)) / (_calls(read_all, small) / len(small))
    assert ratio < 1.3


def test_a_flattened_table_with_a_merged_header_cell_reads_its_two_columns():
    """Word's "Đơn vị thực hiện" above "Chủ trì" and "Phối hợp" gives those two columns."""
    cells = ["STT", "Nội dung", "Đơn vị thực hiện", "Chủ trì", "Phối hợp", "Thời gian"]
    cells += ["1", "Khám sức khỏe học sinh", "Sở Y tế", "Sở Giáo dục và Đào tạo", "31/12/2024"]
    result = read("II. NHIỆM VỤ\n" + "\n".join(cells) + "\n")
    (task,) = result["task_groups"][0]["tasks"]
    assert task["agencies"] == [
        {"name": "Sở Y tế", "role": "lead"},
        {"name": "Sở Giáo dục và Đào tạo", "role": "coordinate"},
    ]
    assert task["due_on"] == "2024-12-31"
    assert result["unsure"] == []


def test_a_word_table_keeps_its_empty_cells_as_empty_lines():
    """The Word reader writes an empty cell as an empty line: the row still lines up."""
    cells = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
    cells += ["I", "Công tác tuyên truyền", "", "", ""]
    cells += ["1", "Tuyên truyền Luật Giáo dục", "Sở Giáo dục và Đào tạo", "", "Thường xuyên"]
    result = read("II. NHIỆM VỤ\n" + "\n".join(cells) + "\n")
    (group,) = result["task_groups"]
    assert (group["number"], group["title"]) == ("I", "Công tác tuyên truyền")
    assert group["tasks"][0]["agencies"] == [{"name": "Sở Giáo dục và Đào tạo", "role": "lead"}]
    assert group["tasks"][0]["deadline"] == "Thường xuyên"
    assert result["unsure"] == []


def test_markdown_emphasis_around_headings_is_read_through():
    """A web or e-mail copy's "**1. ...**" and "## II. ..." are the same headings."""
    result = read(
        "## II. NHIỆM VỤ CỤ THỂ\n**1. Công tác tuyên truyền**\n- Tuyên truyền Kế hoạch.\n"
        "**2. Công tác kiểm tra**\n- Kiểm tra định kỳ.\n"
    )
    assert [(g["number"], g["title"], g["section"]) for g in result["task_groups"]] == [
        ("1", "Công tác tuyên truyền", "II"),
        ("2", "Công tác kiểm tra", "II"),
    ]


def test_a_line_cut_before_its_date_or_a_name_goes_on_the_item_above():
    """A dash item wrapped before "30/9/2025." or before the capitalised rest of a school's
    name is one task, even when the text's other lines are too uneven to show a page width."""
    result = read(
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Huy động học sinh ra lớp\n"
        "– Các trường mầm non, tiểu học, trung học cơ sở trên địa bàn huy động trẻ ra lớp, "
        "hoàn thành trước ngày\n30/9/2025.\n"
        "– Ban Quản lý dự án đầu tư xây dựng tỉnh sửa chữa phòng học Trường Tiểu học\n"
        "Bình Lư, hoàn thành trong quý IV năm 2025.\n"
        "2. Tổ chức thực hiện chương trình giáo dục phổ thông năm 2018 ở tất cả các khối lớp\n"
        "– Các trường dạy đủ các môn học bắt buộc.\n"
    )
    tasks = result["task_groups"][0]["tasks"]
    assert [t["due_on"] for t in tasks] == ["2025-09-30", "2025-12-31"]
    assert tasks[1]["text"].endswith("Trường Tiểu học Bình Lư, hoàn thành trong quý IV năm 2025.")


def test_sub_numbered_items_are_tasks_or_groups_of_their_own_items():
    """ "1.1." under "1." is a task; "2.1." followed by dashes heads a group of them."""
    result = read(
        "I. NHIỆM VỤ, GIẢI PHÁP\n1. Giáo dục mầm non\n"
        "1.1. Rà soát quy hoạch mạng lưới trường lớp.\n1.2. Nâng cao chất lượng chăm sóc trẻ.\n"
        "2. Giáo dục phổ thông\n2.1. Thực hiện chương trình\n- Dạy đủ các môn.\n"
        "- Kiểm tra định kỳ.\n"
    )
    groups = [
        (g["number"], g["title"], [t["number"] for t in g["tasks"]]) for g in result["task_groups"]
    ]
    assert groups == [
        ("1", "Giáo dục mầm non", ["1.1", "1.2"]),
        ("2", "Giáo dục phổ thông", []),
        ("2.1", "Thực hiện chương trình", ["-", "-"]),
    ]


def test_a_heading_naming_two_agencies_makes_both_lead_its_tasks():
    result = read(
        "1. Sở Tài chính\nCân đối ngân sách chi cho giáo dục năm 2026.\n"
        "2. Đài Phát thanh và Truyền hình tỉnh, Báo Yên Bái\n"
        "Tuyên truyền về đổi mới giáo dục.\n"
    )
    leads = [[a["name"] for a in g["tasks"][0]["agencies"]] for g in result["task_groups"]]
    assert leads == [["Sở Tài chính"], ["Đài Phát thanh và Truyền hình tỉnh", "Báo Yên Bái"]]


def test_the_closing_request_to_carry_out_the_document_is_no_task():
    """ "Yêu cầu ... nghiêm túc thực hiện Chỉ thị này" ends the body; a last task of the
    implementation section that names its agency stays a task."""
    result = read(
        "III. TỔ CHỨC THỰC HIỆN\n- Sở Giáo dục và Đào tạo chủ trì theo dõi, báo cáo kết quả "
        "thực hiện Kế hoạch này.\n"
        "Yêu cầu Giám đốc các sở, Chủ tịch Ủy ban nhân dân các xã, phường nghiêm túc thực hiện "
        "Kế hoạch này.\n"
    )
    assert [len(g["tasks"]) for g in result["task_groups"]] == [1]
    assert result["unplaced"][-1].startswith("Yêu cầu Giám đốc các sở")


# A two-row header: a merged group cell over "Chủ trì" and "Phối hợp". The rows below it hold
# the sub-columns where the group cell stands, the other columns where they stand above.
MERGED_ROWS = [
    ["1", "Rà soát cơ sở vật chất các trường mầm non", "Phòng Văn hóa - Xã hội",
     "Các trường mầm non", "Trước ngày 30/10/2025"],
    ["2", "Mở lớp bồi dưỡng giáo viên tiếng Anh tiểu học", "Trường Tiểu học Thạch Hà",
     "Phòng Kinh tế", "Tháng 12/2025"],
]  # fmt: skip
MERGED_TASKS = [
    (
        [("Phòng Văn hóa - Xã hội", "lead"), ("Các trường mầm non", "coordinate")],
        "2025-10-30",
    ),
    ([("Trường Tiểu học Thạch Hà", "lead"), ("Phòng Kinh tế", "coordinate")], "2025-12-31"),
]


def _merged_read(lines: list[str]) -> list[tuple[list[tuple[str, str]], str | None]]:
    result = read("II. NHIỆM VỤ VÀ PHÂN CÔNG\n" + "\n".join(lines) + "\n")
    (group,) = result["task_groups"]
    assert result["unsure"] == []
    return [([(a["name"], a["role"]) for a in t["agencies"]], t["due_on"]) for t in group["tasks"]]


@pytest.mark.parametrize(
    "group_cell",
    ["Phân công thực hiện", "Đơn vị thực hiện", "Trách nhiệm thực hiện", "Cơ quan thực hiện"],
)
def test_a_flattened_two_row_header_puts_the_sub_columns_where_the_group_cell_stands(group_cell):
    """One cell per line, the group cell's sub-columns come after the whole first row
    ("STT / Nội dung / Phân công thực hiện / Thời gian" then "Chủ trì / Phối hợp"): they
    take the group cell's place, so the time column stays last."""
    header = ["STT", "Nội dung công việc", group_cell, "Thời gian hoàn thành"]
    header += ["Chủ trì", "Phối hợp"]
    assert _merged_read(header + sum(MERGED_ROWS, [])) == MERGED_TASKS


def test_the_sub_columns_of_a_merged_header_may_come_in_either_order():
    header = ["STT", "Nội dung", "Phân công thực hiện", "Thời hạn", "Phối hợp", "Chủ trì"]
    rows = [[r[0], r[1], r[3], r[2], r[4]] for r in MERGED_ROWS]
    assert _merged_read(header + sum(rows, [])) == MERGED_TASKS


def test_a_word_table_repeating_its_merged_header_cells_is_read_like_one_header():
    """A Word reader writes a cell merged across columns once per column and a cell merged
    down into the second row again in that row."""
    header = ["STT", "Nội dung", "Phân công thực hiện", "Phân công thực hiện", "Thời gian"]
    header += ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]
    assert _merged_read(header + sum(MERGED_ROWS, [])) == MERGED_TASKS


@pytest.mark.parametrize(
    "header",
    [
        "| STT | Nội dung | Phân công thực hiện | | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n| | | Chủ trì | Phối hợp | |",
        "| STT | Nội dung | Phân công thực hiện | Thời gian hoàn thành |\n| Chủ trì | Phối hợp |",
        "| STT | Nội dung | Đơn vị thực hiện | Đơn vị thực hiện | Thời gian |\n"
        "| STT | Nội dung | Chủ trì | Phối hợp | Thời gian |\n|---|---|---|---|---|",
    ],
    ids=["placeholders", "short second row", "repeated cells"],
)
def test_a_pipe_table_with_a_two_row_header_reads_both_agency_columns(header):
    rows = ["| " + " | ".join(r) + " |" for r in MERGED_ROWS]
    assert _merged_read([header] + rows) == MERGED_TASKS


def test_a_tab_separated_table_with_a_two_row_header_reads_both_agency_columns():
    header = ["STT\tNội dung\tPhân công thực hiện\t\tThời gian", "\t\tPhối hợp\tChủ trì\t"]
    rows = ["\t".join([r[0], r[1], r[3], r[2], r[4]]) for r in MERGED_ROWS]
    assert _merged_read(header + rows) == MERGED_TASKS


def test_a_flat_header_naming_a_doing_unit_and_a_helping_one_keeps_both():
    """ "Đơn vị thực hiện" beside "Đơn vị phối hợp" in one row is the lead column, not a
    group cell: the coordinating column does not take its place."""
    header = ["STT", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"]
    assert _merged_read(header + sum(MERGED_ROWS, [])) == MERGED_TASKS


def test_a_row_that_does_not_line_up_under_a_two_row_header_stays_marked():
    header = ["STT", "Nội dung", "Phân công thực hiện", "Thời gian", "Chủ trì", "Phối hợp"]
    rows = ["| " + " | ".join(header[:4]) + " |", "| | | Chủ trì | Phối hợp | |"]
    rows.append("| 1 | Kiểm tra an toàn trường học | Công an xã | Quý IV/2025 |")
    result = read("II. NHIỆM VỤ\n" + "\n".join(rows) + "\n")
    (task,) = result["task_groups"][0]["tasks"]
    assert task["text"].startswith("Kiểm tra an toàn")
    assert {"task_groups[0].tasks[0].agencies", "task_groups[0].tasks[0].due_on"} <= unsure(result)
