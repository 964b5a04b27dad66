"""The reader finds a plan's appendix and reads its table of indicators by what the table
says, in whichever layout the text brings it, and marks what it could not read."""

import pytest

from directives.parsing import parse_text
from directives.parsing.appendix import find_appendix, plain_number, read_indicators
from tests.directives.work import calls as _calls

HEADER = (
    "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 88/KH-UBND\nSơn La, ngày 10 tháng 9 năm 2024\n"
    "KẾ HOẠCH\nNhiệm vụ năm học 2024 - 2025\n"
    "I. NHIỆM VỤ\n1. Nâng cao chất lượng giáo dục\n- Rà soát mạng lưới trường lớp.\n"
)
CAPTION = (
    "CHỈ TIÊU GIÁO DỤC NĂM HỌC 2024 - 2025\n"
    "(Kèm theo Kế hoạch số 88/KH-UBND ngày 10/9/2024 của UBND tỉnh Sơn La)\n"
)


def _appendix(table: str, heading: str = "PHỤ LỤC") -> dict:
    return parse_text(HEADER + heading + "\n" + CAPTION + table)


def _marks(parsed: dict) -> dict[str, str]:
    return {mark["field"]: mark["reason"] for mark in parsed["unsure"]}


def _values(parsed: dict) -> list[tuple]:
    return [(i["order"], i["unit"], i["baseline"], i["target"]) for i in parsed["indicators"]]


PIPE_TABLE = (
    "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
    "| 1 | Tỷ lệ huy động trẻ mẫu giáo | % | 98,5 | 99 |\n"
    "| 2 | Số trường đạt chuẩn quốc gia | Trường | 412 | 430 |\n"
)


@pytest.mark.parametrize("heading", ["Phụ lục", "PHỤ LỤC I", "Phụ lục 01", "PHỤ LỤC SỐ 1"])
def test_an_appendix_heading_in_any_case_and_numbering_is_seen(heading):
    """However the heading is written, its table is read."""
    parsed = _appendix(PIPE_TABLE, heading)
    assert _values(parsed) == [(1, "%", "98.5", "99"), (2, "Trường", "412", "430")]


@pytest.mark.parametrize(
    "line",
    [
        "Phụ lục I kèm theo Kế hoạch này quy định các chỉ tiêu cụ thể.",
        "(Có Phụ lục chi tiết kèm theo)",
        "Phụ lục 02.",
    ],
)
def test_an_appendix_named_in_a_sentence_is_not_the_appendix(line):
    """A body line that mentions an appendix does not cut the body there."""
    lines = ["I. NHIỆM VỤ", line, "- Rà soát mạng lưới trường lớp.", "II. TỔ CHỨC THỰC HIỆN"]
    assert find_appendix(lines) == len(lines)


def test_blank_lines_and_caption_lines_before_the_table_are_not_counted():
    """The caption and any number of blank lines under the heading leave the columns alone."""
    table = "\n\n\nTT\nChỉ tiêu\nĐơn vị tính\nNăm học 2023-2024\nNăm học 2024-2025\n"
    table += "1\nTỷ lệ huy động trẻ mẫu giáo\n%\n98,5\n99\n2\nSố lớp học\nLớp\n1.204\n1.230\n"
    parsed = parse_text(HEADER + "Phụ lục\n\n\n" + CAPTION + "\n\n" + table)
    assert _values(parsed) == [(1, "%", "98.5", "99"), (2, "Lớp", "1204", "1230")]
    assert not parsed["unplaced"]


def test_columns_are_read_by_their_words_in_any_order():
    """The target column before the achieved one, the unit after the values, a note."""
    parsed = _appendix(
        "| STT | Nội dung | Kế hoạch 2024-2025 | Thực hiện 2023-2024 | ĐVT | Ghi chú |\n"
        "| 1 | Tỷ lệ học sinh hoàn thành chương trình tiểu học | 99,6 | 99,4 | % | Tăng |\n"
    )
    (item,) = parsed["indicators"]
    assert (item["baseline"], item["baseline_year"]) == ("99.4", "2023-2024")
    assert (item["target"], item["target_year"], item["unit"]) == ("99.6", "2024-2025", "%")


