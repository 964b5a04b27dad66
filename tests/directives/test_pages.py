"""The directive list and detail pages, as a signed-in user sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.models import Assignment, Directive, SchoolYear, Task
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    DirectiveFactory,
    IndicatorFactory,
    SectionFactory,
    TaskFactory,
    TaskGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_the_login_page(client, plan_3707):
    for url in [reverse("directives:directive_list"), plan_3707.get_absolute_url(), "/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("login"))
        assert "Đăng nhập" in response.content.decode()


def test_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert 'lang="vi"' in page


def test_wrong_password_gets_a_vietnamese_message(client, staff_user):
    response = client.post(reverse("login"), {"username": staff_user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Vui lòng nhập đúng tên đăng nhập và mật khẩu" in response.content.decode()


def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_list_shows_every_directive_in_vietnamese(client, any_user):
    client.force_login(any_user)
    page = client.get(reverse("directives:directive_list")).content.decode()
    assert "Văn bản chỉ đạo" in page
    assert "3707/KH-UBND" in page
    assert "10/CT-UBND" in page
    assert "/KH-PGDĐT" in page
    assert "TRIỂN KHAI NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM HỌC 2024 - 2025" in page
    assert "17/09/2024" in page
    assert "4 văn bản" in page


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"doc_type": "CT"}, ["10/CT-UBND"], ["3707/KH-UBND"]),
        ({"query": "3707"}, ["3707/KH-UBND"], ["10/CT-UBND"]),
        ({"query": "khuyến học, khuyến tài"}, ["/KH-PGDĐT"], ["3707/KH-UBND", "10/CT-UBND"]),
        ({"query": "Bắc Giang"}, ["Những nhiệm vụ và giải pháp chủ yếu"], ["3707/KH-UBND"]),
        # Typed without diacritics, in capitals, with đ as d: the same directives.
        ({"query": "chuyen doi so"}, ["3707/KH-UBND", "10/CT-UBND"], ["/KH-PGDĐT"]),
        ({"query": "CHUYỂN ĐỔI SỐ"}, ["3707/KH-UBND", "10/CT-UBND"], ["/KH-PGDĐT"]),
        ({"query": "Chuyen Đoi So"}, ["3707/KH-UBND", "10/CT-UBND"], ["/KH-PGDĐT"]),
        ({"query": "bac giang"}, ["Những nhiệm vụ và giải pháp chủ yếu"], ["3707/KH-UBND"]),
        ({"query": "khuyen hoc, khuyen tai"}, ["/KH-PGDĐT"], ["3707/KH-UBND"]),
    ],
)
def test_list_filters_and_search(client, staff_user, params, expected, absent):
    client.force_login(staff_user)
    page = client.get(reverse("directives:directive_list"), params).content.decode()
    for text in expected:
        assert text in page
    for text in absent:
        assert text not in page


def test_list_filters_by_school_year_and_issuer(client, staff_user):
    client.force_login(staff_user)
    year = SchoolYear.objects.get(start_year=2020)
    plan = Directive.objects.get(number="3707")
    page = client.get(
        reverse("directives:directive_list"), {"school_year": year.pk}
    ).content.decode()
    assert "10/CT-UBND" in page and "3707/KH-UBND" not in page
    page = client.get(
        reverse("directives:directive_list"), {"issuer": plan.issuer_id}
    ).content.decode()
    assert "3707/KH-UBND" in page and "10/CT-UBND" in page and "/KH-PGDĐT" not in page


def test_a_bad_filter_value_shows_an_error_not_a_crash(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("directives:directive_list"), {"school_year": "abc"})
    assert response.status_code == 200
    assert "3707/KH-UBND" in response.content.decode()


def test_detail_shows_header_tasks_assignments_and_appendix(client, any_user, plan_3707):
    client.force_login(any_user)
    page = client.get(plan_3707.get_absolute_url()).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "Độc lập - Tự do - Hạnh phúc" in page
    assert "Số 3707/KH-UBND" in page
    assert "17/09/2024" in page
    assert "Tống Thanh Hải" in page
    assert "Đổi mới sáng tạo, nâng cao chất lượng, đoàn kết kỷ cương" in page
    assert "Chỉ thị số 31/CT-TTg ngày 04/9/2024" in page
    assert "Tiếp tục nâng cao hiệu lực, hiệu quả công tác quản lý nhà nước" in page
    assert "Chủ trì" in page and "Phối hợp" in page
    assert "Sở Tài chính" in page
    # The appendix, in the document's two-level header and Vietnamese numbers.
    assert "Năm học 2023-2024" in page and "Năm học 2024-2025" in page
    assert "Chỉ tiêu đạt được" in page and "Chỉ tiêu phấn đấu" in page
    assert "99,85" in page and "99.85" not in page
    assert "32,7" in page
    assert "Sinh viên/vạn dân" in page


def test_detail_of_an_unnumbered_undated_plan(client, staff_user):
    client.force_login(staff_user)
    plan = Directive.objects.get(symbol="KH-PGDĐT")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Số /KH-PGDĐT" in page
    assert "chưa ghi ngày" in page
    assert "hoàn thành trong quý III năm 2020" in page
    assert "30/09/2020" in page
    assert "hằng năm" in page


def test_detail_of_a_missing_directive_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("directives:directive_detail", args=[999999])).status_code == 404


def test_pages_switch_to_english(client, staff_user, plan_3707):
    client.force_login(staff_user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(plan_3707.get_absolute_url()).content.decode()
    assert "SOCIALIST REPUBLIC OF VIET NAM" in page
    assert "99.85" in page


def build_directive(size: int) -> Directive:
    directive = DirectiveFactory()
    section = SectionFactory(directive=directive)
    for _ in range(size):
        group = TaskGroupFactory(directive=directive, section=section)
        for _ in range(size):
            task = TaskFactory(group=group)
            AssignmentFactory(task=task)
            AssignmentFactory(task=task, role="coordinate")
        IndicatorFactory(directive=directive)
    return directive


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_detail_page_query_count_does_not_grow_with_the_document(client, staff_user):
    client.force_login(staff_user)
    small = count_queries(client, build_directive(2).get_absolute_url())
    large = count_queries(client, build_directive(8).get_absolute_url())
    assert small == large
    assert large <= 15


def test_list_page_query_count_does_not_grow_with_the_number_of_directives(client, staff_user):
    client.force_login(staff_user)
    url = reverse("directives:directive_list")
    before = count_queries(client, url)
    for _ in range(20):
        build_directive(1)
    assert count_queries(client, url) == before


def test_an_english_browser_still_gets_vietnamese(client, staff_user):
    client.force_login(staff_user)
    page = client.get(
        reverse("directives:directive_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).content.decode()
    assert "Văn bản chỉ đạo" in page


def test_the_directive_page_lists_every_implementer_in_the_same_queries(
    client, staff_user, plan_3707
):
    """Forty communes implementing every task add names, not queries."""
    client.force_login(staff_user)
    url = plan_3707.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    communes = [
        AgencyFactory(name=f"Ủy ban nhân dân xã Thử {n}", short_name=f"Xã Thử {n}")
        for n in range(40)
    ]
    tasks = list(Task.objects.filter(group__directive=plan_3707))
    Assignment.objects.bulk_create(
        Assignment(task=task, agency=commune, role=Assignment.Role.IMPLEMENT)
        for task in tasks
        for commune in communes
    )
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(after) == len(before)
    assert page.count("Xã Thử 39</li>") == len(tasks)
    assert page.count('<li class="assignment assignment--implement">') >= 40 * len(tasks)
