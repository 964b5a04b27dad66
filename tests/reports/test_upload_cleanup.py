"""A filled-in workbook stored for its preview leaves no file behind: applying or
cancelling the preview removes it, and abandoned ones are cleaned up by the next upload
and by ``manage.py clean_uploads``, in a real media folder."""

import datetime
import os
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.fill_in.pending import FOLDER, PREVIEW_MAX_AGE
from tests.reports.test_fill_in import filled, upload

pytestmark = pytest.mark.django_db


def stored(media_root) -> set[str]:
    folder = media_root / FOLDER
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def preview(client, report) -> str:
    """Upload the report's filled template; the token of its preview."""
    response = client.post(
        reverse("reports:report_upload", args=[report.pk]), {"file": upload(filled(report))}
    )
    assert response.status_code == 200
    assert not response.context["preview"].problems
    return response.context["token"]


def abandoned(media_root, name: str, age: datetime.timedelta) -> None:
    """A workbook left in the folder ``age`` ago by a preview nobody confirmed."""
    path = media_root / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK\x03\x04 left behind")
    then = time.time() - age.total_seconds()
    os.utime(path, (then, then))


@pytest.fixture
def unit_client(client, unit_user):
    client.force_login(unit_user)
    return client


def test_applying_a_preview_removes_its_file(unit_client, phongtho_report, media_root):
    token = preview(unit_client, phongtho_report)
    assert len(stored(media_root)) == 1
    unit_client.post(
        reverse("reports:report_upload_apply", args=[phongtho_report.pk]), {"token": token}
    )
    assert phongtho_report.values.exists()
    assert stored(media_root) == set()


def test_cancelling_a_preview_removes_its_file_and_saves_nothing(
    unit_client, phongtho_report, media_root
):
    token = preview(unit_client, phongtho_report)
    page = unit_client.get(reverse("reports:report_edit", args=[phongtho_report.pk]))
    assert page.status_code == 200
    response = unit_client.post(
        reverse("reports:report_upload_cancel", args=[phongtho_report.pk]),
        {"token": token},
        follow=True,
    )
    assert "Đã hủy lượt tải lên" in response.content.decode()
    assert stored(media_root) == set()
    assert not phongtho_report.values.exists()
    # The token is gone with its file.
    response = unit_client.post(
        reverse("reports:report_upload_apply", args=[phongtho_report.pk]),
        {"token": token},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()
    assert not phongtho_report.values.exists()


def test_the_preview_page_cancels_by_post(unit_client, phongtho_report):
    response = unit_client.post(
        reverse("reports:report_upload", args=[phongtho_report.pk]),
        {"file": upload(filled(phongtho_report))},
    )
    cancel = reverse("reports:report_upload_cancel", args=[phongtho_report.pk])
    assert f'formaction="{cancel}"' in response.content.decode()


def test_a_new_upload_removes_abandoned_previews(unit_client, phongtho_report, media_root):
    old = PREVIEW_MAX_AGE + datetime.timedelta(minutes=5)
    abandoned(media_root, "left-yesterday.xlsx", old)
    abandoned(media_root, "someone-reading-now.xlsx", datetime.timedelta(minutes=10))
    preview(unit_client, phongtho_report)
    left = stored(media_root)
    assert "left-yesterday.xlsx" not in left
    assert "someone-reading-now.xlsx" in left
    assert len(left) == 2


def test_uploading_again_replaces_the_preview_waiting_for_the_same_report(
    unit_client, phongtho_report, media_root
):
    first = preview(unit_client, phongtho_report)
    preview(unit_client, phongtho_report)
    assert len(stored(media_root)) == 1
    response = unit_client.post(
        reverse("reports:report_upload_apply", args=[phongtho_report.pk]),
        {"token": first},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()


def test_a_preview_older_than_its_maximum_age_is_refused_and_removed(
    unit_client, phongtho_report, media_root, travel
):
    token = preview(unit_client, phongtho_report)
    travel(hours=3)
    response = unit_client.post(
        reverse("reports:report_upload_apply", args=[phongtho_report.pk]),
        {"token": token},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()
    assert not phongtho_report.values.exists()
    assert stored(media_root) == set()


def test_a_token_applies_only_to_the_report_it_was_read_for(
    client, admin_user, phongtho_report, tamduong_report, media_root
):
    """An administrator may edit both reports; Phong Thổ's preview posted to Tam Đường's
    report applies nothing to either and its file is removed."""
    client.force_login(admin_user)
    token = preview(client, phongtho_report)
    response = client.post(
        reverse("reports:report_upload_apply", args=[tamduong_report.pk]),
        {"token": token},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()
    assert not phongtho_report.values.exists() and not tamduong_report.values.exists()
    assert stored(media_root) == set()


def test_clean_uploads_removes_only_abandoned_previews(media_root, capsys):
    abandoned(media_root, "abandoned.xlsx", PREVIEW_MAX_AGE + datetime.timedelta(hours=1))
    abandoned(media_root, "being-read.xlsx", datetime.timedelta(minutes=1))
    call_command("clean_uploads")
    assert stored(media_root) == {"being-read.xlsx"}
    assert "Removed 1 abandoned upload" in capsys.readouterr().out


def test_clean_uploads_with_no_upload_folder_yet(media_root, capsys):
    call_command("clean_uploads")
    assert "Removed 0 abandoned upload" in capsys.readouterr().out
