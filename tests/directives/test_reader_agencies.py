"""The reader finds the agencies a task names, their roles and its deadline, by general rules."""

import time

import pytest

from directives.parsing.agencies import agency_names, find_agencies, is_agency_name
from directives.parsing.dates import deadline_words, find_deadline
from directives.parsing.unsure import AMBIGUOUS, GUESSED, marks_of


def _names(text: str) -> list[tuple[str, str]]:
    return [(agency["name"], agency["role"]) for agency in find_agencies(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ngân hàng Chính sách xã hội tỉnh chủ trì cho vay.", "Ngân hàng Chính sách xã hội tỉnh"),
        ("Công an tỉnh chủ trì bảo đảm an ninh trường học.", "Công an tỉnh"),
        ("Tỉnh đoàn chủ trì tổ chức các hoạt động hè.", "Tỉnh đoàn"),
        ("Bộ Chỉ huy Quân sự tỉnh chủ trì giáo dục quốc phòng.", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Bảo hiểm xã hội tỉnh chủ trì thu bảo hiểm y tế.", "Bảo hiểm xã hội tỉnh"),
        ("Liên đoàn Lao động tỉnh chủ trì thăm hỏi.", "Liên đoàn Lao động tỉnh"),
        ("Hội Liên hiệp Phụ nữ tỉnh chủ trì vận động.", "Hội Liên hiệp Phụ nữ tỉnh"),
        (
            "Trường Cao đẳng Cộng đồng Lai Châu chủ trì đào tạo.",
            "Trường Cao đẳng Cộng đồng Lai Châu",
        ),
        ("Văn phòng Sở chủ trì tham mưu.", "Văn phòng Sở"),
        ("Phòng Giáo dục Trung học chủ trì hướng dẫn.", "Phòng Giáo dục Trung học"),
        ("Sở Văn hóa, Thể thao và Du lịch chủ trì hội thi.", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở GD&ĐT chủ trì triển khai.", "Sở GD&ĐT"),
        (
            "Trung tâm Giáo dục thường xuyên tỉnh chủ trì mở lớp.",
            "Trung tâm Giáo dục thường xuyên tỉnh",
        ),
        ("Viettel Lai Châu chủ trì bảo đảm đường truyền.", "Viettel Lai Châu"),
        ("VNPT Lai Châu chủ trì hỗ trợ.", "VNPT Lai Châu"),
    ],
)
def test_an_agency_of_any_kind_is_found_by_how_its_name_is_written(text, name):
    """Kinds of organisation beyond a fixed list, and names without a kind (Viettel), are
    read whole when they are the subject of "chủ trì"."""
    assert _names(text) == [(name, "lead")]


@pytest.mark.parametrize(
    "text",
    [
        "Tăng cường công tác phối hợp với các đơn vị trong ngành.",
        "Tổ chức tập huấn cho giáo viên cốt cán.",
        "Báo cáo kết quả về Sở trước ngày 20/10.",
        "Phòng, chống bạo lực học đường.",
        "Phòng chống tảo hôn ở vùng cao.",
        "Hội nghị tổng kết được tổ chức vào cuối năm.",
        "Ban hành kế hoạch kiểm tra.",
        "Trường hợp khó khăn được hỗ trợ.",
        "Đội ngũ giáo viên được bồi dưỡng.",
    ],
)
def test_an_ordinary_capitalised_sentence_start_is_not_an_agency(text):
    """Words that begin agency names and ordinary sentences alike ("Báo cáo", "Tổ chức",
    "Phòng chống", "Hội nghị") are a name only when a field, place or acronym follows."""
    assert find_agencies(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("UBND các xã, phường chủ trì rà soát.", "UBND các xã, phường"),
        ("UBND các huyện, thành phố chủ trì rà soát.", "UBND các huyện, thành phố"),
        ("Ủy ban nhân dân cấp xã có trách nhiệm vận động.", "Ủy ban nhân dân cấp xã"),
        ("Các Sở, ban, ngành chủ trì thực hiện.", "Các Sở, ban, ngành"),
        (
            "Các trường Mầm non, Tiểu học, THCS trên địa bàn chủ trì thực hiện.",
            "Các trường Mầm non, Tiểu học, THCS trên địa bàn",
        ),
        ("Các Phòng Giáo dục và Đào tạo chủ trì tổng hợp.", "Các Phòng Giáo dục và Đào tạo"),
    ],
)
def test_a_collective_is_found_with_its_whole_name(text, name):
    """A collective of communes, districts or departments keeps every level it lists."""
    assert _names(text) == [(name, "lead")]


def test_lead_and_coordinators_from_chu_tri_and_phoi_hop_voi():
    """ "X chủ trì, phối hợp với Y, Z": X leads, Y and Z coordinate, unmarked."""
    agencies = find_agencies(
        "Bảo hiểm xã hội tỉnh chủ trì, phối hợp với Sở Y tế, Sở Giáo dục và Đào tạo triển khai."
    )
    assert [(a["name"], a["role"]) for a in agencies] == [
        ("Bảo hiểm xã hội tỉnh", "lead"),
        ("Sở Y tế", "coordinate"),
        ("Sở Giáo dục và Đào tạo", "coordinate"),
    ]
    assert not any(marks_of(a) for a in agencies)


def test_the_subject_of_phoi_hop_voi_leads_unless_a_lead_came_first():
    """ "X phối hợp với Y thực hiện": X does it; after "giao Z", X only coordinates."""
    assert _names("Công an tỉnh phối hợp với Sở Giáo dục và Đào tạo bảo đảm an ninh.") == [
        ("Công an tỉnh", "lead"),
        ("Sở Giáo dục và Đào tạo", "coordinate"),
    ]
    assert _names(
        "Giao Sở Y tế kiểm tra an toàn thực phẩm. Công an tỉnh phối hợp với Sở Y tế xử lý vi phạm."
    ) == [("Sở Y tế", "lead"), ("Công an tỉnh", "coordinate")]
    assert _names("Viettel Lai Châu, VNPT Lai Châu phối hợp với các trường lắp đặt mạng.") == [
        ("Viettel Lai Châu", "lead"),
        ("VNPT Lai Châu", "lead"),
    ]


def test_a_subject_that_only_phoi_hop_coordinates():
    """ "X phối hợp tuyên truyền" (with nobody named) makes X a coordinator."""
    assert _names("Bộ Chỉ huy Quân sự tỉnh phối hợp tuyên truyền.") == [
        ("Bộ Chỉ huy Quân sự tỉnh", "coordinate")
    ]


def test_giao_and_de_nghi_give_the_role_and_the_assigner_is_not_an_agency():
    """ "UBND tỉnh giao X chủ trì": X leads, the UBND that assigns is not an agency of the
    task; "Đề nghị X" asks X to coordinate, a convention marked as guessed."""
    assert _names("UBND tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thẩm định.") == [
        ("Sở Tài chính", "lead"),
        ("Sở Nội vụ", "coordinate"),
    ]
    (asked,) = find_agencies("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường giám sát.")
    assert (asked["role"], marks_of(asked)) == ("coordinate", {"role": GUESSED})


def test_a_subject_with_no_verb_of_responsibility_is_a_lead_marked_guessed():
    """ "Sở Y tế hướng dẫn ...": the subject does the task, but no word says so: the role is
    marked so staff check it. "X có trách nhiệm", "X là cơ quan thường trực" are plain."""
    (guessed,) = find_agencies("Sở Y tế hướng dẫn các trường thực hiện công tác y tế.")
    assert (guessed["role"], marks_of(guessed)) == ("lead", {"role": GUESSED})
    for text in (
        "Sở Y tế có trách nhiệm hướng dẫn các trường.",
        "Sở Giáo dục và Đào tạo là cơ quan thường trực, theo dõi việc thực hiện.",
    ):
        (plain,) = find_agencies(text)
        assert (plain["role"], marks_of(plain)) == ("lead", {})


def test_a_subject_may_carry_its_functions_before_the_verb():
    """ "Các sở, ngành theo chức năng, nhiệm vụ được giao phối hợp thực hiện": coordinate."""
    assert _names("Các Sở, ban, ngành theo chức năng, nhiệm vụ được giao phối hợp thực hiện.") == [
        ("Các Sở, ban, ngành", "coordinate")
    ]


def test_lower_case_collectives_name_nobody_in_particular():
    """ "phối hợp với các cơ sở giáo dục", "các sở, ngành liên quan" are not agencies."""
    assert _names("Sở Y tế chủ trì, phối hợp với các cơ sở giáo dục, các sở, ngành liên quan.") == [
        ("Sở Y tế", "lead")
    ]


def test_agency_lines_with_labels():
    """ "Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z"."""
    assert _names("Đơn vị chủ trì: Sở Y tế; Đơn vị phối hợp: Công an tỉnh, Tỉnh đoàn.") == [
        ("Sở Y tế", "lead"),
        ("Công an tỉnh", "coordinate"),
        ("Tỉnh đoàn", "coordinate"),
    ]


def test_a_heading_that_names_agencies():
    """A group heading naming one agency, or a list of them, is read as such."""
    assert is_agency_name("Ủy ban nhân dân các huyện, thị xã, thành phố")
    assert not is_agency_name("Tổ chức thực hiện")
    assert agency_names("Đài Phát thanh và Truyền hình tỉnh, Báo Lai Châu") == [
        "Đài Phát thanh và Truyền hình tỉnh",
        "Báo Lai Châu",
    ]
    assert agency_names("Sở Y tế chủ trì") == []


def _deadline(text: str, issued_on: str | None = "2024-09-17") -> tuple:
    found = find_deadline(text, default_year=2024, issued_on=issued_on)
    return found["deadline"], found["due_on"], found["recurs_yearly"], marks_of(found)


@pytest.mark.parametrize(
    ("text", "deadline", "due_on"),
    [
        (
            "Báo cáo trước ngày 15 tháng 10 năm 2024.",
            "trước ngày 15 tháng 10 năm 2024",
            "2024-10-15",
        ),
        ("Cập nhật dữ liệu trước 30/9/2024.", "trước 30/9/2024", "2024-09-30"),
        ("Gửi Bộ chậm nhất ngày 05/01/2025.", "chậm nhất ngày 05/01/2025", "2025-01-05"),
        ("Rà soát, hoàn thành trong quý IV/2024.", "hoàn thành trong quý IV/2024", "2024-12-31"),
        ("Quý IV năm 2024", "Quý IV năm 2024", "2024-12-31"),
        ("tháng 10/2024", "tháng 10/2024", "2024-10-31"),
        ("Tổng kết, Tháng 12 năm 2024.", "Tháng 12 năm 2024", "2024-12-31"),
        ("năm 2025", "năm 2025", "2025-12-31"),
        ("Thời gian hoàn thành: 31/12/2024", "31/12/2024", "2024-12-31"),
        ("31/12/2024", "31/12/2024", "2024-12-31"),
        ("Tuyển đủ giáo viên (15/10/2024).", "15/10/2024", "2024-10-15"),
        ("Tổng kết trước tháng 6/2025.", "trước tháng 6/2025", "2025-05-31"),
        ("Bồi dưỡng từ ngày 01/10/2024 đến ngày 20/12/2024.", "đến ngày 20/12/2024", "2024-12-20"),
    ],
)
def test_deadlines_written_with_their_year(text, deadline, due_on):
    """Dates, quarters, months and years, after "trước", "trong", "chậm nhất", a label, in
    brackets or as a cell of their own, are read as stated and not marked."""
    assert _deadline(text) == (deadline, due_on, False, {})


def test_a_date_cited_with_a_document_is_not_a_deadline():
    """ "Chỉ thị số 666/CT-BGDĐT ngày 24/8/2020", "Đề án ... đến năm 2020" are not deadlines."""
    for text in (
        "Triển khai Chỉ thị số 666/CT-BGDĐT ngày 24/8/2020 của Bộ Giáo dục và Đào tạo.",
        "Tổng kết Đề án “Xóa mù chữ đến năm 2020”.",
        "Phổ cập cho trẻ từ 3 đến 5 tuổi vào năm 2030.",
        "Nhiệm vụ năm học 2024 - 2025 và bồi dưỡng thường xuyên giáo viên.",
    ):
        assert _deadline(text)[0] is None, text


@pytest.mark.parametrize(
    ("text", "deadline", "due_on"),
    [
        ("Kiểm tra trong quý I.", "trong quý I", "2025-03-31"),
        ("Tổ chức thi trước ngày 15/01.", "trước ngày 15/01", "2025-01-15"),
        ("Báo cáo trước ngày 20/10.", "trước ngày 20/10", "2024-10-20"),
        ("Mở lớp, hoàn thành trong năm học 2024 - 2025.", None, "2025-05-31"),
        ("Kiểm tra trong học kỳ I.", "trong học kỳ I", "2025-01-15"),
    ],
)
def test_a_date_the_plan_completes_falls_on_or_after_the_plan_and_is_marked(text, deadline, due_on):
    """Without its year, a day or quarter falls on its first occurrence on or after the
    plan's date; a term or school year ends on 15 January or 31 May: guessed."""
    words, due, yearly, marks = _deadline(text)
    assert (due, yearly, marks) == (due_on, False, {"due_on": GUESSED})
    assert deadline is None or words == deadline


def test_a_yearly_deadline_is_never_before_the_plan():
    """ "trước ngày 20/5 hằng năm" in a plan of September 2024 falls on 20 May 2025."""
    assert _deadline("Báo cáo trước ngày 20/5 hằng năm.") == (
        "trước ngày 20/5 hằng năm",
        "2025-05-20",
        True,
        {"due_on": GUESSED},
    )
    assert _deadline("Hằng năm, trước ngày 31/10, các trường gửi số liệu.")[:3] == (
        "Hằng năm, trước ngày 31/10",
        "2024-10-31",
        True,
    )
    # Without the plan's date, its year is taken (the seeds' "trước ngày 20/10 hằng năm").
    assert _deadline("trước ngày 20/10 hằng năm", issued_on=None)[1] == "2024-10-20"


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Thường xuyên", "Thường xuyên"),
        ("Cập nhật dữ liệu, thực hiện thường xuyên.", "thường xuyên"),
        ("Báo cáo các vụ việc (Thường xuyên).", "Thường xuyên"),
        ("Thông tin kịp thời; hằng tháng.", "hằng tháng"),
        ("Báo cáo công tác y tế trường học, định kỳ hằng quý.", "định kỳ hằng quý"),
        ("Báo cáo sĩ số trước ngày 25 hằng tháng.", "trước ngày 25 hằng tháng"),
        ("Thời gian thực hiện: Định kỳ", "Định kỳ"),
    ],
)
def test_a_recurring_deadline_keeps_its_words_without_a_date(text, deadline):
    """ "Thường xuyên", "hằng tháng", "định kỳ" standing as the deadline keep their words."""
    assert _deadline(text) == (deadline, None, False, {})


