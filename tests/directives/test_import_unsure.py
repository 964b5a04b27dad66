"""The review page shows first what the reader is unsure of, on the field that holds it, and
staff correct a task's due date there before anything is created."""

import pytest
from django.urls import reverse

from directives.forms import unsure_field_name
from directives.models import Directive, Task
from jobs.models import Job
from tests.directives.importing import read_in_background
from tests.directives.test_directive_import import review_data

pytestmark = pytest.mark.django_db

# A plan of a Phòng: the deadline of its first task gives no year (the reader takes the plan's
# and says so), the second states its date in full.
PLAN = """ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số: 41/KH-PGDĐT
Sìn Hồ, ngày 12 tháng 9 năm 2024
KẾ HOẠCH
Thực hiện nhiệm vụ năm học 2024 - 2025
I. NHIỆM VỤ, GIẢI PHÁP
1. Công tác phổ cập giáo dục
- Các trường rà soát số liệu phổ cập, báo cáo trước ngày 20/10.
- Tổ chức kiểm tra công nhận đạt chuẩn phổ cập, hoàn thành trước ngày 15/12/2024.
"""


def read(client, text):
    return client.post(reverse("directives:directive_import"), {"text": text})


def test_a_guessed_due_date_is_listed_first_and_marked_on_its_field(client, staff_user):
    client.force_login(staff_user)
    response = read(client, PLAN)
    assert response.status_code == 200
    form = response.context["form"]
    field = "group-0-task-0-due_on"
    assert getattr(form.fields[field], "unsure", None)  # the year came from the plan, not the task
    assert not getattr(form.fields["group-0-task-1-due_on"], "unsure", None)  # stated in full
    page = response.content.decode()
    assert "Cần kiểm tra trước" in page
    assert f'href="#id_{field}"' in page
    assert "Nhóm 1, nhiệm vụ 1: Ngày hết hạn" in page
    assert "suy ra từ chỗ khác trong văn bản" in page


def test_staff_correct_a_due_date_on_the_review_page(client, staff_user):
    client.force_login(staff_user)
    form = read(client, PLAN).context["form"]
    data = review_data(form)
    assert data["group-0-task-0-due_on"] is not None
    data["group-0-task-0-due_on"] = "20/10/2024"
    data["group-0-task-1-due_on"] = "16/12/2024"
    response = client.post(reverse("directives:directive_import"), data)
    assert response.status_code == 302, response.context["form"].errors
    plan = Directive.objects.get(number="41", symbol="KH-PGDĐT")
    due = dict(Task.objects.filter(group__directive=plan).values_list("order", "due_on"))
    assert [d.isoformat() for _, d in sorted(due.items())] == ["2024-10-20", "2024-12-16"]


def test_a_plain_plan_shows_no_list_of_doubts(client, staff_user):
    client.force_login(staff_user)
    text = PLAN.replace("trước ngày 20/10.", "trước ngày 20/10/2024.").replace(
        "Các trường rà soát", "Các trường chủ trì rà soát"
    )
    response = read(client, text)
    assert response.context["form"].unsure == []
    assert "Cần kiểm tra trước" not in response.content.decode()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("issuer", "issuer"),
        ("signer.capacity", "signer_capacity"),
        ("task_groups[2]", "group-2-title"),
        ("task_groups[2].title", "group-2-title"),
        ("task_groups[2].tasks[0]", "group-2-task-0-text"),
        ("task_groups[2].tasks[0].due_on", "group-2-task-0-due_on"),
        ("task_groups[2].tasks[0].deadline", "group-2-task-0-deadline"),
        ("task_groups[2].tasks[0].agencies[1].role", "group-2-task-0-agency-1"),
        ("indicators[4].target", "indicator-4-target"),
        ("indicators[4].target_year", "indicator-4-name"),
        ("implements[0]", None),
    ],
)
def test_each_mark_is_shown_on_the_field_that_holds_its_value(path, name):
    assert unsure_field_name(path) == name


def test_a_scanned_page_uploaded_says_it_was_read_by_ocr(client, staff_user):
    """A scan's confident misreadings are not marked: the page says to compare it all."""
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    scan = Path(__file__).parent / "corpus" / "pdf" / "donghai-ubnd-phuong-scan.png"
    client.force_login(staff_user)
    upload = SimpleUploadedFile(scan.name, scan.read_bytes(), content_type="image/png")
    job, response = read_in_background(client, upload)
    assert job.status == Job.Status.DONE and response.status_code == 200
    page = response.content.decode()
    assert "được đọc từ bản quét" in page
    assert "được đọc từ bản quét" not in read(client, PLAN).content.decode()
