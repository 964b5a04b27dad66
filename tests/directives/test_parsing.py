"""The directive parser reads the seed documents as their fixtures say, and odd text safely."""

import contextlib
import json
import time
from pathlib import Path

import pytest

from directives.parsing import ParseError, parse_text
from directives.parsing.appendix import plain_number

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
# Fields the text alone cannot give: agency codes and how indicators roll up are added elsewhere.
IGNORED = {
    "source_file",
    "issuer_code",
    "codes",
    "education_level",
    "direction",
    "rollup_rule",
    "ratio_scale",
}
SEEDS = sorted(FIXTURES.glob("directives/*.json"))


def _compare(expected, got, path: str, tally: dict, misses: list) -> None:
    """Count, per field path (list indexes dropped), how many values match."""
    if isinstance(expected, dict):
        for key, value in expected.items():
            if key not in IGNORED:
                found = got.get(key, "<missing>") if isinstance(got, dict) else "<missing>"
                _compare(value, found, f"{path}.{key}", tally, misses)
        return
    if isinstance(expected, list):
        got_list = got if isinstance(got, list) else []
        matched, total = tally.get(f"{path}[]#", (0, 0))
        tally[f"{path}[]#"] = (matched + (len(expected) == len(got_list)), total + 1)
        for index, value in enumerate(expected):
            found = got_list[index] if index < len(got_list) else "<missing>"
            _compare(value, found, f"{path}[]", tally, misses)
        return
    matched, total = tally.get(path, (0, 0))
    tally[path] = (matched + (expected == got), total + 1)
    if expected != got:
        misses.append(f"{path}: expected {expected!r}, got {got!r}")


