"""Phân công nhiệm vụ: staff give tasks, whole task groups and whole sections to agencies
with a role and a due date on the directive's own pages, change and remove what they gave,
and every change is in the directive's history; leadership reads the page, reporting
units do not reach it."""

import datetime

import pytest
from django.urls import reverse

from directives.models import Agency, Assignment, Task, TaskGroup
from tests.factories import (
    AgencyFactory,
    DirectiveFactory,
    SectionFactory,
    TaskFactory,
    TaskGroupFactory,
)

pytestmark = pytest.mark.django_db

LEAD, COORDINATE, IMPLEMENT = Assignment.Role.LEAD, Assignment.Role.COORDINATE, "implement"


@pytest.fixture
def province(db):
    """A province of its own: the UBND tỉnh, the Sở with two divisions, a district open
    when the plan was issued and one that had closed before."""
    root = AgencyFactory(name="Ủy ban nhân dân tỉnh Hòa Bình Xanh", kind=Agency.Kind.PROVINCE)
    so = AgencyFactory(
        name="Sở Giáo dục và Đào tạo tỉnh Hòa Bình Xanh",
        short_name="Sở GD&ĐT",
        kind=Agency.Kind.DEPARTMENT,
        parent=root,
    )
    return {
        "root": root,
        "so": so,
        "mam_non": AgencyFactory(
            name="Phòng Giáo dục Mầm non", kind=Agency.Kind.UNIT, parent=so, short_name=""
        ),
        "pho_thong": AgencyFactory(
            name="Phòng Giáo dục Phổ thông", kind=Agency.Kind.UNIT, parent=so, short_name=""
        ),
        "district": AgencyFactory(
            name="Ủy ban nhân dân huyện An Khánh",
            short_name="UBND huyện An Khánh",
            kind=Agency.Kind.DISTRICT,
            parent=root,
        ),
        "closed": AgencyFactory(
            name="Ủy ban nhân dân huyện Đã Nhập",
            short_name="UBND huyện Đã Nhập",
            kind=Agency.Kind.DISTRICT,
            parent=root,
            valid_until=datetime.date(2024, 6, 30),
        ),
    }


@pytest.fixture
def plan(province):
    """Section III with two task groups (two tasks, then one), section IV with one group
    of one task."""
    directive = DirectiveFactory(issuer=province["so"], issued_on=datetime.date(2024, 9, 17))
    tasks_section = SectionFactory(directive=directive, order=1, number="III", title="NHIỆM VỤ")
    implementation = SectionFactory(
        directive=directive, order=2, number="IV", title="TỔ CHỨC THỰC HIỆN"
    )
    first = TaskGroupFactory(directive=directive, section=tasks_section, order=1)
    second = TaskGroupFactory(directive=directive, section=tasks_section, order=2)
    last = TaskGroupFactory(directive=directive, section=implementation, order=3)
    for group, count in ((first, 2), (second, 1), (last, 1)):
        for order in range(1, count + 1):
            TaskFactory(group=group, order=order, text=f"Nhiệm vụ {group.order}.{order}")
    return directive


@pytest.fixture
def named_staff(staff_user):
    staff_user.first_name, staff_user.last_name = "Lan", "Nguyễn Thị"
    staff_user.save()
    return staff_user


def page_url(plan):
    return reverse("directives:directive_assignments", args=[plan.pk])


def action_url(name, plan):
    return reverse(f"directives:{name}", args=[plan.pk])


def tasks_of(plan):
    return list(Task.objects.filter(group__directive=plan).order_by("group__order", "order"))


def assigned(plan):
    """{(task text, agency name): role} for every assignment of the plan."""
    return {
        (a.task.text, a.agency.name): a.role
        for a in Assignment.objects.filter(task__group__directive=plan).select_related(
            "task", "agency"
        )
    }


