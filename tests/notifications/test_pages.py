"""The bell in the header, the notices page and the e-mail choices: each user sees and
marks only their own notices; the pages work without JavaScript (plain links and forms)."""

import pytest
from django.urls import reverse

from notifications.models import Kind, MailPreference, Notice

pytestmark = pytest.mark.django_db


def notice(user, n, **extra):
    return Notice.objects.create(
        recipient=user,
        kind=Kind.REPORT_OVERDUE,
        subject_key=f"report:{n}",
        occurrence="2025-01-25/0",
        title=f"Báo cáo quá hạn số {n}",
        text="Đề nghị đơn vị khẩn trương gửi báo cáo.",
        url=reverse("reports:period_list"),
        **extra,
    )


def bell(page: str) -> str:
    start = page.index('class="site-nav__bell"')
    return page[start : page.index("</a>", start)]


def test_the_bell_counts_unread_notices_and_marking_read_lowers_it(client, people):
    first, second, _third = (notice(people.unit, n) for n in (1, 2, 3))
    notice(people.other_unit, 4)
    client.force_login(people.unit)
    page = client.get(reverse("reports:period_list")).content.decode()
    assert '<span class="site-nav__badge">3<span class="visually-hidden"> chưa đọc' in bell(page)
    assert f'href="{reverse("notifications:notice_list")}"' in bell(page)

    response = client.post(reverse("notifications:notice_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    page = client.get(reverse("notifications:notice_list")).content.decode()
    assert '<span class="site-nav__badge">2<' in bell(page)
    assert "Báo cáo quá hạn số 1" in page and "Báo cáo quá hạn số 4" not in page

    client.post(reverse("notifications:notice_read_all"))
    page = client.get(reverse("notifications:notice_list")).content.decode()
    assert "site-nav__badge" not in bell(page)
    assert Notice.objects.filter(recipient=people.unit, read_at__isnull=True).count() == 0
    assert Notice.objects.filter(recipient=people.other_unit, read_at__isnull=True).count() == 1
    second.refresh_from_db()
    assert second.read_at is not None


def test_nobody_marks_or_reads_another_users_notice(client, people):
    theirs = notice(people.other_unit, 1)
    client.force_login(people.unit)
    assert client.post(reverse("notifications:notice_read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notifications:notice_read", args=[theirs.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        "Báo cáo quá hạn số 1"
        not in client.get(reverse("notifications:notice_list")).content.decode()
    )


def test_a_user_turns_email_off_for_a_kind_and_on_again(client, people):
    client.force_login(people.unit)
    url = reverse("notifications:preferences")
    page = client.get(url).content.decode()
    assert "Báo cáo quá hạn" in page and "checked" in page
    wanted = {kind: "on" for kind in Kind.values if kind != Kind.REPORT_OVERDUE}
    assert client.post(url, wanted).status_code == 302
    assert MailPreference.objects.get(user=people.unit, kind=Kind.REPORT_OVERDUE).by_email is False
    assert MailPreference.objects.get(user=people.unit, kind=Kind.PERIOD_OPENED).by_email is True
    client.post(url, {kind: "on" for kind in Kind.values})
    assert MailPreference.objects.get(user=people.unit, kind=Kind.REPORT_OVERDUE).by_email is True
    assert not MailPreference.objects.filter(user=people.other_unit).exists()


def test_the_notices_pages_carry_no_inline_script_or_style(client, people):
    notice(people.unit, 1)
    client.force_login(people.unit)
    for name in ("notifications:notice_list", "notifications:preferences"):
        page = client.get(reverse(name)).content.decode()
        assert "<script>" not in page and "style=" not in page and "onclick" not in page
