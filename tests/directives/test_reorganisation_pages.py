"""The Sắp xếp đơn vị pages: record from a workbook or a form, preview, apply, read."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils.html import escape

from accounts import roles
from directives.models import Agency, Reorganisation, ReorganisationLine
from jobs.models import Job
from tests.factories import AgencyFactory, UserFactory
from tests.jobs.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã",
    "Tên",
    "Tên viết tắt",
    "Loại",
    "Mã cơ quan cấp trên",
    "Tiếp nhận từ",
    "Căn cứ nêu rõ",
    "Nhận người dùng",
    "Ghi chú",
]


def workbook(rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "don-vi-moi.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def districts(db):
    root = AgencyFactory(code="tt-ubnd", kind="province", name="Ủy ban nhân dân tỉnh Thử Nghiệm")
    a = AgencyFactory(code="tt-a-ubnd", kind="district", parent=root, name="UBND huyện A")
    b = AgencyFactory(code="tt-b-ubnd", kind="district", parent=root, name="UBND huyện B")
    AgencyFactory(code="tt-a-pgd", parent=a, name="Phòng GD&ĐT huyện A")
    return root, a, b


def _job_of(response) -> Job:
    """The job a button started: its POST goes to the job's progress page."""
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "job_detail", response["Location"]
    return Job.objects.get(pk=match.kwargs["pk"])


def form_data(**extra):
    return {"effective_on": "01/01/2031", "basis": "Nghị quyết 99/NQ-UBTVQH15", **extra}


def test_staff_import_a_workbook_preview_it_and_apply_it(client, staff_user, districts):
    """District A splits into two communes, B merges into a third; the preview changes
    nothing; applying closes the districts and their office and opens the communes."""
    root, a, b = districts
    user = UserFactory(username="huyen-a", agency=a)
    client.force_login(staff_user)
    upload = workbook(
        [
            [
                "tt-xa-1",
                "Ủy ban nhân dân xã Một",
                "UBND xã Một",
                "commune",
                "tt-ubnd",
                "tt-a-ubnd",
                "x",
                "x",
                "Đề án",
            ],
            [
                "tt-xa-2",
                "Ủy ban nhân dân xã Hai",
                "UBND xã Hai",
                "commune",
                "tt-ubnd",
                "tt-a-ubnd",
                "x",
                "",
                "Đề án",
            ],
            [
                "tt-xa-3",
                "Ủy ban nhân dân xã Ba",
                "UBND xã Ba",
                "commune",
                "tt-ubnd",
                "tt-b-ubnd",
                "x",
                "",
                "",
            ],
        ]
    )
    response = client.post(reverse("directives:reorganisation_create"), form_data(workbook=upload))
    reorganisation = Reorganisation.objects.get(basis="Nghị quyết 99/NQ-UBTVQH15")
    assert response["Location"] == reverse(
        "directives:reorganisation_preview", args=[reorganisation.pk]
    )
    kinds = list(reorganisation.lines.order_by("order").values_list("kind", flat=True))
    assert kinds == [ReorganisationLine.Kind.SPLIT, ReorganisationLine.Kind.MERGER]
    assert not Agency.objects.filter(code__startswith="tt-xa-").exists()

    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "Ủy ban nhân dân xã Một" in page and "Phòng GD&amp;ĐT huyện A" in page
    assert "31/12/2030" in page and "huyen-a" in page
    assert not Agency.objects.filter(code__startswith="tt-xa-").exists()
    assert Agency.objects.get(pk=a.pk).valid_until is None

    apply_url = reverse("directives:reorganisation_apply", args=[reorganisation.pk])
    job = _job_of(client.post(apply_url))
    assert job.status == Job.Status.QUEUED and "01/01/2031" in job.title
    assert not Agency.objects.filter(code__startswith="tt-xa-").exists()  # not yet
    # A second click while the job waits shows the same job and starts no other.
    assert _job_of(client.post(apply_url)) == job and Job.objects.count() == 1

    run_queued_tasks()

    job.refresh_from_db()
    detail_url = reverse("directives:reorganisation_detail", args=[reorganisation.pk])
    assert job.status == Job.Status.DONE and job.result_url == f"{detail_url}?job={job.pk}"
    assert Agency.objects.get(code="tt-xa-1").valid_from == datetime.date(2031, 1, 1)
    assert Agency.objects.get(code="tt-a-pgd").valid_until == datetime.date(2030, 12, 31)
    user.refresh_from_db()
    assert user.agency.code == "tt-xa-1"
    detail = client.get(job.result_url, follow=True)
    assert detail.redirect_chain == [(detail_url, 302)]
    html = detail.content.decode()
    assert staff_user.username in html and "Ủy ban nhân dân xã Ba" in html
    # The view's message, shown there.
    assert "Đã áp dụng việc sắp xếp: 3 đơn vị ngừng hoạt động" in html

    again = client.post(apply_url, follow=True)
    assert again.redirect_chain == [(detail_url, 302)]
    assert "đã được áp dụng" in again.content.decode()
    assert Job.objects.count() == 1  # refused at once
    assert Agency.objects.filter(code__startswith="tt-xa-").count() == 3