def test_with_a_third_year_column_the_baseline_is_the_latest_achieved_year():
    """Three school years: the baseline is the last achieved, the target the planned year."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2022-2023 | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| 1 | Tỷ lệ phòng học kiên cố | % | 78 | 81 | 83 |\n"
    )
    (item,) = parsed["indicators"]
    assert (item["baseline"], item["baseline_year"]) == ("81", "2023-2024")
    assert (item["target"], item["target_year"]) == ("83", "2024-2025")


def test_an_estimate_of_the_current_year_is_the_baseline_of_next_years_target():
    """Ước thực hiện 2024-2025 beside Kế hoạch 2025-2026, under a two-row header."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2024-2025 | | Năm học 2025-2026 |\n"
        "| | | | Kế hoạch | Ước thực hiện | Kế hoạch |\n"
        "| 1 | Tỷ lệ trẻ 5 tuổi ra lớp | % | 99 | 99,2 | 99,5 |\n"
    )
    (item,) = parsed["indicators"]
    assert (item["baseline"], item["baseline_year"]) == ("99.2", "2024-2025")
    assert (item["target"], item["target_year"]) == ("99.5", "2025-2026")


def test_an_empty_pipe_cell_is_a_missing_value_not_a_shift():
    """The row keeps its other values, later rows are untouched, the blank is marked."""
    parsed = _appendix(
        PIPE_TABLE + "| 3 | Tỷ lệ học sinh bỏ học | % |  | 0,5 |\n"
        "| 4 | Số phòng học mới | Phòng | 120 | 150 |\n"
    )
    assert _values(parsed)[2:] == [(3, "%", None, "0.5"), (4, "Phòng", "120", "150")]
    assert _marks(parsed)["indicators[2].baseline"] == "missing"


def test_a_blank_cell_of_a_table_written_one_cell_per_line_is_a_missing_value():
    """One cell per line, a blank line where a cell is empty: the next rows keep their place."""
    parsed = _appendix(
        "TT\nChỉ tiêu\nĐVT\nNăm học 2023-2024\nNăm học 2024-2025\n"
        "1\nTỷ lệ huy động trẻ nhà trẻ\n%\n\n30\n"
        "2\nTỷ lệ huy động trẻ mẫu giáo\n%\n98,9\n99\n"
        "3\nSố trường đạt chuẩn\nTrường\n412\n430\n"
    )
    assert _values(parsed) == [
        (1, "%", None, "30"),
        (2, "%", "98.9", "99"),
        (3, "Trường", "412", "430"),
    ]
    assert _marks(parsed)["indicators[0].baseline"] == "missing"


def test_a_cell_left_out_of_a_table_one_cell_per_line_is_marked_not_guessed():
    """No blank line shows which value is missing: what is read is marked ambiguous."""
    parsed = _appendix(
        "TT\nChỉ tiêu\nĐVT\nNăm học 2023-2024\nNăm học 2024-2025\n"
        "1\nTỷ lệ huy động trẻ nhà trẻ\n%\n29\n30\n"
        "2\nTỷ lệ huy động trẻ mẫu giáo\n%\n99\n"
        "3\nSố trường đạt chuẩn\nTrường\n412\n430\n"
    )
    assert [i["order"] for i in parsed["indicators"]] == [1, 2, 3]
    assert parsed["indicators"][2]["target"] == "430"
    marks = _marks(parsed)
    assert marks["indicators[1].baseline"] == "ambiguous"
    assert marks["indicators[1].target"] == "missing"