def test_staff_assign_one_task_and_come_back_to_it(client, named_staff, plan, province):
    """Ticking one task, choosing the Sở as lead and pressing Giao nhiệm vụ gives that
    task, and only it, to the Sở, says so, and returns to the task."""
    client.force_login(named_staff)
    task = tasks_of(plan)[0]
    response = client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "agencies": [province["so"].pk], "role": LEAD},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(plan)}#task-{task.pk}"
    assert assigned(plan) == {("Nhiệm vụ 1.1", province["so"].name): LEAD}
    assignment = Assignment.objects.get(task=task)
    assert assignment.source == Assignment.Source.STAFF
    page = client.get(response["Location"]).content.decode()
    assert "Đã giao 1 nhiệm vụ cho Sở GD&amp;ĐT, vai trò: Chủ trì." in page
    assert "Chưa giao chủ trì: 3 nhiệm vụ" in page


def test_staff_assign_a_whole_task_group_to_several_agencies(client, staff_user, plan, province):
    """Ticking a task group gives every task of that group, not the others, to each agency
    chosen."""
    client.force_login(staff_user)
    group = TaskGroup.objects.get(directive=plan, order=1)
    client.post(
        action_url("assignment_assign", plan),
        {
            "groups": [group.pk],
            "agencies": [province["mam_non"].pk, province["pho_thong"].pk],
            "role": COORDINATE,
        },
    )
    assert assigned(plan) == {
        ("Nhiệm vụ 1.1", "Phòng Giáo dục Mầm non"): COORDINATE,
        ("Nhiệm vụ 1.2", "Phòng Giáo dục Mầm non"): COORDINATE,
        ("Nhiệm vụ 1.1", "Phòng Giáo dục Phổ thông"): COORDINATE,
        ("Nhiệm vụ 1.2", "Phòng Giáo dục Phổ thông"): COORDINATE,
    }


def test_staff_assign_a_whole_section_with_a_task_elsewhere_in_one_action(
    client, staff_user, plan, province
):
    """A section ticked, a group of it ticked too and a task of another section: the
    union, each task once, with the due date typed day first."""
    client.force_login(staff_user)
    section = plan.sections.get(number="III")
    group = TaskGroup.objects.get(directive=plan, order=2)
    elsewhere = tasks_of(plan)[-1]
    response = client.post(
        action_url("assignment_assign", plan),
        {
            "sections": [section.pk],
            "groups": [group.pk],
            "tasks": [elsewhere.pk],
            "agencies": [province["district"].pk],
            "role": IMPLEMENT,
            "due_on": "05/03/2025",
        },
        follow=True,
    )
    assert set(assigned(plan)) == {
        (text, province["district"].name)
        for text in ("Nhiệm vụ 1.1", "Nhiệm vụ 1.2", "Nhiệm vụ 2.1", "Nhiệm vụ 3.1")
    }
    assert set(assigned(plan).values()) == {IMPLEMENT}
    assert set(
        Assignment.objects.values_list("due_on", flat=True).filter(task__group__directive=plan)
    ) == {datetime.date(2025, 3, 5)}
    page = response.content.decode()
    assert "Đã giao 4 nhiệm vụ cho UBND huyện An Khánh, vai trò: Thực hiện." in page
    assert "05/03/2025" in page


def test_assigning_again_with_another_role_changes_the_role_and_keeps_the_state(
    client, staff_user, plan, province
):
    """An agency already on a task takes the new role; its status and completion date
    stay, and no second assignment is made."""
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    Assignment.objects.create(
        task=task,
        agency=province["so"],
        role=LEAD,
        status=Assignment.Status.DONE,
        completed_on=datetime.date(2024, 12, 1),
    )
    client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "agencies": [province["so"].pk], "role": COORDINATE},
    )
    assignment = Assignment.objects.get(task=task)
    assert assignment.role == COORDINATE
    assert (assignment.status, assignment.completed_on) == (
        Assignment.Status.DONE,
        datetime.date(2024, 12, 1),
    )
    page = client.get(page_url(plan)).content.decode()
    assert "Phối hợp" in page
    assert "01/12/2024" in page