def test_thuong_xuyen_inside_a_phrase_is_not_a_deadline():
    """ "giáo dục thường xuyên", "thường xuyên kiểm tra", "Định kỳ tổng hợp" are not."""
    for text in (
        "Nâng cao chất lượng giáo dục thường xuyên.",
        "Thường xuyên kiểm tra, đôn đốc các đơn vị.",
        "Định kỳ tổng hợp kết quả báo cáo UBND tỉnh.",
    ):
        assert _deadline(text)[0] is None, text


def test_several_deadlines_keep_the_first_and_are_marked_ambiguous():
    """Two different deadlines in one task: the first stated is kept, it and its date marked."""
    assert _deadline("Đăng ký trước ngày 15/11/2024; nộp hồ sơ trước ngày 25/11/2024.") == (
        "trước ngày 15/11/2024",
        "2024-11-15",
        False,
        {"deadline": AMBIGUOUS, "due_on": AMBIGUOUS},
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Phòng Tổ chức cán bộ tham mưu bố trí giáo viên.", "Phòng Tổ chức cán bộ"),
        (
            "Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ các huyện, thị xã, thành phố chỉ đạo "
            "kiểm tra công nhận.",
            "Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ các huyện, thị xã, thành phố",
        ),
        ("Thường trực Ban Chỉ đạo tỉnh theo dõi, đôn đốc.", "Thường trực Ban Chỉ đạo tỉnh"),
        ("Các thành viên Ban Chỉ đạo tỉnh theo dõi địa bàn.", "Các thành viên Ban Chỉ đạo tỉnh"),
        ("Phòng Tổ chức cán bộ gửi báo cáo về Sở.", "Phòng Tổ chức cán bộ"),
        ("Phòng Tổ chức cán bộ, tổng hợp kết quả.", "Phòng Tổ chức cán bộ"),
        ("Phòng Tổ chức cán bộ (Sở GD&ĐT) chủ trì rà soát.", "Phòng Tổ chức cán bộ"),
        ("Ban Chỉ đạo 35 tỉnh chủ trì theo dõi.", "Ban Chỉ đạo 35 tỉnh"),
    ],
)
def test_a_name_goes_on_with_its_field_in_lower_case_up_to_the_verb(text, name):
    """A division or board names its field in lower case after its capitalised words; the
    name ends at the sentence's first verb (or a comma before one), plainly."""
    (agency,) = find_agencies(text)
    assert (agency["name"], marks_of(agency).get("name")) == (name, None)