def test_group_rows_do_not_end_the_table_and_name_the_group():
    """Roman, lettered and one-cell group rows are groups; the TTs run as written."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| I | Giáo dục mầm non | | | |\n"
        "| 1 | Tỷ lệ huy động trẻ mẫu giáo | % | 98,5 | 99 |\n"
        "| A. GIÁO DỤC PHỔ THÔNG |\n"
        "| 2 | Tỷ lệ học sinh đi học đúng độ tuổi | % | 99 | 99,2 |\n"
    )
    groups = [(i["order"], i["group"]) for i in parsed["indicators"]]
    assert groups == [(1, "Giáo dục mầm non"), (2, "GIÁO DỤC PHỔ THÔNG")]


def test_sub_numbered_rows_under_numbered_groups_are_counted_in_order():
    """ "1 | Giáo dục mầm non" with no values is a group; "1.1", "1.2", "2.1" take their
    place in the appendix as order (an order is a whole number, unique in the plan)."""
    parsed = _appendix(
        "| TT | Nội dung | ĐVT | Thực hiện 2023-2024 | Kế hoạch 2024-2025 |\n"
        "| 1 | Giáo dục mầm non | | | |\n"
        "| 1.1 | Số trường mầm non | Trường | 598 | 612 |\n"
        "| 1.2 | Tỷ lệ trẻ học 2 buổi/ngày | % | 100 | 100 |\n"
        "| 2 | Giáo dục phổ thông | | | |\n"
        "| 2.1 | Tỷ lệ tốt nghiệp THPT | % | 98,72 | 99 |\n"
    )
    groups = [(i["order"], i["group"]) for i in parsed["indicators"]]
    assert groups == [(1, "Giáo dục mầm non"), (2, "Giáo dục mầm non"), (3, "Giáo dục phổ thông")]


def test_numbering_restarted_in_each_group_is_counted_in_order():
    """Two rows numbered 1 would be two indicators of one order: they are counted instead."""
    parsed = _appendix(
        "TT\nChỉ tiêu\nĐVT\nNăm học 2023-2024\nNăm học 2024-2025\n"
        "I\nGiáo dục mầm non\n1\nTỷ lệ trẻ ra lớp\n%\n98\n99\n"
        "II\nGiáo dục phổ thông\n1\nTỷ lệ tốt nghiệp\n%\n97\n98\n"
    )
    assert [(i["order"], i["group"]) for i in parsed["indicators"]] == [
        (1, "Giáo dục mầm non"),
        (2, "Giáo dục phổ thông"),
    ]


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("1.234", "1234"),
        ("32,7", "32.7"),
        ("99,85%", "99.85"),
        ("≥ 95", "95"),
        ("100%", "100"),
        ("1.234,5", "1234.5"),
        ("-", None),
        ("Đạt", None),
    ],
)
def test_numbers_are_read_as_vietnamese_documents_write_them(cell, number):
    assert plain_number(cell) == number


def test_a_dash_is_no_value_and_a_word_is_a_value_to_check():
    """ "-" states there is none (null); "Duy trì", "Đạt" are no number and are marked."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| 1 | Số giáo viên tuyển mới | Người | 540 | - |\n"
        "| 2 | Phổ cập giáo dục mầm non cho trẻ 5 tuổi | Xã | Đạt | Duy trì |\n"
    )
    assert _values(parsed) == [(1, "Người", "540", None), (2, "Xã", None, None)]
    marks = _marks(parsed)
    assert "indicators[0].target" not in marks
    assert marks["indicators[1].baseline"] == marks["indicators[1].target"] == "missing"


def test_a_unit_is_taken_from_above_the_table_or_marked_missing():
    """ "Đơn vị tính: %" over a table without a unit column gives every row its unit;
    without it, the unit is marked missing."""
    table = (
        "| TT | Chỉ tiêu | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| 1 | Tỷ lệ trẻ ra lớp | 98 | 99 |\n"
    )
    stated = _appendix("Đơn vị tính: %\n" + table)
    assert stated["indicators"][0]["unit"] == "%"
    assert "indicators[0].unit" not in _marks(stated)
    unstated = _appendix(table)
    assert unstated["indicators"][0]["unit"] is None
    assert _marks(unstated)["indicators[0].unit"] == "missing"


def test_an_appendix_of_assigned_tasks_is_not_read_as_indicators():
    """Phụ lục II (phân công nhiệm vụ) after the indicators stays unplaced, whole."""
    tasks = (
        "PHỤ LỤC II\nPHÂN CÔNG NHIỆM VỤ\n"
        "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n"
        "| 1 | Rà soát quy hoạch mạng lưới trường lớp | Sở Nội vụ | UBND các xã | 12/2024 |\n"
    )
    parsed = _appendix(PIPE_TABLE + "\n" + tasks, "PHỤ LỤC I")
    assert len(parsed["indicators"]) == 2
    assert parsed["unplaced"][-4:] == tasks.strip().split("\n")