def test_staff_remove_an_assignment_after_a_confirmation(client, staff_user, plan, province):
    """The Remove button asks first (data-confirm); removing takes the task away from
    that agency only and returns to the task."""
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    kept = Assignment.objects.create(task=task, agency=province["so"], role=LEAD)
    removed = Assignment.objects.create(task=task, agency=province["district"], role=IMPLEMENT)
    page = client.get(page_url(plan)).content.decode()
    assert 'data-confirm="Gỡ nhiệm vụ này khỏi các cơ quan, đơn vị đã đánh dấu?' in page
    assert f'form="task-form-{task.pk}" name="assignment" value="{removed.pk}"' in page
    response = client.post(action_url("assignment_remove", plan), {"assignment": removed.pk})
    assert response["Location"] == f"{page_url(plan)}#task-{task.pk}"
    assert list(Assignment.objects.filter(task=task)) == [kept]
    page = client.get(response["Location"]).content.decode()
    assert "Đã gỡ UBND huyện An Khánh khỏi nhiệm vụ." in page


def test_an_assignment_of_another_directive_cannot_be_removed_from_this_page(
    client, staff_user, plan, plan_3707
):
    client.force_login(staff_user)
    other = Assignment.objects.filter(task__group__directive=plan_3707).first()
    response = client.post(action_url("assignment_remove", plan), {"assignment": other.pk})
    assert response.status_code == 404
    assert Assignment.objects.filter(pk=other.pk).exists()


def test_staff_set_and_clear_the_due_date_of_a_task(client, staff_user, plan, province):
    """A task's due date, typed day first, is the deadline of every agency without one of
    its own; an empty box clears it."""
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    assignment = Assignment.objects.create(task=task, agency=province["so"], role=LEAD)
    url = action_url("assignment_due_date", plan)
    response = client.post(url, {"task": task.pk, "due_on": "05/03/2025"}, follow=True)
    task.refresh_from_db()
    assert task.due_on == datetime.date(2025, 3, 5)
    assert assignment.deadline == datetime.date(2025, 3, 5)
    page = response.content.decode()
    assert "Hạn hoàn thành của nhiệm vụ: 05/03/2025." in page
    assert "(theo nhiệm vụ)" in page
    assert response.redirect_chain[-1][0] == f"{page_url(plan)}#task-{task.pk}"
    client.post(url, {"task": task.pk, "due_on": ""})
    task.refresh_from_db()
    assert task.due_on is None


def test_staff_set_and_clear_the_due_date_of_one_agency(client, staff_user, plan, province):
    """One agency's own due date leaves the task's and the other agencies' alone."""
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    task.due_on = datetime.date(2025, 5, 31)
    task.save()
    lead = Assignment.objects.create(task=task, agency=province["so"], role=LEAD)
    other = Assignment.objects.create(task=task, agency=province["district"], role=IMPLEMENT)
    url = action_url("assignment_due_date", plan)
    response = client.post(url, {"assignment": other.pk, "due_on": "15/01/2025"}, follow=True)
    other.refresh_from_db()
    lead.refresh_from_db()
    assert other.due_on == datetime.date(2025, 1, 15)
    assert lead.due_on is None and lead.deadline == datetime.date(2025, 5, 31)
    assert "Hạn hoàn thành của UBND huyện An Khánh: 15/01/2025." in response.content.decode()
    response = client.post(url, {"assignment": other.pk, "due_on": ""}, follow=True)
    other.refresh_from_db()
    assert other.due_on is None and other.deadline == datetime.date(2025, 5, 31)
    page = response.content.decode()
    assert "UBND huyện An Khánh thực hiện theo hạn hoàn thành của nhiệm vụ." in page


