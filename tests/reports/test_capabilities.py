"""Capabilities a user combines: a Sở staff member at a division both fills their division's
report and reviews other agencies'; nobody reviews their own agency's report. (Who may open
and post to each URL is in tests/test_url_sweep.py.)"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from accounts.models import User
from reports import permissions
from tests.admin_forms import change_form_data
from tests.test_url_sweep import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return World()


def test_a_division_staff_member_sees_what_they_owe_and_what_waits_for_review(
    client, world, django_assert_max_num_queries
):
    for key in ("district", "division_a", "division_b"):
        world.submit(key)
    client.force_login(world.people["division_staff"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reports:home"))
    page = response.content.decode()
    assert "Báo cáo cần nộp" in page and "Báo cáo chờ bạn duyệt" in page
    owed = [item.report for item in response.context["owed"]]
    assert owed == [world.reports["division_a"]]  # their division's, sent, not yet approved
    to_review = set(response.context["to_review"])
    assert to_review == {world.reports["district"], world.reports["division_b"]}
    assert response.context["to_review_count"] == 2
    assert "Có 2 báo cáo đã gửi đang chờ bạn duyệt." in page
    assert response.context["periods"]  # and the periods, as every reviewer


def test_leadership_finds_the_sos_own_report_waiting_for_it(client, world):
    world.submit("so")
    client.force_login(world.people["leadership"])
    response = client.get(reverse("reports:home"))
    assert "owed" not in response.context  # leadership reports for nothing
    assert list(response.context["to_review"]) == [world.reports["so"]]


def test_a_unit_sees_only_what_it_owes(client, world):
    client.force_login(world.people["unit"])
    response = client.get(reverse("reports:home"))
    assert [item.report for item in response.context["owed"]] == [world.reports["district"]]
    assert "to_review" not in response.context
    assert "Báo cáo chờ bạn duyệt" not in response.content.decode()


def test_a_reviewer_reads_why_they_may_not_review_their_own_agencys_report(client, world):
    report = world.submit("division_a")
    client.force_login(world.people["division_staff"])
    response = client.get(report.get_absolute_url())
    assert response.context["can_review"] is False
    page = response.content.decode()
    assert "Đây là báo cáo của chính đơn vị mình" in page
    assert "Lãnh đạo Sở hoặc chuyên viên ngoài đơn vị duyệt" in page
    assert reverse("reports:report_approve", args=[report.pk]) not in page
    # Their colleague of the other division reviews it.
    colleague = User.objects.create_user("gdmn-staff", agency=world.agencies["division_b"])
    colleague.groups.add(
        *Group.objects.filter(name__in=[roles.REPORTING_UNIT, roles.DEPARTMENT_STAFF])
    )
    client.force_login(colleague)
    response = client.get(report.get_absolute_url())
    assert response.context["can_review"] is True and response.context["review_refusal"] is None
    assert reverse("reports:report_approve", args=[report.pk]) in response.content.decode()


def test_a_unit_is_told_nothing_about_reviewing(client, world):
    """A unit reviews nothing at all: its report page shows neither buttons nor a note."""
    report = world.submit("district")
    client.force_login(world.people["unit"])
    response = client.get(report.get_absolute_url())
    assert response.context["can_review"] is False and response.context["review_refusal"] is None


def test_a_division_belongs_to_the_so_but_not_to_its_sibling(world):
    """Division staff may not review the Sở's own report (they are part of it), and may
    review the other division's; leadership of the Sở reviews all three."""
    division_staff, leadership = world.people["division_staff"], world.people["leadership"]
    reports = world.reports
    assert not permissions.can_review(division_staff, reports["so"])
    assert not permissions.can_review(division_staff, reports["division_a"])
    assert permissions.can_review(division_staff, reports["division_b"])
    assert all(permissions.can_review(leadership, reports[key]) for key in reports)


def test_the_administrator_ticks_several_capabilities_for_one_user(client, world):
    admin = world.people["admin"]
    someone = User.objects.create_user("gdpt-moi", agency=world.agencies["division_a"])
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[someone.pk])
    with translation.override("vi"):
        response = client.get(url)
    page = response.content.decode()
    assert 'type="checkbox" name="groups"' in page
    assert "Đơn vị báo cáo: Báo cáo cho đơn vị mình" in page
    assert "Chuyên viên Sở: Duyệt báo cáo và quản lý kế hoạch" in page
    assert "Lãnh đạo: Xem toàn bộ, duyệt báo cáo của Sở" in page
    data = change_form_data(response)
    joined = timezone.localtime(data.pop("date_joined"))  # shown as a date and a time
    data["date_joined_0"], data["date_joined_1"] = f"{joined:%d/%m/%Y}", f"{joined:%H:%M:%S}"
    data["groups"] = [
        str(Group.objects.get(name=name).pk)
        for name in (roles.REPORTING_UNIT, roles.DEPARTMENT_STAFF)
    ]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(someone.groups.values_list("name", flat=True)) == {
        roles.REPORTING_UNIT,
        roles.DEPARTMENT_STAFF,
    }