def test_a_name_wrapped_over_two_lines_is_one_name():
    """A PDF's text breaks a long name; the next line joins it, the unit stays the unit."""
    parsed = _appendix(
        "TT\nChỉ tiêu\nĐVT\nNăm học 2023-2024\nNăm học 2024-2025\n"
        "1\nSố học viên theo học chương trình giáo dục thường xuyên cấp\nTHCS, THPT\n"
        "Học viên\n2.315\n2.400\n"
        "2\nTỷ lệ học viên hoàn thành chương trình\n%\n91,2\n92\n"
    )
    first = parsed["indicators"][0]
    assert first["name"].endswith("thường xuyên cấp THCS, THPT")
    assert (first["unit"], first["baseline"], first["target"]) == ("Học viên", "2315", "2400")


def test_the_footnote_under_the_table_is_left_unplaced():
    """What follows the last row (a footnote) is not part of an indicator."""
    indicators, rest = read_indicators(
        [
            "PHỤ LỤC",
            "(Kèm theo Kế hoạch số 1/KH-UBND)",
            "TT",
            "Chỉ tiêu",
            "Năm học 2023-2024",
            "Năm học 2024-2025",
            "1",
            "Tỷ lệ trẻ ra lớp",
            "98",
            "99",
            "[1] Theo Nghị quyết số 39/2020/NQ-HĐND.",
        ]
    )
    assert [(i["baseline"], i["target"]) for i in indicators] == [("98", "99")]
    assert rest == ["[1] Theo Nghị quyết số 39/2020/NQ-HĐND."]


def _one_cell_per_line(rows: int) -> list[str]:
    lines = ["PHỤ LỤC", "TT", "Chỉ tiêu", "ĐVT", "Năm học 2023-2024", "Năm học 2024-2025"]
    for n in range(1, rows + 1):
        lines += [str(n % 1000 or 1), "Tỷ lệ trường đạt chuẩn", "%", "", "2", "%", "1"]
    return lines


def _headings(count: int) -> list[str]:
    return ["Phụ lục I", "", "CHỈ TIÊU", "Phụ lục 1 |" + "|" * 500] * count


def _pipes(rows: int) -> list[str]:
    lines = ["PHỤ LỤC", "| TT |" + " | ".join(["Năm học 2023-2024"] * 3000)]
    return lines + ["| 1 | Tỷ lệ | % |" + "|" * 2000 + " 1 |"] * rows


@pytest.mark.parametrize("build", [_one_cell_per_line, _headings, _pipes])
def test_reading_an_appendix_four_times_as_long_takes_about_four_times_the_work(build):
    """Rows that do not line up, headings without tables, rows of thousands of cells: the
    work grows with the text, never with its square."""
    small, large = build(500), build(2000)
    size = sum(map(len, small)), sum(map(len, large))
    ratio = (_calls(read_indicators, large) / size[1]) / (_calls(read_indicators, small) / size[0])
    assert ratio < 1.3
    assert _calls(find_appendix, large) / size[1] < 1.3 * _calls(find_appendix, small) / size[0]


def test_a_pdf_table_with_a_two_row_header_is_read_by_its_year_cells():
    """A PDF's table, one row per line: the year cells span the unit and value cells under
    them, as in 3707/KH-UBND; the rows keep their columns."""
    parsed = _appendix(
        "TT | Chỉ tiêu | Năm học 2023-2024 | Năm học 2024-2025\n"
        "Đơn vị | Chỉ tiêu đạt được | Đơn vị | Chỉ tiêu phấn đấu\n"
        "1 | Tỷ lệ huy động trẻ nhà trẻ | % | 32,7 | % | 32,8\n"
        "2 | Số đơn vị cấp xã đạt chuẩn phổ cập | Xã | 106 | Xã | 106\n"
    )
    assert _values(parsed) == [(1, "%", "32.7", "32.8"), (2, "Xã", "106", "106")]
    assert {i["baseline_year"] for i in parsed["indicators"]} == {"2023-2024"}
    assert {i["target_year"] for i in parsed["indicators"]} == {"2024-2025"}