def test_every_change_is_one_entry_in_the_directive_history(client, named_staff, plan, province):
    """Assigning, changing a role, setting due dates and removing: each is one entry of the
    history page saying who did it and what changed."""
    client.force_login(named_staff)
    task = tasks_of(plan)[0]
    group = TaskGroup.objects.get(directive=plan, order=1)
    client.post(
        action_url("assignment_assign", plan),
        {"groups": [group.pk], "agencies": [province["so"].pk], "role": LEAD},
    )
    client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "agencies": [province["so"].pk], "role": COORDINATE},
    )
    client.post(action_url("assignment_due_date", plan), {"task": task.pk, "due_on": "05/03/2025"})
    assignment = Assignment.objects.get(task=task)
    client.post(
        action_url("assignment_due_date", plan),
        {"assignment": assignment.pk, "due_on": "01/02/2025"},
    )
    client.post(action_url("assignment_remove", plan), {"assignment": assignment.pk})

    history = client.get(reverse("directives:directive_history", args=[plan.pk]))
    events = list(history.context["history"])[:5]  # then the plan's creation
    assert [event.action for event in events] == [
        "Thay đổi phân công nhiệm vụ",  # removed
        "Thay đổi phân công nhiệm vụ",  # the agency's own due date
        "Thay đổi hạn hoàn thành",  # the task's due date
        "Thay đổi phân công nhiệm vụ",  # the role
        "Thay đổi phân công nhiệm vụ",  # the group given to the Sở
    ]
    assert {event.who for event in events} == {"Lan Nguyễn Thị"}
    subject = "Phân công Sở GD&ĐT, nhiệm vụ: Nhiệm vụ 1.%s"

    def changes(event):
        return [(c.subject, c.field, c.old, c.new) for c in event.changes]

    removed, own_due, task_due, role, given = events
    assert (subject % 1, "vai trò", "Phối hợp", "") in changes(removed)
    assert changes(own_due) == [(subject % 1, "hạn hoàn thành", "", "01/02/2025")]
    assert changes(task_due) == [("Nhiệm vụ: Nhiệm vụ 1.1", "hạn hoàn thành", "", "05/03/2025")]
    assert changes(role) == [(subject % 1, "vai trò", "Chủ trì", "Phối hợp")]
    assert {c for c in changes(given) if c[1] == "vai trò"} == {
        (subject % 1, "vai trò", "", "Chủ trì"),
        (subject % 2, "vai trò", "", "Chủ trì"),
    }
    page = history.content.decode()
    assert "Lan Nguyễn Thị" in page
    assert "Thay đổi phân công nhiệm vụ" in page


def test_leadership_read_the_page_without_any_form(client, leadership_user, plan, province):
    """Leadership see every task with its agencies and the tasks without a lead, and no
    box, button or form to change them; what they post is refused."""
    task = tasks_of(plan)[0]
    Assignment.objects.create(task=task, agency=province["so"], role=LEAD)
    client.force_login(leadership_user)
    response = client.get(page_url(plan))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phân công nhiệm vụ" in page
    assert "Sở Giáo dục và Đào tạo tỉnh Hòa Bình Xanh" in page
    assert "Chưa giao chủ trì: 3 nhiệm vụ" in page
    assert "assignments/" not in page.split("<main", 1)[1].replace(page_url(plan), "")
    assert "Giao nhiệm vụ" not in page
    assert 'type="checkbox"' not in page
    assert "Lưu hạn" not in page
    response = client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "agencies": [province["district"].pk], "role": LEAD},
    )
    assert response.status_code == 403
    assert len(assigned(plan)) == 1


def test_a_reporting_unit_reaches_neither_the_page_nor_its_actions(
    client, unit_user, plan, province
):
    client.force_login(unit_user)
    task = tasks_of(plan)[0]
    assignment = Assignment.objects.create(task=task, agency=province["so"], role=LEAD)
    assert client.get(page_url(plan)).status_code == 403
    posts = {
        "assignment_assign": {
            "tasks": [task.pk],
            "agencies": [province["district"].pk],
            "role": LEAD,
        },
        "assignment_remove": {"assignment": assignment.pk},
        "assignment_due_date": {"task": task.pk, "due_on": "05/03/2025"},
    }
    for name, data in posts.items():
        assert client.post(action_url(name, plan), data).status_code == 403, name
    task.refresh_from_db()
    assert task.due_on is None
    assert list(Assignment.objects.filter(task__group__directive=plan)) == [assignment]


