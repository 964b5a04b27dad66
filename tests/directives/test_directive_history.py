"""A directive's history: an import is one save by the importer, changes made in the
admin show on the directive's history page, which staff and leadership read."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from directives.models import (
    Assignment,
    Directive,
    DirectiveReference,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
PLAN_3707 = SOURCES / "001_e1b72a20e9d27a54.txt"


@pytest.fixture
def named_staff(staff_user):
    staff_user.first_name, staff_user.last_name = "Lan", "Nguyễn Thị"
    staff_user.save()
    return staff_user


def history_rows(plan):
    """Every history row written for the directive and what it holds."""
    groups = TaskGroup.objects.filter(directive=plan)
    tasks = Task.objects.filter(group__in=groups)
    rows = {
        Directive: Directive.history.filter(id=plan.pk),
        DirectiveReference: DirectiveReference.history.filter(directive_id=plan.pk),
        Section: Section.history.filter(directive_id=plan.pk),
        TaskGroup: TaskGroup.history.filter(directive_id=plan.pk),
        Task: Task.history.filter(group_id__in=groups),
        Assignment: Assignment.history.filter(task_id__in=tasks),
        Indicator: Indicator.history.filter(directive_id=plan.pk),
    }
    objects = {
        Directive: Directive.objects.filter(pk=plan.pk),
        DirectiveReference: plan.references.all(),
        Section: plan.sections.all(),
        TaskGroup: groups,
        Task: tasks,
        Assignment: Assignment.objects.filter(task__in=tasks),
        Indicator: plan.indicators.all(),
    }
    for model, records in rows.items():
        assert records.count() == objects[model].count() > 0, model
    return [record for records in rows.values() for record in records]


def confirm_import(client, text):
    url = reverse("directives:directive_import")
    form = client.post(url, {"text": text}).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else getattr(value, "pk", value)
    return client.post(url, data)


def test_an_import_through_the_page_is_one_save_by_the_importer(client, named_staff):
    Directive.objects.filter(number="3707").delete()
    client.force_login(named_staff)
    response = confirm_import(client, PLAN_3707.read_text(encoding="utf-8"))
    assert response.status_code == 302
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    rows = history_rows(plan)
    assert {row.history_type for row in rows} == {"+"}
    assert len({row.history_action for row in rows}) == 1
    assert rows[0].history_action is not None
    assert {row.history_user_id for row in rows} == {named_staff.pk}
    assert {row.history_user_name for row in rows} == {"Lan Nguyễn Thị"}

    page = client.get(reverse("directives:directive_history", args=[plan.pk]))
    events = page.context["history"]
    assert len(events) == 1
    assert events[0].action == "Tạo văn bản" and events[0].who == "Lan Nguyễn Thị"
    subjects = {change.subject for change in events[0].changes}
    assert {"Văn bản", "Chỉ tiêu 26"} <= subjects
    assert any(subject.startswith("Phân công ") for subject in subjects)


def test_an_import_by_the_command_is_one_save_too():
    Directive.objects.filter(number="3707").delete()
    call_command("import_directive", str(PLAN_3707))
    rows = history_rows(Directive.objects.get(number="3707", symbol="KH-UBND"))
    assert len({row.history_action for row in rows}) == 1
    assert rows[0].history_action is not None
    assert {row.history_user_id for row in rows} == {None}


def test_admin_changes_to_a_task_and_its_agencies_show_on_the_directives_history(
    client, named_staff, leadership_user, plan_3707
):
    task = Task.objects.filter(group__directive=plan_3707, assignments__isnull=False).first()
    client.force_login(named_staff)
    url = reverse("admin:directives_task_change", args=[task.pk])
    data = change_form_data(client.get(url))
    data["due_on"] = "30/11/2024"
    data["assignments-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    gone = Assignment.history.filter(task_id=task.pk, history_type="-").get()

    client.force_login(leadership_user)
    page = client.get(reverse("directives:directive_history", args=[plan_3707.pk]))
    latest = page.context["history"][0]
    assert latest.action == "Sửa văn bản" and latest.who == "Lan Nguyễn Thị"
    changes = {(c.field, c.old, c.new) for c in latest.changes}
    assert ("hạn hoàn thành", "", "30/11/2024") in changes
    assert ("vai trò", gone.get_role_display(), "") in changes  # the assignment removed
    assert "Lan Nguyễn Thị" in page.content.decode()
    detail = client.get(plan_3707.get_absolute_url()).content.decode()
    assert reverse("directives:directive_history", args=[plan_3707.pk]) in detail


def test_units_read_the_directive_but_not_its_history(client, unit_user, plan_3707):
    client.force_login(unit_user)
    detail = client.get(plan_3707.get_absolute_url())
    assert detail.status_code == 200
    history_url = reverse("directives:directive_history", args=[plan_3707.pk])
    assert history_url not in detail.content.decode()
    assert client.get(history_url).status_code == 403