def test_a_row_that_lost_a_value_cell_is_marked_where_it_cannot_be_placed():
    """A PDF leaves an empty cell out of its row: which value is missing is not known, so
    the value read is marked, and the missing one too."""
    parsed = _appendix(PIPE_TABLE + "3 | Tỷ lệ học sinh bỏ học | % | 0,5\n")
    marks = _marks(parsed)
    assert marks["indicators[2].target"] == "missing"
    assert marks["indicators[2].baseline"] == "ambiguous"


def test_a_row_pasted_from_word_without_its_empty_note_is_read_whole():
    """Tabs between cells; the empty note at the end of a row is lost with the trimmed tab."""
    parsed = _appendix(
        "TT\tChỉ tiêu\tĐVT\tNăm học 2023-2024\tNăm học 2024-2025\tGhi chú\n"
        "1\tTỷ lệ huy động trẻ mẫu giáo\t%\t98,5\t99\n"
        "2\tSố trường đạt chuẩn quốc gia\tTrường\t412\t430\tTăng 18 trường\n"
    )
    assert _values(parsed) == [(1, "%", "98.5", "99"), (2, "Trường", "412", "430")]
    assert not [m for m in parsed["unsure"] if m["field"].startswith("indicators")]


def test_the_header_repeated_on_the_next_page_and_column_numbers_are_no_rows():
    """A long table printed over two pages repeats its header; a row numbers the columns."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| (1) | (2) | (3) | (4) | (5) |\n"
        "| 1 | Tỷ lệ huy động trẻ mẫu giáo | % | 98,5 | 99 |\n"
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| 2 | Số trường đạt chuẩn quốc gia | Trường | 412 | 430 |\n"
    )
    assert _values(parsed) == [(1, "%", "98.5", "99"), (2, "Trường", "412", "430")]


def test_a_line_between_two_rows_continues_the_name_above():
    """A wrapped cell of a pipe table: the line joins the name, the table goes on."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| 1 | Tỷ lệ trường mầm non đạt chuẩn | % | 50 | 54,5 |\n"
        "quốc gia mức độ 1\n"
        "| 2 | Số trường đạt chuẩn quốc gia | Trường | 412 | 430 |\n"
    )
    names = [i["name"] for i in parsed["indicators"]]
    assert names == [
        "Tỷ lệ trường mầm non đạt chuẩn quốc gia mức độ 1",
        "Số trường đạt chuẩn quốc gia",
    ]


def test_a_group_row_without_a_number_under_the_header_is_a_group():
    """ "| | Giáo dục mầm non | | |" right under the header names the first group."""
    parsed = _appendix(
        "| TT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025 |\n"
        "| | Giáo dục mầm non | | | |\n"
        "| 1 | Tỷ lệ huy động trẻ mẫu giáo | % | 98,5 | 99 |\n"
        "| | Giáo dục phổ thông | | | |\n"
        "| 2 | Tỷ lệ học sinh đi học đúng độ tuổi | % | 99 | 99,2 |\n"
    )
    groups = [(i["order"], i["group"]) for i in parsed["indicators"]]
    assert groups == [(1, "Giáo dục mầm non"), (2, "Giáo dục phổ thông")]


def test_a_table_that_lost_its_header_is_read_and_its_years_marked():
    """Without a header the columns are told by their cells; the years come from the
    caption and are marked as guessed."""
    parsed = _appendix("1\nTỷ lệ trẻ ra lớp\n%\n98\n99\n2\nSố trường đạt chuẩn\nTrường\n412\n430\n")
    assert _values(parsed) == [(1, "%", "98", "99"), (2, "Trường", "412", "430")]
    first = parsed["indicators"][0]
    assert (first["baseline_year"], first["target_year"]) == ("2023-2024", "2024-2025")
    marks = _marks(parsed)
    assert marks["indicators[0].target_year"] == marks["indicators[0].baseline_year"] == "guessed"