def test_a_name_with_a_lower_case_field_is_read_after_phoi_hop_voi_and_in_a_list():
    """The field of a coordinator ends at the verb after it; a list's next name ends it."""
    assert _names(
        "Phòng Giáo dục Trung học phối hợp với Phòng Khảo thí và Quản lý chất lượng giáo dục "
        "tổ chức kỳ thi."
    ) == [
        ("Phòng Giáo dục Trung học", "lead"),
        ("Phòng Khảo thí và Quản lý chất lượng giáo dục", "coordinate"),
    ]
    assert _names("Giao Phòng Tổ chức cán bộ, Phòng Kế hoạch - Tài chính thực hiện.") == [
        ("Phòng Tổ chức cán bộ", "lead"),
        ("Phòng Kế hoạch - Tài chính", "lead"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # No verb after the lower-case words: they may be the field or an unknown verb's.
        ("Phòng Tổ chức cán bộ.", "Phòng Tổ chức"),
        ("Sở Y tế tầm soát sức khỏe cho học sinh.", "Sở Y tế"),
        # A label's value standing alone: most likely the whole name, still unsure.
        ("Đơn vị chủ trì: Phòng Tổ chức cán bộ", "Phòng Tổ chức cán bộ"),
    ],
)
def test_a_name_whose_end_is_uncertain_is_marked_ambiguous(text, name):
    """Where no verb or new name shows where a name ends, its name is marked ambiguous."""
    agency = find_agencies(text)[0]
    assert (agency["name"], marks_of(agency).get("name")) == (name, AMBIGUOUS)


