"""Proposals read from a directive's implementation section, and accepting them.

The texts are written the way Vietnamese plans write their "Tổ chức thực hiện" (Nghị định
30/2020/NĐ-CP), for provinces other than the seeds' Lai Châu, before and after the 2025
reform that left two levels of local government.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from directives.agency_matching import match_agencies
from directives.assigning import tasks_without_lead
from directives.models import Agency, Assignment, Directive
from directives.proposals import accept_proposal, propose
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    SectionFactory,
    TaskFactory,
    TaskGroupFactory,
)

pytestmark = pytest.mark.django_db

Kind = Agency.Kind
Role = Assignment.Role
BEFORE_REFORM = datetime.date(2024, 9, 20)
AFTER_REFORM = datetime.date(2025, 9, 15)
LAST_DAY_OF_DISTRICTS = datetime.date(2025, 6, 30)


def _agency(code, name, short_name, kind, parent=None, **dates):
    return AgencyFactory(
        code=code, name=name, short_name=short_name, kind=kind, parent=parent, **dates
    )


def _dien_bien():
    """Tỉnh Điện Biên before the reform: four district-level units, each with its Phòng
    GD&ĐT and Phòng LĐ-TB&XH, and two communes of Tuần Giáo."""
    ubnd = _agency(
        "db-ubnd", "Ủy ban nhân dân tỉnh Điện Biên", "UBND tỉnh Điện Biên", Kind.PROVINCE
    )
    tree = SimpleNamespace(ubnd=ubnd, districts=[], offices=[], communes=[])
    tree.sgddt = _agency(
        "db-sgddt",
        "Sở Giáo dục và Đào tạo tỉnh Điện Biên",
        "Sở GD&ĐT Điện Biên",
        Kind.DEPARTMENT,
        ubnd,
    )
    tree.stc = _agency(
        "db-stc", "Sở Tài chính tỉnh Điện Biên", "Sở Tài chính", Kind.DEPARTMENT, ubnd
    )
    tree.syt = _agency("db-syt", "Sở Y tế tỉnh Điện Biên", "Sở Y tế", Kind.DEPARTMENT, ubnd)
    tree.sxd = _agency("db-sxd", "Sở Xây dựng tỉnh Điện Biên", "Sở Xây dựng", Kind.DEPARTMENT, ubnd)
    tree.stttt = _agency(
        "db-stttt",
        "Sở Thông tin và Truyền thông tỉnh Điện Biên",
        "Sở TT&TT",
        Kind.DEPARTMENT,
        ubnd,
        valid_until=datetime.date(2025, 2, 28),
    )
    for slug, unit in [
        ("dienbienphu", "thành phố Điện Biên Phủ"),
        ("muonglay", "thị xã Mường Lay"),
        ("tuangiao", "huyện Tuần Giáo"),
        ("muongnhe", "huyện Mường Nhé"),
    ]:
        district = _agency(
            f"db-{slug}-ubnd",
            f"Ủy ban nhân dân {unit}",
            f"UBND {unit}",
            Kind.DISTRICT,
            ubnd,
            valid_until=LAST_DAY_OF_DISTRICTS,
        )
        tree.districts.append(district)
        tree.offices.append(
            _agency(
                f"db-{slug}-pgd",
                f"Phòng Giáo dục và Đào tạo {unit}",
                f"Phòng GD&ĐT {unit}",
                Kind.DISTRICT_OFFICE,
                district,
                valid_until=LAST_DAY_OF_DISTRICTS,
            )
        )
        _agency(
            f"db-{slug}-pldtbxh",
            f"Phòng Lao động - Thương binh và Xã hội {unit}",
            f"Phòng LĐ-TB&XH {unit}",
            Kind.DISTRICT_OFFICE,
            district,
            valid_until=LAST_DAY_OF_DISTRICTS,
        )
    tuan_giao = tree.districts[2]
    for slug, commune in [("quaitri", "xã Quài Tở"), ("tuangiao-tt", "thị trấn Tuần Giáo")]:
        tree.communes.append(
            _agency(
                f"db-{slug}",
                f"Ủy ban nhân dân {commune}",
                f"UBND {commune}",
                Kind.COMMUNE,
                tuan_giao,
                valid_until=LAST_DAY_OF_DISTRICTS,
            )
        )
    _agency(
        "db-muongnhe-xa",
        "Ủy ban nhân dân xã Mường Nhé",
        "UBND xã Mường Nhé",
        Kind.COMMUNE,
        tree.districts[3],
        valid_until=LAST_DAY_OF_DISTRICTS,
    )
    # A district already merged away before the plans of 2024 are written.
    _agency(
        "db-old-ubnd",
        "Ủy ban nhân dân huyện Mường Ảng cũ",
        "UBND huyện Mường Ảng (cũ)",
        Kind.DISTRICT,
        ubnd,
        valid_until=datetime.date(2019, 12, 31),
    )
    return tree


def _son_la():
    """Tỉnh Sơn La across the reform: two district-level units closed on 30/06/2025 with
    their communes, and the communes and wards that replaced them on 01/07/2025."""
    ubnd = _agency("sl-ubnd", "Ủy ban nhân dân tỉnh Sơn La", "UBND tỉnh Sơn La", Kind.PROVINCE)
    tree = SimpleNamespace(ubnd=ubnd, communes=[])
    tree.sgddt = _agency(
        "sl-sgddt", "Sở Giáo dục và Đào tạo tỉnh Sơn La", "Sở GD&ĐT Sơn La", Kind.DEPARTMENT, ubnd
    )
    old = [
        _agency(
            f"sl-{slug}",
            f"Ủy ban nhân dân {name}",
            f"UBND {name}",
            Kind.DISTRICT,
            ubnd,
            valid_until=LAST_DAY_OF_DISTRICTS,
        )
        for slug, name in [("tpsonla", "thành phố Sơn La"), ("muongla", "huyện Mường La")]
    ]
    _agency(
        "sl-chieng-co-old",
        "Ủy ban nhân dân xã Chiềng Cọ",
        "UBND xã Chiềng Cọ",
        Kind.COMMUNE,
        old[0],
        valid_until=LAST_DAY_OF_DISTRICTS,
    )
    for slug, name in [
        ("tohieu", "phường Tô Hiệu"),
        ("chiengan", "phường Chiềng An"),
        ("muongla", "xã Mường La"),
        ("chienglao", "xã Chiềng Lao"),
    ]:
        tree.communes.append(
            _agency(
                f"sl-{slug}-xa",
                f"Ủy ban nhân dân {name}",
                f"UBND {name}",
                Kind.COMMUNE,
                ubnd,
                valid_from=datetime.date(2025, 7, 1),
            )
        )
    return tree


def _plan(issuer, *, on=BEFORE_REFORM, implementation=(), headed=None, text="", doc_type="KH"):
    """A plan with two groups of tasks that name nobody, then its implementation section:
    ``implementation`` as the paragraphs of one group, ``headed`` as groups headed by an
    agency ({heading: paragraphs}), ``text`` as the section's own text."""
    plan = DirectiveFactory(issuer=issuer, issued_on=on, doc_type=doc_type)
    tasks_section = SectionFactory(
        directive=plan, order=1, number="II", title="NHIỆM VỤ, GIẢI PHÁP"
    )
    for order, title in [(1, "Công tác quản lý nhà nước"), (2, "Nâng cao chất lượng giáo dục")]:
        group = TaskGroupFactory(directive=plan, section=tasks_section, order=order, title=title)
        for n in range(1, 4):
            TaskFactory(group=group, order=n, text=f"Nhiệm vụ {order}.{n} của nhóm {title}.")
    section = SectionFactory(
        directive=plan, order=2, number="III", title="TỔ CHỨC THỰC HIỆN", text=text
    )
    order = 3
    if implementation:
        group = TaskGroupFactory(
            directive=plan, section=section, order=order, number="", title="TỔ CHỨC THỰC HIỆN"
        )
        for n, paragraph in enumerate(implementation, start=1):
            TaskFactory(group=group, order=n, number=str(n), text=paragraph)
        order += 1
    for heading, paragraphs in (headed or {}).items():
        group = TaskGroupFactory(directive=plan, section=section, order=order, title=heading)
        for n, paragraph in enumerate(paragraphs, start=1):
            TaskFactory(group=group, order=n, number="-", text=paragraph)
        order += 1
    return plan


