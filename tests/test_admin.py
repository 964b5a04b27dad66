"""The Django admin: every model's pages render in Vietnamese; workbooks go in and out."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse

from directives.models import Agency
from indicators.models import Indicator

pytestmark = pytest.mark.django_db


def admin_urls():
    for model, _model_admin in admin.site._registry.items():
        opts = model._meta
        yield opts, f"admin:{opts.app_label}_{opts.model_name}"


def test_every_admin_changelist_add_and_change_page_renders(client, admin_user, one_of_each):
    client.force_login(admin_user)
    for opts, name in admin_urls():
        changelist = client.get(reverse(f"{name}_changelist"))
        assert changelist.status_code == 200, name
        model_admin = admin.site._registry[opts.model]
        add = client.get(reverse(f"{name}_add"))
        assert add.status_code == (
            200 if model_admin.has_add_permission(add.wsgi_request) else 403
        ), name
        obj = opts.model._default_manager.first()
        assert obj is not None, name
        change = client.get(reverse(f"{name}_change", args=[obj.pk]))
        assert change.status_code == 200, name


def test_admin_speaks_vietnamese(client, admin_user, plan_3707):
    client.force_login(admin_user)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Văn bản chỉ đạo" in index
    assert "Chỉ tiêu" in index
    assert "Cơ quan, đơn vị" in index
    change = client.get(reverse("admin:directives_directive_change", args=[plan_3707.pk]))
    page = change.content.decode()
    assert "Ký hiệu" in page
    assert "Trích yếu" in page
    assert "Nhóm nhiệm vụ" in page
    assert "Tỷ lệ huy động trẻ mẫu giáo" in page
    assert 'value="99,85"' in page


def test_staff_can_save_a_target_typed_with_a_comma(client, staff_user, plan_3707):
    client.force_login(staff_user)
    indicator = plan_3707.indicators.get(order=1)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = {
        "directive": plan_3707.pk,
        "order": 1,
        "name": indicator.name,
        "unit": "%",
        "education_level": "mam_non",
        "baseline_value": "32,7",
        "baseline_year": indicator.baseline_year_id,
        "target_value": "33,15",
        "direction": "raise",
        "rollup_rule": "ratio",
        "ratio_scale": 100,
        "unit_targets-TOTAL_FORMS": 0,
        "unit_targets-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("33.15")


def test_staff_see_agencies_but_cannot_change_them(client, staff_user):
    client.force_login(staff_user)
    agency = Agency.objects.get(code="lc-sgddt")
    assert client.get(reverse("admin:directives_agency_changelist")).status_code == 200
    response = client.post(
        reverse("admin:directives_agency_change", args=[agency.pk]),
        {"name": "Đổi tên", "code": agency.code, "kind": agency.kind},
    )
    assert response.status_code == 403
    agency.refresh_from_db()
    assert agency.name == "Sở Giáo dục và Đào tạo tỉnh Lai Châu"


def export_xlsx(client, url, resource_prefix, field_names, query=""):
    data = {"format": "0", **{f"{resource_prefix}_{name}": "on" for name in field_names}}
    response = client.post(f"{url}{query}", data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_indicator_export_is_a_workbook_with_the_26_indicators_of_3707(
    client, staff_user, plan_3707
):
    client.force_login(staff_user)
    fields = ["directive", "order", "name", "unit", "baseline_value", "target_value"]
    workbook = export_xlsx(
        client,
        reverse("admin:indicators_indicator_export"),
        "indicatorresource",
        fields,
        query=f"?directive__id__exact={plan_3707.pk}",
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header == (
        "Văn bản",
        "TT",
        "Chỉ tiêu",
        "Đơn vị",
        "Chỉ tiêu đạt được",
        "Chỉ tiêu phấn đấu",
    )
    assert len(data) == 26
    assert {row[0] for row in data} == {"3707/KH-UBND"}
    second = data[1]
    assert second[1:4] == (2, "Tỷ lệ huy động trẻ mẫu giáo", "%")
    assert Decimal(str(second[4])) == Decimal("99.8")
    assert Decimal(str(second[5])) == Decimal("99.85")


def agency_workbook(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã", "Tên", "Tên viết tắt", "Loại", "Mã cơ quan cấp trên"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "co-quan.xlsx"
    return buffer


def test_agency_import_previews_before_it_writes(client, admin_user):
    client.force_login(admin_user)
    upload = agency_workbook(
        [["lc-sinho-thcs-a", "Trường THCS thử nghiệm A", "THCS A", "school", "lc-sinho-pgd"]]
    )
    response = client.post(
        reverse("admin:directives_agency_import"),
        {"format": "0", "import_file": upload, "resource": "0"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trường THCS thử nghiệm A" in page
    assert not Agency.objects.filter(code="lc-sinho-thcs-a").exists()
    confirm = client.post(
        reverse("admin:directives_agency_process_import"),
        {
            key: response.context["confirm_form"].initial[key]
            for key in response.context["confirm_form"].initial
        },
    )
    assert confirm.status_code == 302
    school = Agency.objects.get(code="lc-sinho-thcs-a")
    assert school.parent.code == "lc-sinho-pgd"


def test_agency_import_with_an_unknown_parent_changes_nothing(client, admin_user):
    client.force_login(admin_user)
    before = Agency.objects.count()
    upload = agency_workbook([["x-1", "Đơn vị lỗi", "", "school", "khong-ton-tai"]])
    response = client.post(
        reverse("admin:directives_agency_import"),
        {"format": "0", "import_file": upload, "resource": "0"},
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Agency.objects.count() == before
    assert Indicator.objects.count() == 26


def test_agencies_are_listed_as_a_tree_with_their_sub_agencies(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:directives_agency_changelist"))
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    position = {agency.code: n for n, agency in enumerate(listed)}
    province = Agency.objects.get(code="lc-ubnd")
    # Every agency comes after its parent, and a parent's subtree is not interrupted.
    for agency in listed:
        if agency.parent_id:
            assert position[agency.code] > position[agency.parent.code], agency.code
    department = Agency.objects.get(code="lc-sgddt")
    assert department.parent == province
    assert listed[position["lc-ubnd"]].child_count == province.children.count() > 5
    page = response.content.decode()
    assert 'class="agency-tree agency-tree--1"' in page  # the department, one level in
    assert "Cơ quan trực thuộc" in page or "Đơn vị trực thuộc" in page