def _merger_recorded(client, staff_user, districts) -> Reorganisation:
    """District A merged into district B, recorded by staff (signed in) with the pickers."""
    _root, a, b = districts
    client.force_login(staff_user)
    client.post(
        reverse("directives:reorganisation_create"),
        form_data(kind="merger", predecessors=[a.pk], successors=[b.pk]),
    )
    return Reorganisation.objects.get(basis="Nghị quyết 99/NQ-UBTVQH15")


def test_an_apply_the_worker_cannot_hold_fails_with_its_message(client, staff_user, districts):
    """Between the click and the worker, district A was closed another way: the job fails
    with the domain's Vietnamese refusal and nothing of the reorganisation is applied."""
    _root, a, _b = districts
    reorganisation = _merger_recorded(client, staff_user, districts)
    job = _job_of(client.post(reverse("directives:reorganisation_apply", args=[reorganisation.pk])))
    Agency.objects.filter(pk=a.pk).update(valid_until=datetime.date(2030, 6, 30))
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message == (
        "Nội dung 1: UBND huyện A không hoạt động vào ngày 31/12/2030, ngày cuối cùng "
        "trước khi sắp xếp."
    )
    assert Agency.objects.get(pk=a.pk).valid_until == datetime.date(2030, 6, 30)
    reorganisation.refresh_from_db()
    assert reorganisation.applied_at is None
    page = client.get(job.get_absolute_url()).content.decode()
    assert escape(job.error_message) in page and "Không thành công" in page


def test_another_member_of_staff_is_told_who_is_applying_it(client, staff_user, districts):
    reorganisation = _merger_recorded(client, staff_user, districts)
    url = reverse("directives:reorganisation_apply", args=[reorganisation.pk])
    _job_of(client.post(url))
    client.force_login(UserFactory(username="chuyenvien2", role=roles.DEPARTMENT_STAFF))
    response = client.post(url, follow=True)
    assert "đang áp dụng phương án sắp xếp này" in response.content.decode()
    assert Job.objects.count() == 1


def test_the_preview_shows_the_apply_under_way_instead_of_the_button(client, staff_user, districts):
    """Back on the preview while the job waits: its author finds the link to its
    progress, a colleague who is applying it; neither finds the button again."""
    reorganisation = _merger_recorded(client, staff_user, districts)
    preview = reverse("directives:reorganisation_preview", args=[reorganisation.pk])
    apply_url = reverse("directives:reorganisation_apply", args=[reorganisation.pk])
    assert f'action="{apply_url}"' in client.get(preview).content.decode()
    job = _job_of(client.post(apply_url))
    html = client.get(preview).content.decode()
    assert "Bạn đã yêu cầu áp dụng phương án sắp xếp này: hệ thống đang áp dụng." in html
    assert f'href="{job.get_absolute_url()}">Xem tiến độ</a>' in html
    assert f'action="{apply_url}"' not in html
    client.force_login(UserFactory(username="chuyenvien2", role=roles.DEPARTMENT_STAFF))
    html = client.get(preview).content.decode()
    assert "đang áp dụng phương án sắp xếp này." in html
    assert job.get_absolute_url() not in html and f'action="{apply_url}"' not in html
    run_queued_tasks()
    detail = reverse("directives:reorganisation_detail", args=[reorganisation.pk])
    assert client.get(preview)["Location"] == detail  # applied: the preview is gone