def _codes(agencies):
    return sorted(a.code for a in agencies)


# The texts ------------------------------------------------------------------------------

PROVINCE_PLAN = [
    "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ban, ngành liên quan và Ủy ban nhân "
    "dân các huyện, thị xã, thành phố tổ chức triển khai thực hiện Kế hoạch này; định kỳ tổng "
    "hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày 15/12 hằng năm.",
    "Sở Tài chính chủ trì, phối hợp với Sở Giáo dục và Đào tạo tham mưu Ủy ban nhân dân tỉnh "
    "bố trí kinh phí thực hiện Kế hoạch này theo phân cấp ngân sách hiện hành.",
    "Sở Xây dựng hướng dẫn các địa phương rà soát, lập quy hoạch mạng lưới trường, lớp học.",
    "Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ Kế hoạch này xây dựng kế hoạch "
    "triển khai thực hiện trên địa bàn; bố trí ngân sách địa phương thực hiện các nhiệm vụ.",
]


def test_a_provincial_plan_proposes_the_education_department_and_every_open_district():
    """The Sở GD&ĐT that "chủ trì ... tổ chức triển khai thực hiện Kế hoạch này" leads; the
    Sở Tài chính, which leads only the funding, does not; every district-level unit open
    on the plan's date implements it."""
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)

    proposal = propose(plan)

    assert proposal.lead == tree.sgddt
    assert proposal.lead_text.startswith("Sở Giáo dục và Đào tạo chủ trì")
    assert _codes(proposal.implementers) == _codes(tree.districts)
    assert "db-old-ubnd" not in _codes(proposal.implementers)
    assert proposal.implementers_text.startswith("Ủy ban nhân dân các huyện, thị xã, thành phố")
    assert len(proposal.tasks) == 6 + 4  # two groups of three, and the section's paragraphs


