"""The four source documents, as loaded by load_seed_data, say what the documents say."""

import datetime
import re
import unicodedata
from decimal import Decimal

import pytest

from directives.models import Agency, Assignment, Directive, Task, TaskGroup
from indicators.models import Indicator

pytestmark = pytest.mark.django_db

# The appendix of Kế hoạch 3707/KH-UBND, typed from the document: TT, Chỉ tiêu, Đơn vị,
# achieved in 2023-2024, target for 2024-2025.
APPENDIX_3707 = [
    (1, "Tỷ lệ huy động trẻ nhà trẻ", "%", "32,7", "32,8"),
    (2, "Tỷ lệ huy động trẻ mẫu giáo", "%", "99,8", "99,85"),
    (3, "Tỷ lệ huy động trẻ trẻ em 6 tuổi vào lớp 1", "%", "100", "100"),
    (4, "Tỷ lệ hoàn thành chương trình tiểu học", "%", "99,5", "99,5"),
    (
        5,
        "Số đơn vị cấp xã duy trì đạt chuẩn phổ cập giáo dục tiểu học mức độ 3",
        "Xã",
        "106",
        "106",
    ),
    (6, "Số đơn vị cấp huyện đạt chuẩn phổ cập giáo dục THCS mức độ 1", "Huyện", "8", "8"),
    (7, "Số đơn vị cấp huyện đạt chuẩn phổ cập giáo dục THCS mức độ 2", "Huyện", "7", "8"),
    (8, "Số đơn vị cấp xã đạt chuẩn phổ cập giáo dục THCS mức độ 3", "Xã", "21", "23"),
    (9, "Tỷ lệ người biết chữ mức độ 1 trong độ tuổi theo quy định", "%", "94,7", "95,6"),
    (10, "Tỷ lệ người biết chữ mức độ 2 trong độ tuổi theo quy định", "%", "80", "81"),
    (11, "Số đơn vị cấp huyện đạt chuẩn xóa mù chữ mức độ 2", "Huyện", "0", "1"),
    (12, "Tỷ lệ giáo viên mầm non đạt chuẩn đào tạo", "%", "94,8", "95"),
    (13, "Tỷ lệ giáo viên tiểu học đạt chuẩn đào tạo", "%", "89,7", "91"),
    (14, "Tỷ lệ giáo viên THCS đạt chuẩn đào tạo", "%", "95,6", "96"),
    (15, "Tỷ lệ giáo viên THPT đạt chuẩn đào tạo", "%", "100", "100"),
    (16, "Tỷ lệ sinh viên học đại học/vạn dân", "Sinh viên/vạn dân", "89", "95"),
    (17, "Tỷ lệ trường mầm non đạt chuẩn chuẩn quốc gia mức độ 1", "%", "50", "54,5"),
    (18, "Tỷ lệ trường mầm non đạt chuẩn chuẩn quốc gia mức độ 2", "%", "16,1", "16,1"),
    (19, "Tỷ lệ trường tiểu học đạt chuẩn chuẩn quốc gia mức độ 1", "%", "51,8", "52,4"),
    (20, "Tỷ lệ trường tiểu học đạt chuẩn chuẩn quốc gia mức độ 2", "%", "13,3", "17,1"),
    (21, "Tỷ lệ trường trung học đạt chuẩn chuẩn quốc gia mức độ 1", "%", "54,1", "59,4"),
    (22, "Tỷ lệ trường trung học đạt chuẩn chuẩn quốc gia mức độ 2", "%", "4,5", "6,8"),
    (23, "Tỷ lệ thiết bị dạy học tối thiểu cấp mầm non", "%", "62", "65"),
    (24, "Tỷ lệ thiết bị dạy học tối thiểu cấp tiểu học", "%", "58", "61"),
    (25, "Tỷ lệ thiết bị dạy học tối thiểu cấp THCS", "%", "58", "60"),
    (26, "Tỷ lệ thiết bị dạy học tối thiểu cấp THPT", "%", "62", "65"),
]