def test_a_note_under_a_pipe_table_is_unplaced_not_part_of_a_name():
    """A footnote or "Ghi chú:" right under the last row is left for staff, whole."""
    parsed = _appendix(PIPE_TABLE + "Ghi chú: số liệu theo báo cáo tổng kết năm học.\n")
    assert parsed["indicators"][-1]["name"] == "Số trường đạt chuẩn quốc gia"
    assert parsed["unplaced"][-1] == "Ghi chú: số liệu theo báo cáo tổng kết năm học."


def test_an_italic_caption_is_recognised_under_the_heading():
    """Markdown emphasis around "(Kèm theo ...)" still marks the line as the caption."""
    lines = ["Phụ lục", "*(Kèm theo Kế hoạch số 88/KH-UBND ngày 10/9/2024)*", "Bảng chỉ tiêu"]
    assert find_appendix(["Nơi nhận:", "- Lưu: VT.", *lines]) == 2


def test_a_two_row_header_repeated_on_the_next_page_is_no_indicator():
    """Both header rows come again at the top of the page; neither is read as a row."""
    header = (
        "TT | Chỉ tiêu | Năm học 2023-2024 | Năm học 2024-2025\n"
        "Đơn vị | Chỉ tiêu đạt được | Đơn vị | Chỉ tiêu phấn đấu\n"
    )
    parsed = _appendix(
        header
        + "1 | Tỷ lệ huy động trẻ nhà trẻ | % | 32,7 | % | 32,8\n"
        + header
        + "2 | Số đơn vị cấp xã đạt chuẩn phổ cập | Xã | 106 | Xã | 106\n"
    )
    assert _values(parsed) == [(1, "%", "32.7", "32.8"), (2, "Xã", "106", "106")]


# --- a table laid out by spaces (a PDF's layout text) ----------------------------------------

LAYOUT_HEADER = (
    "UBND TỈNH QUẢNG NINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2156/KH-SGDĐT\n"
    "Quảng Ninh, ngày 12 tháng 9 năm 2024\nKẾ HOẠCH\nNhiệm vụ trọng tâm năm học 2024 - 2025\n"
    "I. NHIỆM VỤ\n1. Phát triển mạng lưới trường lớp\n- Sắp xếp điểm trường lẻ vùng biên giới.\n"
    "PHỤ LỤC\nMỘT SỐ CHỈ TIÊU NĂM HỌC 2024 - 2025\n"
)
LAYOUT_TABLE = (
    "STT   Nội dung chỉ tiêu                              Đơn vị     Ước thực hiện    Kế hoạch\n"
    "                                                                2023-2024        2024-2025\n"
    "1     Tỷ lệ trẻ nhà trẻ được huy động                %          38,2             40\n"
    "2     Số phòng học được kiên cố hóa                  Phòng      1.126            1.190\n"
    "3     Số trường có phòng học bộ môn tin học          Trường                      58\n"
    "4     Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo     %          97,4\n"
)


def test_a_table_laid_out_by_runs_of_spaces_is_read_by_its_columns():
    """A PDF's layout text separates cells by two spaces or more; the year labels wrapped on
    the line under the header name the columns above them, and a cell left empty (no baseline,
    no target) is found empty by where the cells of the other rows stand."""
    parsed = parse_text(LAYOUT_HEADER + LAYOUT_TABLE)
    assert [(i["order"], i["name"]) for i in parsed["indicators"]] == [
        (1, "Tỷ lệ trẻ nhà trẻ được huy động"),
        (2, "Số phòng học được kiên cố hóa"),
        (3, "Số trường có phòng học bộ môn tin học"),
        (4, "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo"),
    ]
    assert _values(parsed) == [
        (1, "%", "38.2", "40"),
        (2, "Phòng", "1126", "1190"),
        (3, "Trường", None, "58"),
        (4, "%", "97.4", None),
    ]
    assert {(i["baseline_year"], i["target_year"]) for i in parsed["indicators"]} == {
        ("2023-2024", "2024-2025")
    }
    marks = _marks(parsed)
    assert marks["indicators[2].baseline"] == "missing"
    assert marks["indicators[3].target"] == "missing"
    assert not any(f.endswith(("unit", "name", "_year")) for f in marks)