def test_groups_headed_by_an_agency_give_their_duties_to_it():
    """ "1. Sở Giáo dục và Đào tạo" then "- Là cơ quan thường trực, chủ trì ...": the heading
    is the subject of the duties listed under it."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        headed={
            "Sở Giáo dục và Đào tạo": [
                "Là cơ quan thường trực, chủ trì, phối hợp với các sở, ngành, địa phương theo "
                "dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.",
                "Hằng năm tổng hợp, báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.",
            ],
            "Sở Tài chính": [
                "Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện Kế hoạch này."
            ],
            "Ủy ban nhân dân các huyện, thị xã, thành phố": [
                "Căn cứ Kế hoạch này, xây dựng kế hoạch và tổ chức triển khai thực hiện trên địa "
                "bàn; chỉ đạo Phòng Giáo dục và Đào tạo hướng dẫn các trường thực hiện."
            ],
        },
    )

    proposal = propose(plan)

    assert proposal.lead == tree.sgddt
    assert "cơ quan thường trực" in proposal.lead_text
    assert _codes(proposal.implementers) == _codes(tree.districts)


def test_an_implementation_section_kept_as_text_is_read_line_by_line():
    """A section whose paragraphs stayed in its text, headings on lines of their own."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        text=(
            "1. Sở Giáo dục và Đào tạo:\n"
            "- Chủ trì, phối hợp với các sở, ngành liên quan hướng dẫn, tổ chức triển khai "
            "thực hiện Kế hoạch này.\n"
            "2. Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố:\n"
            "- Tham mưu Ủy ban nhân dân cấp huyện xây dựng kế hoạch triển khai thực hiện trên "
            "địa bàn; định kỳ báo cáo Sở Giáo dục và Đào tạo.\n"
        ),
    )

    proposal = propose(plan)

    assert proposal.lead == tree.sgddt
    assert _codes(proposal.implementers) == _codes(tree.offices)


def test_a_departments_own_plan_names_its_office_and_the_district_education_offices():
    """In a Sở's plan "Văn phòng Sở chủ trì ... theo dõi, đôn đốc ... thực hiện Kế hoạch này"
    leads; "Phòng GD&ĐT các huyện, thành phố" are the district education offices (not the
    districts' other offices); "các phòng thuộc Sở" names no one in particular."""
    tree = _dien_bien()
    office = _agency(
        "db-sgddt-vp",
        "Văn phòng Sở Giáo dục và Đào tạo tỉnh Điện Biên",
        "Văn phòng Sở",
        Kind.UNIT,
        tree.sgddt,
    )
    _agency(
        "db-sgddt-gdpt",
        "Phòng Giáo dục phổ thông, Sở Giáo dục và Đào tạo tỉnh Điện Biên",
        "Phòng GDPT",
        Kind.UNIT,
        tree.sgddt,
    )
    plan = _plan(
        tree.sgddt,
        implementation=[
            "Văn phòng Sở chủ trì, phối hợp với các phòng thuộc Sở theo dõi, đôn đốc, tổng hợp "
            "kết quả thực hiện Kế hoạch này, báo cáo Giám đốc Sở.",
            "Các phòng thuộc Sở, Phòng GD&ĐT các huyện, thị xã, thành phố căn cứ Kế hoạch này "
            "xây dựng kế hoạch của đơn vị, tổ chức thực hiện phù hợp với điều kiện thực tế.",
            "Các đơn vị trực thuộc Sở phối hợp triển khai thực hiện nghiêm túc Kế hoạch này.",
        ],
    )

    proposal = propose(plan)

    assert proposal.lead == office
    assert _codes(proposal.implementers) == _codes(tree.offices)