def test_the_directive_page_links_to_the_assignments_for_those_who_may_see_them(
    client, staff_user, leadership_user, unit_user, plan
):
    link = f'href="{page_url(plan)}"'
    for user, shown in ((staff_user, True), (leadership_user, True), (unit_user, False)):
        client.force_login(user)
        page = client.get(plan.get_absolute_url()).content.decode()
        assert (link in page) is shown, user.username


def test_agencies_are_offered_by_the_tree_and_closed_ones_are_not(
    client, staff_user, plan, province
):
    """The Sở's divisions come right after the Sở, one level deeper; an agency closed
    before the plan was issued is not offered, and another province's neither."""
    client.force_login(staff_user)
    response = client.get(page_url(plan))
    offered = [(box.choice_label, depth) for box, depth in response.context["form"].agency_boxes()]
    assert offered == [
        ("Ủy ban nhân dân tỉnh Hòa Bình Xanh", 0),
        ("Sở Giáo dục và Đào tạo tỉnh Hòa Bình Xanh", 1),
        ("Phòng Giáo dục Mầm non", 2),
        ("Phòng Giáo dục Phổ thông", 2),
        ("Ủy ban nhân dân huyện An Khánh", 1),
    ]
    page = response.content.decode()
    assert "Đã Nhập" not in page
    assert "agency-choice--depth-2" in page