@pytest.mark.parametrize("fixture", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_document_is_read_as_its_fixture_field_by_field(fixture):
    """Every field of the four seed documents, every task, group and indicator, matches."""
    expected = json.loads(fixture.read_text(encoding="utf-8"))
    source = FIXTURES / "sources" / expected["source_file"]
    got = parse_text(source.read_text(encoding="utf-8"))
    tally: dict = {}
    misses: list = []
    _compare(expected, got, "", tally, misses)
    report = "\n".join(
        f"{path}: {matched}/{total}" for path, (matched, total) in sorted(tally.items())
    )
    matched = sum(m for m, _ in tally.values())
    total = sum(t for _, t in tally.values())
    assert not misses, f"accuracy {matched}/{total}\n{report}\n" + "\n".join(misses[:30])


def test_seed_3707_reads_all_26_indicators():
    """The flattened appendix of 3707/KH-UBND gives 26 indicators with plain numbers."""
    text = (FIXTURES / "sources" / "001_e1b72a20e9d27a54.txt").read_text(encoding="utf-8")
    indicators = parse_text(text)["indicators"]
    assert [i["order"] for i in indicators] == list(range(1, 27))
    assert indicators[1]["target"] == "99.85"
    assert indicators[15]["unit"] == "Sinh viên/vạn dân"


def _plan(header: str, body: str = "") -> dict:
    body = body or (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhóm thứ nhất\n- Rà soát mạng lưới trường lớp.\n"
    )
    return parse_text(header + "\n" + body)


@pytest.mark.parametrize(
    ("header", "number", "symbol", "issued_on", "place"),
    [
        (
            "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 12/KH-SGDĐT\n"
            "Lai Châu, ngày 17 tháng 9 năm 2024\nKẾ HOẠCH\nNhiệm vụ năm học",
            "12",
            "KH-SGDĐT",
            "2024-09-17",
            "Lai Châu",
        ),
        (
            "Số: 5/KH-UBND\nLai Châu, 11/9/2020\nKẾ HOẠCH\nNhiệm vụ",
            "5",
            "KH-UBND",
            "2020-09-11",
            "Lai Châu",
        ),
        (
            "Số: 7/KH-UBND\nLai Châu, ngày 11/9/2020\nKẾ HOẠCH\nX",
            "7",
            "KH-UBND",
            "2020-09-11",
            "Lai Châu",
        ),
        (
            "Số: 8/CT-UBND\nSìn Hồ, Ngày 9-10-2018\nCHỈ THỊ\nX",
            "8",
            "CT-UBND",
            "2018-10-09",
            "Sìn Hồ",
        ),
        (
            "Số: 9/KH-PGDĐT\nTam Đường, ngày 08 tháng 9 năm 2020\nKẾ HOẠCH\nX",
            "9",
            "KH-PGDĐT",
            "2020-09-08",
            "Tam Đường",
        ),
        (
            "Số: 10/KH-UBND\nLai Châu, ngày 17 tháng 9\nnăm 2024\nKẾ HOẠCH\nX",
            "10",
            "KH-UBND",
            "2024-09-17",
            "Lai Châu",
        ),
        (
            "Số:   /KH-PGDĐT\nPhong Thổ, ngày   tháng   năm 2020\nKẾ HOẠCH\nX",
            None,
            "KH-PGDĐT",
            None,
            "Phong Thổ",
        ),
    ],
)
def test_header_variants(header, number, symbol, issued_on, place):
    """Number, symbol, place and date are read however the header spells them."""
    data = _plan(header)
    assert (data["number"], data["symbol"], data["issued_on"], data["place"]) == (
        number,
        symbol,
        issued_on,
        place,
    )
    assert data["doc_type"] in ("KH", "CT")


def test_issuer_from_capital_header_lines():
    """ "ỦY BAN NHÂN DÂN / TỈNH LAI CHÂU" is the issuer, spelled in full."""
    data = _plan("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 1/KH-UBND\nKẾ HOẠCH\nX")
    assert data["issuer"] == "Ủy ban nhân dân tỉnh Lai Châu"


@pytest.mark.parametrize(
    "written", ["năm học 2024 - 2025", "năm học 2024-2025", "năm học 2024 – 2025"]
)
def test_school_year_spellings(written):
    """The school year is read with spaces, a hyphen or an en dash."""
    data = _plan(f"Số: 1/KH-UBND\nKẾ HOẠCH\nNhiệm vụ {written}")
    assert data["school_year"] == "2024-2025"


def test_reference_with_a_symbol_like_the_documents_own_is_not_its_number():
    """ "Thực hiện Kế hoạch số 55/KH-UBND ..." is a reference, not the plan's own number."""
    data = _plan(
        "Số: /KH-UBND\nLai Châu, ngày tháng năm 2024\nKẾ HOẠCH\nNhiệm vụ năm học 2024 - 2025\n"
        "Thực hiện Kế hoạch số 55/KH-UBND ngày 03/8/2024 của UBND tỉnh về nhiệm vụ năm học."
    )
    assert (data["number"], data["symbol"], data["issued_on"]) == (None, "KH-UBND", None)
    assert data["implements"] == [
        {
            "doc_type": "KH",
            "number": "55",
            "symbol": "KH-UBND",
            "issued_on": "2024-08-03",
            "text": "Kế hoạch số 55/KH-UBND ngày 03/8/2024 của UBND tỉnh về nhiệm vụ năm học",
        }
    ]


def test_plus_and_letter_items_are_tasks_with_deadlines_and_agencies():
    """ "+" and "a)" items become tasks; deadlines and chủ trì / phối hợp are read."""
    data = _plan(
        "Số: 3/KH-SGDĐT\nLai Châu, ngày 01 tháng 9 năm 2024\nKẾ HOẠCH\nX",
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Công tác phổ cập\n"
        "a) Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát, hoàn thành trong quý III "
        "năm 2024.\n"
        "+ Báo cáo kết quả trước ngày 20/10 hằng năm.\n"
        "+ Tổng kết trong tháng 5 năm 2025.\n",
    )
    tasks = data["task_groups"][0]["tasks"]
    assert [t["number"] for t in tasks] == ["a", "+", "+"]
    assert tasks[0]["agencies"] == [
        {"name": "Sở Tài chính", "role": "lead"},
        {"name": "Sở Nội vụ", "role": "coordinate"},
    ]
    assert (tasks[0]["due_on"], tasks[0]["recurs_yearly"]) == ("2024-09-30", False)
    assert (tasks[1]["deadline"], tasks[1]["due_on"], tasks[1]["recurs_yearly"]) == (
        "trước ngày 20/10 hằng năm",
        "2024-10-20",
        True,
    )
    assert tasks[2]["due_on"] == "2025-05-31"


def test_appendix_with_dot_thousands_and_comma_decimals():
    """ "1.234" is 1234 and "32,7" is 32.7, in a table with one row per line."""
    data = _plan(
        "Số: 4/KH-UBND\nKẾ HOẠCH\nX",
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhóm\n- Việc một.\nPHỤ LỤC\nCHỈ TIÊU\n(Kèm theo)\n"
        "TT | Chỉ tiêu | Đơn vị | Năm học 2023-2024 | Năm học 2024-2025\n"
        "1 | Số học sinh | Học sinh | 1.234 | 1.300\n"
        "2 | Tỷ lệ đi học | % | 32,7 | 32,8\n",
    )
    assert data["indicators"] == [
        {
            "order": 1,
            "name": "Số học sinh",
            "unit": "Học sinh",
            "baseline": "1234",
            "baseline_year": "2023-2024",
            "target": "1300",
            "target_year": "2024-2025",
        },
        {
            "order": 2,
            "name": "Tỷ lệ đi học",
            "unit": "%",
            "baseline": "32.7",
            "baseline_year": "2023-2024",
            "target": "32.8",
            "target_year": "2024-2025",
        },
    ]
    assert (plain_number("1.234,5"), plain_number("abc")) == ("1234.5", None)


def test_theme_and_motto_in_curly_quotes():
    """The quoted theme after "Chủ đề năm học" and the school year's motto are read."""
    data = _plan(
        "Số: 2/KH-SGDĐT\nKẾ HOẠCH\nX",
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Chủ đề năm học 2024 - 2025 là “Đổi mới sáng tạo”; phương châm "
        "triển khai nhiệm vụ năm học “Lấy học sinh làm trung tâm”.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhóm\n- Việc một.\n",
    )
    assert (data["theme"], data["motto"]) == ("Đổi mới sáng tạo", "Lấy học sinh làm trung tâm")


def test_a_lockdown_motto_is_not_the_school_years():
    """A "phương châm" about something else is not taken as the motto."""
    data = _plan(
        "Số: 2/CT-UBND\nCHỈ THỊ\nX",
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhóm\n- Dạy học với phương châm “tạm dừng đến trường”.\n",
    )
    assert data["motto"] is None


@pytest.mark.parametrize("text", ["", "   \n\n  ", None])
def test_empty_input_is_refused_with_a_message(text):
    """Empty input raises ParseError saying the text is empty."""
    with pytest.raises(ParseError, match="trống"):
        parse_text(text)


def test_text_that_is_not_a_directive_is_refused():
    """A recipe is not a directive: ParseError with a message, not a crash."""
    recipe = "Cách nấu phở bò\n\nNguyên liệu: xương bò, bánh phở.\nNinh xương trong 6 giờ.\n"
    with pytest.raises(ParseError, match="Không nhận ra"):
        parse_text(recipe)


@pytest.mark.parametrize("kind", ["seed", "noise"])
def test_five_megabytes_parse_quickly_without_crashing(kind):
    """A 5 MB text returns or raises ParseError within a few seconds."""
    if kind == "seed":
        seed = (FIXTURES / "sources" / "004_0a6d6890d1cf43ce.txt").read_text(encoding="utf-8")
        text = (seed * (5_000_000 // len(seed) + 1))[:5_000_000]
    else:
        text = ("Tăng cường, phối hợp với Sở " * 200 + "\n" + "1.234 | - + a) “") * 900
        text = text[:5_000_000]
    started = time.process_time()  # this process's CPU: other work on the machine does not count
    with contextlib.suppress(ParseError):
        parse_text(text)
    assert time.process_time() - started < 10