def test_the_merged_provincial_press_agency_is_an_agency():
    """ "Báo và Phát thanh, Truyền hình <tỉnh>" (the press merged in 2025) is one name."""
    assert _names("Báo và Phát thanh, Truyền hình Hà Tĩnh phối hợp tuyên truyền.") == [
        ("Báo và Phát thanh, Truyền hình Hà Tĩnh", "coordinate")
    ]


def test_a_subject_that_giao_a_target_not_an_agency_does_the_task():
    """ "X giao chỉ tiêu cho các trường": X does the task (a guessed lead); "X giao Y ..."
    still only assigns."""
    assert _names("Ủy ban nhân dân các huyện, thị xã, thành phố giao chỉ tiêu cho các trường.") == [
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "lead")
    ]
    assert _names("UBND tỉnh giao Sở Tài chính bố trí kinh phí.") == [("Sở Tài chính", "lead")]


def test_an_agency_opening_a_clause_after_a_semicolon_with_a_verb_is_a_subject():
    """ "...; Văn phòng Sở bảo đảm kinh phí": a named agency and a verb after ";" make a
    clause of its own (its role guessed); after a comma it stays a list's name."""
    found = find_agencies("Phòng Kế hoạch - Tài chính chủ trì; Văn phòng Sở bảo đảm kinh phí.")
    assert [(a["name"], a["role"], marks_of(a)) for a in found] == [
        ("Phòng Kế hoạch - Tài chính", "lead", {}),
        ("Văn phòng Sở", "lead", {"role": GUESSED}),
    ]
    assert _names("Phối hợp với Sở Y tế, Sở Tài chính kiểm tra.") == [
        ("Sở Y tế", "coordinate"),
        ("Sở Tài chính", "coordinate"),
    ]