def test_a_workbook_with_errors_records_nothing_and_says_why_in_vietnamese(
    client, staff_user, districts
):
    client.force_login(staff_user)
    upload = workbook(
        [
            [
                "tt-xa-1",
                "Ủy ban nhân dân xã Một",
                "",
                "commune",
                "tt-ubnd",
                "tt-khong-co",
                "x",
                "",
                "",
            ],
            [
                "tt-xa-2",
                "Ủy ban nhân dân xã Hai",
                "",
                "lang",
                "tt-ubnd",
                "tt-a-ubnd",
                "có lẽ",
                "",
                "",
            ],
            ["tt-xa-3", "Ủy ban nhân dân xã Ba", "", "commune", "tt-ubnd", "", "", "", ""],
        ]
    )
    response = client.post(reverse("directives:reorganisation_create"), form_data(workbook=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dòng 2" in page and "tt-khong-co" in page
    assert "Dòng 3" in page and "không phải một loại cơ quan" in page
    assert "Dòng 4" in page
    assert not Reorganisation.objects.filter(basis="Nghị quyết 99/NQ-UBTVQH15").exists()
    assert not Agency.objects.filter(code__startswith="tt-xa-").exists()


def test_a_workbook_without_the_columns_is_refused(client, staff_user, districts):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("x.csv", "Mã,Tên\ntt-xa-1,Xã Một\n".encode())
    response = client.post(reverse("directives:reorganisation_create"), form_data(workbook=upload))
    assert "Tiếp nhận từ" in response.content.decode()
    assert not Reorganisation.objects.filter(basis="Nghị quyết 99/NQ-UBTVQH15").exists()


def test_staff_record_one_merger_of_existing_agencies_with_the_pickers(
    client, staff_user, districts
):
    root, a, b = districts
    client.force_login(staff_user)
    response = client.post(
        reverse("directives:reorganisation_create"),
        form_data(kind="merger", predecessors=[a.pk], successors=[b.pk]),
    )
    reorganisation = Reorganisation.objects.get(basis="Nghị quyết 99/NQ-UBTVQH15")
    assert response.status_code == 302
    line = reorganisation.lines.get()
    assert list(line.predecessors.all()) == [a] and list(line.successors.all()) == [b]
    refused = client.post(
        reverse("directives:reorganisation_create"),
        form_data(kind="merger", predecessors=[a.pk], successors=[b.pk, root.pk], basis="Khác"),
    )
    assert refused.status_code == 200
    assert not Reorganisation.objects.filter(basis="Khác").exists()


def test_the_list_and_detail_pages_cost_a_bounded_number_of_queries(
    client, leadership_user, django_assert_max_num_queries
):
    """Leadership reads the seed's reorganisations, 38 communes and all, in a few queries."""
    client.force_login(leadership_user)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("directives:reorganisation_list"))
    assert "1670/NQ-UBTVQH15" in listing.content.decode()
    lai_chau = Reorganisation.objects.get(basis__contains="1670/NQ-UBTVQH15")
    with django_assert_max_num_queries(14):
        detail = client.get(reverse("directives:reorganisation_detail", args=[lai_chau.pk]))
    page = detail.content.decode()
    assert "Ủy ban nhân dân xã Bình Lư" in page and "Ủy ban nhân dân huyện Sìn Hồ" in page
    assert reverse("directives:reorganisation_preview", args=[lai_chau.pk]) not in page
