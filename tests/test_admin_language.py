"""Every admin page, walked as the administrator, says nothing in English.

Django's Vietnamese catalogue lacks part of the admin, django-import-export, django-axes,
django-otp and django-simple-history ship none, and some names are not translatable at
all (edu_plans/translations.py, accounts/vietnamese_names.py). The phrases below are the
English each of those put on a page before they were translated.
"""

import html
import json
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from tests.test_admin import agency_workbook

pytestmark = pytest.mark.django_db

# Found anywhere in a page's text.
ENGLISH_PHRASES = [
    # accounts/admin.py and Django's user pages
    "Get full name",
    "Full name",
    "password-based authentication",
    "Password-based authentication",
    "Single Sign-On",
    "If disabled, the current password",
    "After you’ve created a user",
    "Raw passwords are not stored",
    "Reset password",
    "Set password",
    "Can add ",
    "Can change ",
    "Can delete ",
    "Can view ",
    "relationship",
    "object (",
    # Django's admin pages
    "Skip to main content",
    "Toggle navigation",
    "Toggle theme",
    "Filter navigation items",
    "Select all objects on this page",
    "Select this object for an action",
    "Model name",
    "Add link",
    "Change or view list link",
    # django-axes
    "Axes",
    "ccess attempt",
    "ccess log",
    "ccess failure",
    "Attempt Time",
    "IP Address",
    "User Agent",
    "Form Data",
    "Meta Data",
    "Failed Logins",
    "Locked Out",
    "Attempt Remaining",
    "Attempted Access",
    "Failed access",
    "Clean up expired attempts",
    # django-otp
    "Otp_Totp",
    "Otp_Static",
    "TOTP device",
    "tatic device",
    "tatic token",
    "Is this device ready",
    "this device belongs to",
    "hex-encoded",
    "Search by user",
    "The number of",
    "The time step",
    # django-import-export
    "This exporter will export",
    "This importer will import",
    "File to import",
    "Order (TT)",
    "Indicator (TT)",
    "Below is a preview",
    "Confirm import",
    "Line number",
    "Some rows failed to validate",
    "Please correct these errors",
    # django-simple-history
    "Choose a date from the list below",
    "Changed by",
    "Change reason",
]
# Whole texts of a button, a heading or a table cell.
ENGLISH_WORDS = {
    "Identity",
    "Timestamps",
    "Configuration",
    "State",
    "Throttling",
    "Confirmed",
    "Enabled",
    "Disabled",
    "Username",
    "Path",
    "Format",
    "Resource",
    "Submit",
    "Select all",
    "Preview",
    "Errors",
    "Update",
    "Skipped",
    "Object",
    "Comment",
    "Changes",
    "Created",
    "Changed",
    "None",
    "entry",
    "entries",
}


def page_texts(page: str) -> list[str]:
    """What a reader sees or hears: text between tags, labels read out and button texts."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    texts = re.split(r"<[^>]+>", page)
    texts += re.findall(r'(?:title|placeholder|aria-label)="([^"]*)"', page)
    texts += re.findall(r'<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', page)
    return [" ".join(html.unescape(t).split()) for t in texts if t.strip()]


def english_on(page: str) -> list[str]:
    texts = page_texts(page)
    joined = "\n".join(texts)
    found = [phrase for phrase in ENGLISH_PHRASES if phrase in joined]
    found += sorted({t.rstrip(":").strip() for t in texts} & ENGLISH_WORDS)
    return found


def optional_url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def admin_pages():
    """Every page of every registered model, its app, the import and export pages."""
    yield reverse("admin:index")
    for model, _model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        yield reverse("admin:app_list", args=[opts.app_label])
        yield reverse(f"{name}_changelist")
        yield reverse(f"{name}_changelist") + "?q=khong-co-ket-qua"
        yield reverse(f"{name}_add")
        for action in ("change", "delete", "history"):
            yield reverse(f"{name}_{action}", args=[pk])
        yield from filter(None, [optional_url(f"{name}_import"), optional_url(f"{name}_export")])
        if opts.model_name == "user":
            yield reverse("admin:auth_user_password_change", args=[pk])


def test_no_admin_page_shows_english(client, admin_user, one_of_each):
    client.force_login(admin_user)
    rendered, english = 0, {}
    for url in dict.fromkeys(admin_pages()):
        response = client.get(url)
        if response.status_code == 403:  # offered to nobody, e.g. adding a report
            continue
        assert response.status_code == 200, url
        rendered += 1
        if found := english_on(response.content.decode()):
            english[url] = found
    assert rendered > 100
    assert english == {}


def test_the_import_preview_and_its_errors_show_no_english(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:directives_agency_import")
    rows = [["lc-sinho-thcs-b", "Trường THCS thử nghiệm B", "THCS B", "school", "lc-sinho-pgd"]]
    preview = client.post(
        url, {"format": "0", "import_file": agency_workbook(rows), "resource": "0"}
    )
    assert "Trường THCS thử nghiệm B" in preview.content.decode()
    assert english_on(preview.content.decode()) == []
    wrong = [["x-1", "Đơn vị lỗi", "", "school", "khong-ton-tai"]]
    errors = client.post(
        url, {"format": "0", "import_file": agency_workbook(wrong), "resource": "0"}
    )
    assert "Đơn vị lỗi" in errors.content.decode() or errors.context["result"].has_errors()
    assert english_on(errors.content.decode()) == []


def test_the_admin_scripts_speak_vietnamese(client, admin_user):
    """The two-list permission picker and the calendar are drawn by the admin's scripts."""
    client.force_login(admin_user)
    catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    for english, vietnamese in [
        ("Choose all %s", "Chọn tất cả %s"),
        ("Remove all %s", "Bỏ tất cả %s"),
        ("Monday", "Thứ hai"),
    ]:
        assert f"{json.dumps(english)}: {json.dumps(vietnamese)}" in catalogue


def test_permissions_are_named_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:auth_group_add")).content.decode()
    assert "Văn bản chỉ đạo | cơ quan, đơn vị | Có thể xem cơ quan, đơn vị" in page
    assert "Ứng dụng xác thực | ứng dụng xác thực | Có thể xóa ứng dụng xác thực" in page


def test_the_add_user_form_explains_passwords_as_they_work_here(client, admin_user):
    """No single sign-on or LDAP here: a user without a password cannot sign in at all."""
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_add")
    page = client.get(url).content.decode()
    assert "Đăng nhập bằng mật khẩu" in page
    assert "edu-plans không có cách đăng nhập nào khác" in page
    password = "mat-khau-moi-2025"
    response = client.post(
        url,
        {
            "username": "canbo-moi",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="canbo-moi").check_password(password)


def test_the_password_page_warns_in_vietnamese_that_disabling_loses_the_password(
    client, admin_user
):
    client.force_login(admin_user)
    page = client.get(reverse("admin:auth_user_password_change", args=[admin_user.pk]))
    text = page.content.decode()
    assert 'id="id_unusable_warning"' in text
    assert "mật khẩu hiện tại của người dùng này sẽ mất" in text