def test_a_name_split_by_two_spaces_by_accident_stays_one_name():
    """Two spaces inside a name (a justified PDF line) do not make it two cells: the second
    part stands in the name's column."""
    table = LAYOUT_TABLE.replace("Số phòng học được", "Số phòng học  được")
    parsed = parse_text(LAYOUT_HEADER + table)
    assert parsed["indicators"][1]["name"] == "Số phòng học được kiên cố hóa"
    assert _values(parsed)[1] == (2, "Phòng", "1126", "1190")
    assert not any(m.startswith("indicators[1]") for m in _marks(parsed))


def test_a_value_standing_between_two_columns_is_marked_not_placed_silently():
    """A value whose position falls in no column, in a row that lacks a cell, is placed by
    what it is and marked ambiguous."""
    table = LAYOUT_TABLE.replace(
        "3     Số trường có phòng học bộ môn tin học          Trường                      58",
        "3     Số trường có phòng học bộ môn tin học          Trường                   58",
    )
    parsed = parse_text(LAYOUT_HEADER + table)
    assert _marks(parsed)["indicators[2].baseline"] == "ambiguous"


def test_a_table_laid_out_by_spaces_right_under_the_heading_is_the_appendix():
    """Without a caption, a header row starting with its TT says the heading is the
    appendix's."""
    lines = ["II. TỔ CHỨC THỰC HIỆN", "- Các phòng triển khai.", "Phụ lục 02"]
    lines += LAYOUT_TABLE.splitlines()
    assert find_appendix(lines) == 2
    indicators, rest = read_indicators(lines[2:])
    assert len(indicators) == 4 and rest == []


def test_lines_laid_out_by_spaces_after_the_table_come_back_as_written():
    """The signature block laid out beside the recipients is not read as a row: it is left
    unplaced as the document wrote it."""
    lines = [*LAYOUT_TABLE.splitlines(), "Nơi nhận:                         KT. GIÁM ĐỐC"]
    indicators, rest = read_indicators(["PHỤ LỤC", *lines])
    assert len(indicators) == 4
    assert rest == ["Nơi nhận:                         KT. GIÁM ĐỐC"]


def _space_rows(rows: int) -> list[str]:
    lines = ["PHỤ LỤC", "TT   Chỉ tiêu   ĐVT   Năm học 2023-2024   Năm học 2024-2025"]
    return lines + [f"{n % 900 + 1}   Tỷ lệ  a  b  c  d   %" + "   9" * 300 for n in range(rows)]


def test_a_line_of_a_million_spaces_in_a_table_laid_out_by_spaces_is_read():
    """A line of a million spaces (and one of a million two-space gaps) inside the table is
    read in time, like any other line."""
    lines = LAYOUT_TABLE.splitlines()
    lines[3:3] = ["1" + " " * 1_000_000 + "x", "1" + "  x" * 300_000]
    indicators, _ = read_indicators(["PHỤ LỤC", *lines])
    assert [i["target"] for i in indicators][-2:] == ["58", None]


def test_reading_a_table_laid_out_by_spaces_four_times_as_long_takes_four_times_the_work():
    """Rows of hundreds of cells laid out by spaces: the work grows with the text."""
    small, large = _space_rows(500), _space_rows(2000)
    size = sum(map(len, small)), sum(map(len, large))
    ratio = (_calls(read_indicators, large) / size[1]) / (_calls(read_indicators, small) / size[0])
    assert ratio < 1.3


def test_the_header_repeated_on_the_next_page_of_a_table_laid_out_by_spaces_is_skipped():
    """The page's number and the header again (with its wrapped year labels) between two
    rows are neither indicators nor part of the name above them."""
    head = LAYOUT_TABLE.splitlines()[:2]
    lines = LAYOUT_TABLE.splitlines()
    lines[4:4] = ["", "                                                       7", *head]
    indicators, rest = read_indicators(["PHỤ LỤC", *lines])
    assert [i["name"] for i in indicators][1:3] == [
        "Số phòng học được kiên cố hóa",
        "Số trường có phòng học bộ môn tin học",
    ]
    assert [(i["baseline"], i["target"]) for i in indicators] == [
        ("38.2", "40"),
        ("1126", "1190"),
        (None, "58"),
        ("97.4", None),
    ]