def test_a_plan_after_the_reform_proposes_the_communes_and_wards_open_on_its_date():
    """From 1 July 2025 "UBND các xã, phường" are the new communes; the closed districts
    and the communes they held are not proposed."""
    tree = _son_la()
    plan = _plan(
        tree.ubnd,
        on=AFTER_REFORM,
        implementation=[
            "Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan tổ chức "
            "triển khai thực hiện Kế hoạch này; hướng dẫn Ủy ban nhân dân cấp xã thực hiện.",
            "Ủy ban nhân dân các xã, phường căn cứ Kế hoạch này chỉ đạo Phòng Văn hóa - Xã hội "
            "tham mưu xây dựng kế hoạch, tổ chức thực hiện trên địa bàn.",
        ],
    )

    proposal = propose(plan)

    assert proposal.lead == tree.sgddt
    assert _codes(proposal.implementers) == _codes(tree.communes)


@pytest.mark.parametrize(
    "name", ["UBND cấp xã", "Ủy ban nhân dân các xã, phường, thị trấn", "UBND các xã/phường"]
)
def test_every_way_of_naming_the_communes_stands_for_the_open_ones(name):
    tree = _son_la()

    found = match_agencies(name, issuer=tree.ubnd, on=AFTER_REFORM)

    assert _codes(found) == _codes(tree.communes)


@pytest.mark.parametrize(
    "name",
    [
        "UBND các huyện, thành phố",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
        "UBND cấp huyện",
        "UBND các huyện/thành phố",
    ],
)
def test_every_way_of_naming_the_districts_stands_for_the_open_ones(name):
    """The district merged away in 2019 is not one of them."""
    tree = _dien_bien()

    found = match_agencies(name, issuer=tree.ubnd, on=BEFORE_REFORM)

    assert _codes(found) == _codes(tree.districts)


def test_a_district_plan_proposes_its_own_office_and_its_own_communes():
    """In a district's plan "Phòng GD&ĐT" is that district's office and "UBND các xã, thị
    trấn" its own communes, not those of the rest of the province."""
    tree = _dien_bien()
    tuan_giao = tree.districts[2]
    plan = _plan(
        tuan_giao,
        implementation=[
            "Phòng Giáo dục và Đào tạo chủ trì, phối hợp với các phòng, ban, ngành liên quan "
            "tham mưu Ủy ban nhân dân huyện tổ chức triển khai thực hiện Kế hoạch này.",
            "Ủy ban nhân dân các xã, thị trấn căn cứ Kế hoạch này triển khai thực hiện phù hợp "
            "với tình hình thực tế tại địa phương.",
        ],
    )

    proposal = propose(plan)

    assert proposal.lead == tree.offices[2]
    assert _codes(proposal.implementers) == _codes(tree.communes)


def test_a_chi_thi_without_sections_is_read_from_its_closing_paragraphs():
    """A Chỉ thị has no "Tổ chức thực hiện" heading: its last paragraphs say who carries it."""
    tree = _dien_bien()
    directive = DirectiveFactory(issuer=tree.ubnd, issued_on=BEFORE_REFORM, doc_type="CT")
    first = TaskGroupFactory(directive=directive, order=1, number="1", title="Đổi mới quản lý")
    TaskFactory(group=first, order=1, text="Đẩy mạnh phân cấp, giao quyền tự chủ cho nhà trường.")
    last = TaskGroupFactory(directive=directive, order=2, number="2", title="Truyền thông giáo dục")
    for n, paragraph in enumerate(
        [
            "Đẩy mạnh công tác truyền thông về giáo dục và đào tạo.",
            "Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan hướng "
            "dẫn, kiểm tra, đôn đốc việc triển khai thực hiện Chỉ thị này; định kỳ báo cáo Chủ "
            "tịch Ủy ban nhân dân tỉnh.",
            "Các sở, ban, ngành, đoàn thể tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố căn "
            "cứ chức năng, nhiệm vụ được giao tổ chức thực hiện nghiêm túc Chỉ thị này.",
        ],
        start=1,
    ):
        TaskFactory(group=last, order=n, text=paragraph)

    proposal = propose(directive)

    assert proposal.lead == tree.sgddt
    assert _codes(proposal.implementers) == _codes(tree.districts)
    assert len(proposal.tasks) == 4