def vn(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def directive(number, symbol) -> Directive:
    return Directive.objects.get(number=number, symbol=symbol)


def phong_tho_plan() -> Directive:
    return Directive.objects.get(symbol="KH-PGDĐT", number="")


def bac_giang_directive() -> Directive:
    return Directive.objects.get(issuer__code="bg-ubnd")


def test_the_four_documents_are_loaded_with_their_headers():
    assert Directive.objects.count() == 4
    plan = directive("3707", "KH-UBND")
    assert plan.doc_type == "KH"
    assert plan.issued_on == datetime.date(2024, 9, 17)
    assert plan.issuer.name == "Ủy ban nhân dân tỉnh Lai Châu"
    assert str(plan.school_year) == "2024 - 2025"
    assert plan.signer_name == "Tống Thanh Hải"
    assert plan.signer_capacity.splitlines() == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert plan.theme == "Đổi mới sáng tạo, nâng cao chất lượng, đoàn kết kỷ cương"
    assert plan.motto.startswith("Lấy học sinh, sinh viên làm trung tâm; Thầy cô giáo là động lực")
    assert plan.motto.endswith("Xã hội là nền tảng")
    assert len(plan.recipient_list) == 14

    chi_thi = directive("10", "CT-UBND")
    assert chi_thi.doc_type == "CT"
    assert chi_thi.issued_on == datetime.date(2020, 9, 11)
    assert chi_thi.title == "Về nhiệm vụ và giải pháp năm học 2020 - 2021"
    assert str(chi_thi.school_year) == "2020 - 2021"

    district_plan = phong_tho_plan()
    assert district_plan.reference == "/KH-PGDĐT"  # "Số: /KH-PGDĐT": not numbered yet
    assert district_plan.issued_on is None  # "ngày tháng năm 2020"
    assert district_plan.place == "Phong Thổ"
    assert district_plan.issuer.code == "lc-phongtho-pgd"
    assert district_plan.signer_name == "Nguyễn Vương Hùng"
    assert district_plan.signer_capacity.splitlines() == ["KT.TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]

    bac_giang = bac_giang_directive()
    assert bac_giang.doc_type == "CT"
    assert bac_giang.reference == ""  # the news article gives no number
    assert bac_giang.issued_on == datetime.date(2020, 9, 8)
    assert bac_giang.theme == "Kỷ cương - Nền nếp; Chủ động - Sáng tạo; Chất lượng - Hiệu quả"


def test_3707_appendix_has_all_26_indicators_as_published():
    plan = directive("3707", "KH-UBND")
    rows = [
        (i.order, i.name, i.unit, i.baseline_value, i.target_value, i.baseline_year.label)
        for i in Indicator.objects.filter(directive=plan).select_related("baseline_year")
    ]
    expected = [
        (order, name, unit, vn(baseline), vn(target), "2023-2024")
        for order, name, unit, baseline, target in APPENDIX_3707
    ]
    assert rows == expected


def test_appendix_roll_up_rules_follow_the_units():
    """Percentages roll up as ratios of sums, counts of communes and districts as sums."""
    indicators = {i.order: i for i in directive("3707", "KH-UBND").indicators.all()}
    assert indicators[2].rollup_rule == "ratio" and indicators[2].ratio_scale == 100
    assert indicators[5].rollup_rule == "sum"
    assert indicators[7].rollup_rule == "sum"
    assert indicators[16].rollup_rule == "none"
    assert indicators[7].direction == "raise"
    assert indicators[5].direction == "keep"  # 106 → 106: keep every commune at level 3


@pytest.mark.parametrize(
    ("finder", "groups", "tasks", "first_title", "last_title"),
    [
        (
            lambda: directive("10", "CT-UBND"),
            11,
            22,
            "Tiếp tục rà soát, sắp xếp, nâng cao hiệu quả hoạt động của mạng lưới cơ sở giáo dục và đào tạo",
            "Để thực hiện tốt các nhiệm vụ:",
        ),
        (
            lambda: directive("3707", "KH-UBND"),
            12,
            47,
            "Tiếp tục nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước về giáo dục và đào tạo",
            "TỔ CHỨC THỰC HIỆN",
        ),
        (
            phong_tho_plan,
            9,
            25,
            "Tăng cường sự lãnh đạo của các cấp ủy Đảng; sự chỉ đạo, điều hành trực tiếp của các cấp chính quyền và sự tham gia của toàn thể đội ngũ cán bộ, công chức, viên chức, người lao động đối với việc triển khai nhiệm vụ khuyến học, khuyến tài, xây dựng xã hội học tập",
            "Các đơn vị trực thuộc",
        ),
        (
            bac_giang_directive,
            4,
            21,
            "Các mục tiêu quan trọng trong năm học 2020-2021",
            "Để tổ chức thực hiện tốt các nhiệm vụ, giải pháp trên",
        ),
    ],
    ids=["10/CT-UBND", "3707/KH-UBND", "Phong Thổ", "Bắc Giang"],
)
def test_task_groups_in_document_order(finder, groups, tasks, first_title, last_title):
    doc = finder()
    titles = list(doc.task_groups.order_by("order").values_list("title", flat=True))
    assert len(titles) == groups
    assert titles[0] == first_title
    assert titles[-1] == last_title
    assert Task.objects.filter(group__directive=doc).count() == tasks


def test_3707_has_eleven_numbered_groups_in_section_iii():
    plan = directive("3707", "KH-UBND")
    section_iii = plan.task_groups.filter(section__number="III").order_by("order")
    assert list(section_iii.values_list("number", flat=True)) == [str(n) for n in range(1, 12)]
    assert section_iii.last().title == "Thực hiện hiệu quả các phong trào thi đua trong toàn ngành."
    assert list(plan.sections.values_list("number", flat=True)) == ["I", "II", "III", "IV"]


def test_section_iv_of_3707_assigns_agencies():
    group = TaskGroup.objects.get(directive__number="3707", section__number="IV")
    tasks = list(group.tasks.order_by("order"))

    def roles(task):
        return {(a.agency.code, a.role) for a in task.assignments.select_related("agency")}

    assert roles(tasks[0]) == {("lc-sgddt", "lead")}
    district_codes = {
        a.code for a in Agency.objects.filter(kind="district", parent__code="lc-ubnd")
    }
    assert len(district_codes) == 8
    assert roles(tasks[1]) == {(code, "lead") for code in district_codes}
    assert roles(tasks[2]) == {("lc-stc", "lead"), ("lc-sgddt", "coordinate")}
    assert roles(tasks[4]) == {("lc-stttt", "lead")}
    assert roles(tasks[5]) == {("lc-daipth", "lead"), ("lc-baolaichau", "lead")}
    assert roles(tasks[6]) == {("lc-mttq", "coordinate")}
    assert tasks[2].text.startswith("Sở Tài chính chủ trì, phối hợp với Sở Giáo dục và Đào tạo")


def test_documents_link_to_what_they_implement():
    plan = directive("3707", "KH-UBND")
    assert [r.reference for r in plan.references.order_by("order")] == [
        "31/CT-TTg",
        "398/TB-VPCP",
        "2236/QĐ-BGDĐT",
    ]
    first = plan.references.get(order=1)
    assert first.issued_on == datetime.date(2024, 9, 4)
    assert first.doc_type == "CT"

    district_refs = {r.reference: r for r in phong_tho_plan().references.all()}
    assert {"1148/KH-UBND", "1198/KH-SGDĐT"} <= district_refs.keys()
    assert district_refs["1198/KH-SGDĐT"].issued_on == datetime.date(2020, 6, 29)

    assert directive("10", "CT-UBND").references.get().reference == "666/CT-BGDĐT"


def test_page_breaks_inside_a_task_are_joined():
    """Lines broken by a page break in the Word export are one task, joined by a space."""
    district_tasks = Task.objects.filter(group__directive=phong_tho_plan())
    assert district_tasks.filter(
        text__contains="Phòng Lao động - Thương binh và Xã hội, các lực lượng vũ trang"
    ).exists()
    assert district_tasks.filter(text__contains="kỹ năng phòng, tránh tai nạn thương tích").exists()
    assert district_tasks.filter(text__contains="hướng dẫn, kiểm tra, đôn đốc").exists()
    assert not Task.objects.filter(text__contains="\n").exists()


def test_web_page_chrome_is_not_part_of_any_directive():
    for chrome in ["Các tin đã đăng", "Ban biên tập", "[Admin]", "Bài viết liên quan", "print"]:
        assert not Task.objects.filter(text__contains=chrome).exists(), chrome
        assert not TaskGroup.objects.filter(title__contains=chrome).exists(), chrome


def test_deadlines_stated_in_the_text():
    quarter = Task.objects.get(deadline_text="hoàn thành trong quý III năm 2020")
    assert quarter.due_on == datetime.date(2020, 9, 30)
    assert not quarter.recurs_yearly
    yearly = Task.objects.get(deadline_text="trước ngày 20/10 hằng năm")
    assert yearly.due_on == datetime.date(2020, 10, 20)
    assert yearly.recurs_yearly


def test_every_task_is_found_word_for_word_in_its_source_document():
    for doc in Directive.objects.all():
        source = re.sub(r"\s+", " ", unicodedata.normalize("NFC", doc.source_text))
        for task in Task.objects.filter(group__directive=doc):
            text = re.sub(r"\s+", " ", task.text)
            assert text in source, (doc.reference, task.text[:60])


def test_stored_text_is_nfc():
    for task in Task.objects.all():
        assert unicodedata.is_normalized("NFC", task.text)
    for indicator in Indicator.objects.all():
        assert unicodedata.is_normalized("NFC", indicator.name)


def test_agency_tree_keeps_the_districts_and_their_closing():
    province = Agency.objects.get(code="lc-ubnd")
    districts = Agency.objects.filter(parent=province, kind="district")
    assert districts.count() == 8
    assert {d.valid_until for d in districts} == {datetime.date(2025, 6, 30)}
    for district in districts:
        office = district.children.get(kind="district_office", code__endswith="-pgd")
        assert office.name.startswith("Phòng Giáo dục và Đào tạo")
    assert Agency.objects.get(code="lc-phongtho-pgd-thcs").parent.code == "lc-phongtho-pgd"
    bac_giang = Agency.objects.get(code="bg-ubnd")
    assert bac_giang.reorganised_into.get().successors.get().code == "bn-ubnd"
    assert bac_giang.is_valid_on(datetime.date(2020, 9, 8))
    assert not bac_giang.is_valid_on(datetime.date(2025, 7, 1))


def test_every_assignment_points_to_an_agency_of_the_documents_province():
    for assignment in Assignment.objects.select_related("agency", "task__group__directive__issuer"):
        issuer_code = assignment.task.group.directive.issuer.code
        assert assignment.agency.code[:2] == issuer_code[:2]