def test_the_end_of_a_period_from_tu_den_is_the_deadline():
    """ "từ tháng 9/2024 đến tháng 5/2025" is due at the end of May 2025; "đến năm 2030"
    (a horizon) is not a deadline."""
    assert _deadline("Thực hiện từ tháng 9/2024 đến tháng 5/2025.") == (
        "đến tháng 5/2025",
        "2025-05-31",
        False,
        {},
    )
    assert _deadline("Phấn đấu đến năm 2030 đạt chuẩn quốc gia.")[0] is None


@pytest.mark.parametrize(
    ("text", "words"),
    [("Tháng 11/2025.", "Tháng 11/2025"), (" Quý IV/2025; ", "Quý IV/2025"), (" . ", None)],
)
def test_deadline_words_drop_the_punctuation_that_ends_a_cell(text, words):
    """A label's or cell's deadline keeps its words, not the full stop ending the cell."""
    assert deadline_words(text) == words


LONG = 400_000


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế" + " " * LONG + "x",
        "Sở" + " Giáo" * (LONG // 5),
        "Các sở, " * (LONG // 8),
        "Sở Y tế, phối hợp với " * (LONG // 22),
        ("Sở Y tế theo chức năng, nhiệm vụ" + " " * 1000) * (LONG // 1000),
        "Phòng Tổ chức" + " cán bộ" * (LONG // 7),
        "Ban Chỉ đạo " + "phổ cập, " * (LONG // 9),
        "Phòng Tổ chức cán bộ a; " * (LONG // 24),
        "Phòng Tổ chức cán" + ", cán" * (LONG // 5),
    ],
)
def test_agencies_are_found_in_time_proportional_to_the_text(text):
    """Long runs of spaces, names and separators are read in well under a second each."""
    started = time.process_time()  # this process's CPU: other work on the machine does not count
    find_agencies(text)
    assert time.process_time() - started < 3


@pytest.mark.parametrize(
    "text",
    [
        "trước ngày" + " " * LONG + "15/10",
        "trước ngày 15/10/2024; " * (LONG // 23),
        "15/10 " * (LONG // 6),
        "hằng năm, " * (LONG // 10) + "trước ngày 20/5",
        "Thời gian" + " " * LONG + ": thường xuyên",
        "quý I năm " * (LONG // 10),
    ],
)
def test_deadlines_are_found_in_time_proportional_to_the_text(text):
    """Long runs of spaces, dates and deadline words are read in well under a second each."""
    started = time.process_time()  # this process's CPU: other work on the machine does not count
    find_deadline(text, default_year=2024, issued_on="2024-09-17")
    assert time.process_time() - started < 3