def test_a_closed_agency_is_refused_saying_why_and_nothing_changes(
    client, staff_user, plan, province
):
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    response = client.post(
        action_url("assignment_assign", plan),
        {
            "tasks": [task.pk],
            "agencies": [province["closed"].pk, province["district"].pk],
            "role": LEAD,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "đã giải thể trước ngày ban hành văn bản: Ủy ban nhân dân huyện Đã Nhập" in page
    assert assigned(plan) == {}


def test_an_agency_of_another_province_is_refused(client, staff_user, plan, plan_3707):
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    response = client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "agencies": [plan_3707.issuer.pk], "role": LEAD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["agencies"]
    assert assigned(plan) == {}


def test_what_was_typed_and_ticked_comes_back_beside_the_errors(client, staff_user, plan, province):
    """No agency and an impossible date: the errors are in Vietnamese beside the fields,
    and the ticks, the role and the date typed are all still there."""
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    group = TaskGroup.objects.get(directive=plan, order=2)
    response = client.post(
        action_url("assignment_assign", plan),
        {"tasks": [task.pk], "groups": [group.pk], "role": IMPLEMENT, "due_on": "31/02/2025"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chọn ít nhất một cơ quan, đơn vị." in page
    assert "Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/12/2024." in page
    assert f'name="tasks" value="{task.pk}" id="pick-task-{task.pk}" checked' in page
    assert f'name="groups" value="{group.pk}" id="pick-group-{group.pk}" checked' in page
    assert 'value="31/02/2025"' in page
    assert 'value="implement" id="id_role_2" required checked' in page
    assert assigned(plan) == {}


def test_nothing_ticked_is_refused_keeping_the_agencies_chosen(client, staff_user, plan, province):
    client.force_login(staff_user)
    response = client.post(
        action_url("assignment_assign", plan),
        {"agencies": [province["mam_non"].pk], "role": LEAD},
    )
    page = response.content.decode()
    assert "Đánh dấu ít nhất một nhiệm vụ, nhóm nhiệm vụ hoặc mục" in page
    assert f'value="{province["mam_non"].pk}" id="id_agencies_2" checked' in page


def test_a_wrong_due_date_stays_in_its_box_with_the_message(client, staff_user, plan, province):
    client.force_login(staff_user)
    task = tasks_of(plan)[0]
    response = client.post(
        action_url("assignment_due_date", plan), {"task": task.pk, "due_on": "32/13/2025"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="due-task-{task.pk}" value="32/13/2025"' in page
    assert f'id="due-task-{task.pk}-error"' in page
    task.refresh_from_db()
    assert task.due_on is None


IMPLEMENTATION = (
    "1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan tổ chức triển "
    "khai thực hiện Kế hoạch này.\n"
    "2. Ủy ban nhân dân các huyện, thành phố căn cứ Kế hoạch này triển khai thực hiện trên "
    "địa bàn."
)


@pytest.fixture
def proposing_plan(plan, province):
    """The plan whose section IV says the Sở leads it and the districts implement it."""
    section = plan.sections.get(number="IV")
    section.text = IMPLEMENTATION
    section.save()
    return plan


def test_the_page_shows_what_the_implementation_section_proposes(
    client, staff_user, proposing_plan, province
):
    """The Sở as lead and the open district as implementer, with the sentences they come
    from, and a button for the whole plan, each section and each group."""
    client.force_login(staff_user)
    response = client.get(page_url(proposing_plan))
    proposal = response.context["proposal"]
    assert proposal.lead == province["so"]
    assert province["district"] in proposal.implementers
    assert province["closed"] not in proposal.implementers
    page = response.content.decode()
    assert "Đề xuất từ phần tổ chức thực hiện" in page
    assert "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành" in page
    assert "Nhận đề xuất cho toàn bộ kế hoạch" in page
    groups = TaskGroup.objects.filter(directive=proposing_plan)
    for group in groups:
        assert f'name="group" value="{group.pk}"' in page
    for section in proposing_plan.sections.all():
        assert f'name="section" value="{section.pk}"' in page


def proposed_assignments(plan):
    return {
        (text, agency, role)
        for (text, agency), role in assigned(plan).items()
        if Assignment.objects.filter(
            task__text=text, agency__name=agency, source=Assignment.Source.PROPOSAL
        ).exists()
    }


def test_staff_accept_the_proposal_for_one_group_in_one_click(
    client, named_staff, proposing_plan, province
):
    client.force_login(named_staff)
    group = TaskGroup.objects.get(directive=proposing_plan, order=1)
    response = client.post(
        action_url("assignment_proposal_accept", proposing_plan), {"group": group.pk}
    )
    assert response["Location"] == f"{page_url(proposing_plan)}#group-{group.pk}"
    so, district = province["so"].name, province["district"].name
    assert proposed_assignments(proposing_plan) == {
        ("Nhiệm vụ 1.1", so, LEAD),
        ("Nhiệm vụ 1.2", so, LEAD),
        ("Nhiệm vụ 1.1", district, IMPLEMENT),
        ("Nhiệm vụ 1.2", district, IMPLEMENT),
    }
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhận đề xuất: 4 lượt phân công." in page
    history = client.get(reverse("directives:directive_history", args=[proposing_plan.pk]))
    latest = history.context["history"][0]
    assert (latest.who, latest.action) == ("Lan Nguyễn Thị", "Thay đổi phân công nhiệm vụ")


def test_staff_accept_the_proposal_for_a_section_then_the_whole_plan(
    client, staff_user, proposing_plan, province
):
    client.force_login(staff_user)
    url = action_url("assignment_proposal_accept", proposing_plan)
    section = proposing_plan.sections.get(number="III")
    response = client.post(url, {"section": section.pk})
    assert response["Location"] == f"{page_url(proposing_plan)}#section-{section.pk}"
    led = {text for text, _agency, role in proposed_assignments(proposing_plan) if role == LEAD}
    assert led == {"Nhiệm vụ 1.1", "Nhiệm vụ 1.2", "Nhiệm vụ 2.1"}
    response = client.post(url, {"whole": "1"})
    assert response["Location"] == f"{page_url(proposing_plan)}#proposals"
    page = client.get(page_url(proposing_plan)).content.decode()
    assert "Chưa giao chủ trì: 0 nhiệm vụ" in page
    assert "Mọi nhiệm vụ đều đã có cơ quan chủ trì." in page


def test_leadership_read_the_proposal_without_its_buttons(
    client, leadership_user, proposing_plan, province
):
    client.force_login(leadership_user)
    page = client.get(page_url(proposing_plan)).content.decode()
    assert "Đề xuất từ phần tổ chức thực hiện" in page
    assert "Sở Giáo dục và Đào tạo tỉnh Hòa Bình Xanh" in page
    assert "Nhận đề xuất cho toàn bộ kế hoạch" not in page
    url = action_url("assignment_proposal_accept", proposing_plan)
    assert client.post(url, {"whole": "1"}).status_code == 403
    assert assigned(proposing_plan) == {}


def test_a_plan_that_proposes_nobody_says_so_and_refuses_to_accept(client, staff_user, plan):
    client.force_login(staff_user)
    page = client.get(page_url(plan)).content.decode()
    assert "Phần tổ chức thực hiện không nêu cơ quan chủ trì" in page
    response = client.post(action_url("assignment_proposal_accept", plan), {"whole": "1"})
    assert response.status_code == 200
    assert assigned(plan) == {}


def build_large_plan(name, agency_count=40, task_count=47):
    """A plan of ``task_count`` tasks in 11 groups of two sections, each task given to
    every one of ``agency_count`` agencies, the three roles in turn; built in bulk."""
    root = AgencyFactory(name=f"Ủy ban nhân dân tỉnh {name}", kind=Agency.Kind.PROVINCE)
    units = Agency.objects.bulk_create(
        Agency(code=f"{root.code}-{n}", name=f"Đơn vị {name} {n}", parent=root)
        for n in range(agency_count)
    )
    directive = DirectiveFactory(issuer=root, issued_on=datetime.date(2024, 9, 17))
    sections = [SectionFactory(directive=directive, order=n) for n in (1, 2)]
    groups = TaskGroup.objects.bulk_create(
        TaskGroup(directive=directive, section=sections[n % 2], order=n + 1, title=f"Nhóm {n}")
        for n in range(11)
    )
    tasks = Task.objects.bulk_create(
        Task(group=groups[n % 11], order=n + 1, text=f"Nhiệm vụ đo đếm {n}")
        for n in range(task_count)
    )
    roles = Assignment.Role.values
    Assignment.objects.bulk_create(
        Assignment(task=task, agency=unit, role=roles[(t + u) % 3])
        for t, task in enumerate(tasks)
        for u, unit in enumerate(units)
    )
    return directive


QUERY_BOUND = 18  # the outline, the agencies, the session; the proposal reads the rest


def test_the_page_costs_the_same_few_queries_whatever_the_size(
    client, staff_user, django_assert_max_num_queries
):
    """47 tasks × 40 agencies × 3 roles cost no more queries than one task of one agency."""
    client.force_login(staff_user)
    small = build_large_plan("Nhỏ", agency_count=1, task_count=1)
    large = build_large_plan("Lớn")
    with django_assert_max_num_queries(QUERY_BOUND) as small_queries:
        assert client.get(page_url(small)).status_code == 200
    with django_assert_max_num_queries(QUERY_BOUND) as large_queries:
        response = client.get(page_url(large))
    assert response.status_code == 200
    assert len(large_queries) == len(small_queries)
    assert response.content.decode().count('class="assignment-row') == 47 * 40


def test_an_undated_plan_takes_agencies_open_in_its_school_year(client, staff_user):
    """A plan awaiting its number and date (Số: /KH-PGDĐT) is assigned to the agencies of
    its school year, not refused because they closed since."""
    from directives.models import Directive

    district_plan = Directive.objects.get(symbol="KH-PGDĐT")
    office = Agency.objects.get(code="lc-phongtho-pgd")
    assert district_plan.issued_on is None and office.valid_until is not None
    task = Task.objects.filter(group__directive=district_plan).first()
    client.force_login(staff_user)
    page = client.get(reverse("directives:directive_assignments", args=[district_plan.pk]))
    assert office.name in page.content.decode()
    client.post(
        reverse("directives:assignment_assign", args=[district_plan.pk]),
        {"tasks": [task.pk], "agencies": [office.pk], "role": "lead"},
    )
    assert Assignment.objects.filter(task=task, agency=office, role="lead").exists()
