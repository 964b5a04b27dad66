"""The real reorganisations of 2025 in the seed data: Bắc Giang into Bắc Ninh, and Lai
Châu's districts into 38 communes, mapped only as far as a source states it."""

import datetime

import pytest
from django.core.management import call_command

from directives.lineage import open_agencies, successions_on
from directives.models import Agency, Reorganisation, ReorganisationLine
from directives.seed_data import load_seed_data

pytestmark = pytest.mark.django_db

SCHOOL_YEAR_2025 = datetime.date(2025, 9, 1)
LAI_CHAU = "Nghị quyết 1670/NQ-UBTVQH15"
DISTRICTS = (
    "thanuyen",
    "tanuyen",
    "tamduong",
    "thanhpholaichau",
    "phongtho",
    "sinho",
    "namnhun",
    "muongte",
)


def lai_chau():
    return Reorganisation.objects.get(basis__startswith=LAI_CHAU)


def test_lai_chau_has_38_communes_and_no_district_from_the_new_school_year():
    """On the first day of 2025 - 2026, Lai Châu's 38 commune-level units are open and
    none of its 8 districts or their offices."""
    province = Agency.objects.get(code="lc-ubnd")
    communes = open_agencies(
        Agency.objects.filter(parent=province, kind=Agency.Kind.COMMUNE), SCHOOL_YEAR_2025
    )
    assert communes.count() == 38
    assert communes.filter(code__startswith="lc-phuong-").count() == 2
    assert set(communes.filter(code__startswith="lc-phuong-").values_list("name", flat=True)) == {
        "Ủy ban nhân dân phường Tân Phong",
        "Ủy ban nhân dân phường Đoàn Kết",
    }
    districts = Agency.objects.filter(code__in=[f"lc-{d}-ubnd" for d in DISTRICTS])
    assert districts.count() == 8
    assert not open_agencies(districts, SCHOOL_YEAR_2025).exists()
    assert not open_agencies(Agency.objects.filter(parent__in=districts), SCHOOL_YEAR_2025).exists()
    binh_lu = Agency.objects.get(code="lc-xa-binhlu")
    assert (binh_lu.short_name, binh_lu.valid_from) == (
        "UBND xã Bình Lư",
        datetime.date(2025, 7, 1),
    )


def test_a_stated_split_leads_a_district_to_its_communes():
    """Huyện Tam Đường went to xã Bản Bo, Bình Lư, Tả Lèng and Khun Há, as the province's
    đề án states: its Phòng GD&ĐT went with it."""
    tam_duong = Agency.objects.get(code="lc-tamduong-ubnd")
    office = Agency.objects.get(code="lc-tamduong-pgd")
    found = successions_on([tam_duong, office], SCHOOL_YEAR_2025)
    expected = {"lc-xa-banbo", "lc-xa-binhlu", "lc-xa-taleng", "lc-xa-khunha"}
    assert {a.code for a in found[tam_duong.pk].successors} == expected
    assert {a.code for a in found[office.pk].successors} == expected
    assert found[tam_duong.pk].stated and not found[tam_duong.pk].continuous
    line = tam_duong.reorganised_into.get()
    assert line.kind == ReorganisationLine.Kind.SPLIT
    assert line.users_to.code == "lc-xa-binhlu"
    assert "Đề án" in line.note


def test_the_unstated_districts_regroup_into_19_communes_and_say_so():
    """For Sìn Hồ, Nậm Nhùn and Mường Tè no source says which commune came from which:
    one regrouping, not stated, with its 19 communes, Mù Cả and Tà Tổng among them."""
    sin_ho = Agency.objects.get(code="lc-sinho-ubnd")
    found = successions_on([sin_ho], SCHOOL_YEAR_2025)[sin_ho.pk]
    assert len(found.successors) == 19
    assert not found.stated and not found.continuous
    assert {"lc-xa-muca", "lc-xa-tatong", "lc-xa-tuasinchai"} <= {a.code for a in found.successors}
    line = sin_ho.reorganised_into.get()
    assert line.kind == ReorganisationLine.Kind.REGROUPING and not line.mapping_stated
    assert line.users_to is None
    assert "không nêu" in line.note


def test_communes_that_kept_their_area_move_under_the_province():
    """Mù Cả and Tà Tổng existed before, under huyện Mường Tè: they stay open and move
    under the province."""
    for code in ("lc-xa-muca", "lc-xa-tatong"):
        commune = Agency.objects.get(code=code)
        assert commune.parent.code == "lc-ubnd"
        assert commune.valid_from is None and commune.valid_until is None
        transfer = ReorganisationLine.objects.get(
            kind=ReorganisationLine.Kind.TRANSFER, predecessors=commune
        )
        assert transfer.old_parent.code == "lc-muongte-ubnd"
        assert transfer.new_parent.code == "lc-ubnd"


def test_bac_giang_merged_into_bac_ninh():
    reorganisation = Reorganisation.objects.get(basis__startswith="Nghị quyết 202/2025/QH15")
    assert reorganisation.effective_on == datetime.date(2025, 7, 1)
    assert reorganisation.applied_at is not None
    found = successions_on(
        Agency.objects.filter(code__in=["bg-ubnd", "bg-sgddt"]), SCHOOL_YEAR_2025
    )
    by_code = {s.agency.code: s for s in found.values()}
    assert by_code["bg-ubnd"].successors == (Agency.objects.get(code="bn-ubnd"),)
    assert by_code["bg-sgddt"].successors == (Agency.objects.get(code="bn-sgddt"),)
    assert by_code["bg-ubnd"].continuous and by_code["bg-sgddt"].continuous


def test_loading_the_seed_again_changes_nothing():
    lines = ReorganisationLine.objects.count()
    agencies = list(Agency.objects.order_by("code").values_list("code", "parent_id", "valid_until"))
    result = load_seed_data()
    call_command("load_seed_data", verbosity=0)
    assert result.reorganisations_applied == []
    assert ReorganisationLine.objects.count() == lines
    assert (
        list(Agency.objects.order_by("code").values_list("code", "parent_id", "valid_until"))
        == agencies
    )
    assert lai_chau().lines.count() == 8  # 5 splits, 1 regrouping, 2 transfers