def test_an_agency_that_only_coordinates_is_not_proposed():
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        implementation=[
            "Sở Y tế phối hợp với Sở Giáo dục và Đào tạo tổ chức triển khai thực hiện Kế "
            "hoạch này trong các cơ sở giáo dục.",
            "Ủy ban nhân dân các huyện, thị xã, thành phố phối hợp chặt chẽ với ngành giáo dục "
            "triển khai thực hiện Kế hoạch này trên địa bàn.",
        ],
    )

    assert propose(plan) is None


def test_an_agency_the_tree_does_not_know_is_not_proposed():
    """ "Ban Dân tộc tỉnh" is not in Điện Biên's tree, and no name is guessed for it."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        implementation=[
            "Ban Dân tộc tỉnh chủ trì, phối hợp với các sở, ngành tổ chức triển khai thực hiện "
            "Kế hoạch này.",
            "Sở Nội vụ chủ trì tổ chức triển khai thực hiện Kế hoạch này.",
        ],
    )

    assert propose(plan) is None


def test_agencies_closed_on_the_plans_date_are_not_proposed():
    """After the reform the Sở TT&TT has merged and the districts are gone."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        on=AFTER_REFORM,
        implementation=[
            "Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành tổ chức triển "
            "khai thực hiện Kế hoạch này.",
            "Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ Kế hoạch này triển khai thực "
            "hiện trên địa bàn.",
        ],
    )

    assert propose(plan) is None


