"""Agency pickers hide agencies closed by a reorganisation unless asked: the assignment
page, the admin's autocomplete; the admin's agency list says what replaced them."""

import datetime

import pytest
from django.urls import reverse

from directives.models import Agency, Directive, Reorganisation, SchoolYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_2025(db):
    """A plan of Lai Châu for 2025 - 2026, after the reform."""
    year, _created = SchoolYear.objects.get_or_create(start_year=2025)
    plan = Directive.objects.create(
        doc_type="KH",
        issuer=Agency.objects.get(code="lc-ubnd"),
        title="Kế hoạch thực hiện nhiệm vụ năm học 2025 - 2026",
        school_year=year,
        issued_on=datetime.date(2025, 9, 10),
    )
    plan.task_groups.create(order=1, number="1", title="Nhóm 1").tasks.create(
        order=1, text="Nhiệm vụ"
    )
    return plan


def test_the_assignment_picker_offers_the_communes_and_shows_closed_districts_on_request(
    client, staff_user, plan_2025, django_assert_max_num_queries
):
    client.force_login(staff_user)
    url = reverse("directives:directive_assignments", args=[plan_2025.pk])
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "Ủy ban nhân dân xã Bình Lư" in page
    assert "Ủy ban nhân dân huyện Tam Đường" not in page
    assert "Hiện cả đơn vị đã ngừng hoạt động" in page
    with django_assert_max_num_queries(30):
        asked = client.get(url + "?closed=1").content.decode()
    assert "Ủy ban nhân dân huyện Tam Đường (ngừng hoạt động sau ngày 30/06/2025)" in asked


def test_assigning_a_closed_district_from_the_full_picker_is_refused_with_a_reason(
    client, staff_user, plan_2025
):
    client.force_login(staff_user)
    task = plan_2025.task_groups.get().tasks.get()
    response = client.post(
        reverse("directives:assignment_assign", args=[plan_2025.pk]),
        {
            "tasks": [task.pk],
            "agencies": [Agency.objects.get(code="lc-tamduong-ubnd").pk],
            "role": "implement",
            "closed": "1",
        },
    )
    assert response.status_code == 200
    assert "Ủy ban nhân dân huyện Tam Đường" in response.content.decode()
    assert not task.assignments.exists()


def test_the_admin_autocomplete_offers_open_agencies_unless_asked(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:autocomplete")
    query = {
        "app_label": "directives",
        "model_name": "assignment",
        "field_name": "agency",
        "term": "Tam Đường",
    }
    found = {item["text"] for item in client.get(url, query).json()["results"]}
    assert not any("Tam Đường" in text for text in found)
    asked = {item["text"] for item in client.get(url, {**query, "closed": "1"}).json()["results"]}
    assert any("Tam Đường" in text for text in asked)


def test_the_agency_admin_list_marks_closed_agencies_with_what_replaced_them(
    client, admin_user, django_assert_max_num_queries
):
    client.force_login(admin_user)
    url = reverse("admin:directives_agency_changelist")
    with django_assert_max_num_queries(25):
        page = client.get(url, {"q": "Tam Đường"}).content.decode()
    assert "30/06/2025 → UBND xã Bản Bo, UBND xã Bình Lư, UBND xã Khun Há, UBND xã Tả Lèng" in page
    closed = client.get(url, {"validity": "closed", "q": "Bình Lư"}).content.decode()
    assert "lc-xa-binhlu" not in closed


def test_an_applied_reorganisation_is_read_only_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    lai_chau = Reorganisation.objects.get(basis__contains="1670/NQ-UBTVQH15")
    url = reverse("admin:directives_reorganisation_change", args=[lai_chau.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, {"basis": "Sửa"}).status_code == 403
    lai_chau.refresh_from_db()
    assert lai_chau.basis.startswith("Nghị quyết 1670")
