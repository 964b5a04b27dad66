"""Changes made in the admin leave a trace: who (by name), when, what; and only those
who may change an object can put an old version of it back."""

import datetime

import pytest
from django.urls import reverse

from directives.models import Agency, Task
from tests.admin_forms import change_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_staff(staff_user):
    staff_user.first_name, staff_user.last_name = "Lan", "Nguyễn Thị"
    staff_user.save()
    return staff_user


def test_a_task_changed_in_the_admin_shows_in_its_history_with_the_writers_name(
    client, named_staff, plan_3707
):
    task = Task.objects.filter(group__directive=plan_3707).order_by("pk").first()
    client.force_login(named_staff)
    url = reverse("admin:directives_task_change", args=[task.pk])
    data = change_form_data(client.get(url))
    data["deadline_text"] = "trước ngày 30/11/2024"
    data["due_on"] = "30/11/2024"
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.due_on == datetime.date(2024, 11, 30)
    last = task.history.first()
    assert last.history_type == "~" and last.history_user_name == "Lan Nguyễn Thị"
    page = client.get(reverse("admin:directives_task_history", args=[task.pk]))
    text = page.content.decode()
    assert "Lan Nguyễn Thị" in text and "trước ngày 30/11/2024" in text


def test_an_agency_change_keeps_the_writers_name_after_their_account_is_gone(client, admin_user):
    writer = UserFactory(
        username="quantri-cu", first_name="Minh", last_name="Trần Văn", is_staff=True
    )
    writer.is_superuser = True
    writer.save()
    agency = Agency.objects.get(code="lc-namnhun-ubnd")
    client.force_login(writer)
    url = reverse("admin:directives_agency_change", args=[agency.pk])
    data = change_form_data(client.get(url))
    data["short_name"] = "UBND huyện Nậm Nhùn (cũ)"
    assert client.post(url, data).status_code == 302
    writer.delete()
    client.force_login(admin_user)
    page = client.get(reverse("admin:directives_agency_history", args=[agency.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Minh Trần Văn" in text and "UBND huyện Nậm Nhùn (cũ)" in text


def test_who_may_only_view_agencies_cannot_put_an_old_version_back(client, admin_user, staff_user):
    """Staff view agencies; django-simple-history's revert form alone would let them save
    an old version (an old parent moves who sees whose reports)."""
    agency = Agency.objects.get(code="lc-namnhun-ubnd")
    original_parent = agency.parent_id
    old = agency.history.order_by("history_id").first()
    agency._history_user = admin_user
    agency.parent = Agency.objects.get(code="lc-phongtho-ubnd")
    agency.save()
    client.force_login(staff_user)
    url = reverse("admin:directives_agency_simple_history", args=[agency.pk, old.history_id])
    assert client.get(url).status_code == 200  # they may look at it
    data = {"code": agency.code, "name": agency.name, "kind": agency.kind}
    data["parent"] = original_parent or ""
    assert client.post(url, data).status_code == 403
    agency.refresh_from_db()
    assert agency.parent.code == "lc-phongtho-ubnd"