def test_a_lead_of_one_part_of_the_plan_is_not_its_lead():
    """Leading the funding of the plan, or its press, is not leading the plan."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        implementation=[
            "Sở Tài chính chủ trì tham mưu bố trí kinh phí thực hiện Kế hoạch này.",
            "Sở Xây dựng chủ trì hướng dẫn các địa phương xây dựng trường, lớp học theo Kế "
            "hoạch này.",
        ],
    )

    assert propose(plan) is None


def test_the_education_department_is_preferred_to_another_lead():
    """Two departments "chủ trì": the plan belongs to the education one."""
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        implementation=[
            "Sở Y tế chủ trì, phối hợp với các đơn vị liên quan hướng dẫn, kiểm tra việc thực "
            "hiện Kế hoạch này.",
            "UBND tỉnh giao Sở GDĐT là cơ quan đầu mối, chủ trì theo dõi, đôn đốc việc triển "
            "khai thực hiện Kế hoạch này; tổng hợp kết quả báo cáo UBND tỉnh.",
        ],
    )

    proposal = propose(plan)

    assert proposal.lead == tree.sgddt
    assert proposal.lead_text.startswith("UBND tỉnh giao Sở GDĐT")
    assert proposal.implementers == []


def test_two_leads_equally_strong_propose_no_lead():
    tree = _dien_bien()
    plan = _plan(
        tree.ubnd,
        implementation=[
            "Sở Y tế chủ trì tổ chức triển khai thực hiện Kế hoạch này.",
            "Sở Xây dựng chủ trì tổ chức triển khai thực hiện Kế hoạch này.",
        ],
    )

    assert propose(plan) is None


def test_a_paragraph_of_the_section_that_names_its_agency_is_left_to_it():
    """The Sở Tài chính's paragraph is its own charge: the proposal does not cover it, nor
    the tasks that already have a lead."""
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)
    funding = plan.task_groups.get(order=3).tasks.get(order=2)
    AssignmentFactory(task=funding, agency=tree.stc, role=Role.LEAD)
    led = plan.task_groups.get(order=1).tasks.get(order=1)
    AssignmentFactory(task=led, agency=tree.syt, role=Role.LEAD)
    press = plan.task_groups.get(order=3).tasks.get(order=3)
    AssignmentFactory(task=press, agency=tree.sxd, role=Role.COORDINATE)

    tasks = propose(plan).tasks

    assert funding not in tasks
    assert led not in tasks
    assert press not in tasks
    assert len(tasks) == 5 + 2


# Accepting ------------------------------------------------------------------------------


def test_accepting_gives_the_lead_and_implementers_to_tasks_without_a_lead(staff_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)
    led = plan.task_groups.get(order=1).tasks.get(order=1)
    AssignmentFactory(task=led, agency=tree.syt, role=Role.LEAD)
    helper = plan.task_groups.get(order=1).tasks.get(order=2)
    AssignmentFactory(task=helper, agency=tree.districts[0], role=Role.COORDINATE)

    created = accept_proposal(directive=plan, by=staff_user)

    assert list(led.assignments.values_list("agency__code", "role")) == [("db-syt", Role.LEAD)]
    roles = dict(helper.assignments.values_list("agency__code", "role"))
    assert roles.pop("db-sgddt") == Role.LEAD
    assert roles.pop("db-dienbienphu-ubnd") == Role.COORDINATE  # kept its role
    assert set(roles.values()) == {Role.IMPLEMENT} and len(roles) == 3
    assert {a.source for a in created} == {Assignment.Source.PROPOSAL}
    assert not tasks_without_lead(plan).filter(group__order__in=[1, 2]).exists()


def test_accepting_is_one_entry_in_the_history_written_by_the_user(staff_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)

    created = accept_proposal(directive=plan, by=staff_user)

    rows = Assignment.history.filter(task__group__directive=plan)
    assert rows.count() == len(created) == 10 * 5
    assert set(rows.values_list("history_user", flat=True)) == {staff_user.pk}
    assert rows.values("history_action").distinct().count() == 1


def test_accepting_for_one_group_or_one_section_covers_only_it(staff_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)
    first = plan.task_groups.get(order=1)

    accept_proposal(directive=plan, by=staff_user, groups=[first])

    assert not tasks_without_lead(plan).filter(group=first).exists()
    assert tasks_without_lead(plan).count() == 7

    accept_proposal(directive=plan, by=staff_user, sections=[plan.sections.get(number="II")])

    assert list(tasks_without_lead(plan).values_list("group__order", flat=True)) == [3] * 4


def test_a_reporting_unit_cannot_accept_a_proposal(unit_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)

    with pytest.raises(PermissionDenied):
        accept_proposal(directive=plan, by=unit_user)

    assert not Assignment.objects.filter(task__group__directive=plan).exists()


def test_accepting_twice_changes_nothing(staff_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=PROVINCE_PLAN)
    accept_proposal(directive=plan, by=staff_user)
    before = Assignment.history.filter(task__group__directive=plan).count()

    assert accept_proposal(directive=plan, by=staff_user) == []
    assert Assignment.history.filter(task__group__directive=plan).count() == before


def test_a_directive_without_a_proposal_cannot_be_accepted(staff_user):
    tree = _dien_bien()
    plan = _plan(tree.ubnd, implementation=["Sở Y tế phối hợp thực hiện Kế hoạch này."])

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        accept_proposal(directive=plan, by=staff_user)

    assert "không nêu cơ quan chủ trì" in refused.value.messages[0]


# The seed plan ---------------------------------------------------------------------------


def test_plan_3707_proposes_the_department_and_the_eight_districts(
    plan_3707, staff_user, django_assert_max_num_queries
):
    """Section IV of 3707/KH-UBND: the Sở GD&ĐT leads and each district implements, for
    the 40 tasks that no paragraph gives to anyone."""
    with django_assert_max_num_queries(10):
        proposal = propose(plan_3707)

    assert proposal.lead.code == "lc-sgddt"
    assert len(proposal.implementers) == 8
    assert {a.kind for a in proposal.implementers} == {Kind.DISTRICT}
    assert len(proposal.tasks) == 40

    with django_assert_max_num_queries(40):
        created = accept_proposal(directive=plan_3707, by=staff_user)

    assert len(created) == 40 * 9
    assert Directive.objects.get(pk=plan_3707.pk) == plan_3707
    # Left without a lead: the paragraphs in which other agencies only "phối hợp".
    assert tasks_without_lead(plan_3707).count() == 2
