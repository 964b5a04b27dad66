"""The four roles of DESIGN.md as Django groups, with the model permissions each holds,
and each role's sign-in rule (RoleSecurity: whether it requires a second factor).

What each role may do in the product's own pages grows with the reporting workflow; the
groups and their admin permissions are set here, in one place.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleSecurity

ADMIN = "Quản trị hệ thống"
DEPARTMENT_STAFF = "Chuyên viên Sở"
LEADERSHIP = "Lãnh đạo"
REPORTING_UNIT = "Đơn vị báo cáo"

ROLE_LABELS = {
    ADMIN: _("System administrator"),
    DEPARTMENT_STAFF: _("Department staff"),
    LEADERSHIP: _("Leadership"),
    REPORTING_UNIT: _("Reporting unit"),
}

# Roles whose users open the admin (Django's ``is_staff``): the administrator and
# department staff to edit, leadership to read. Reporting units use the reporting pages.
ADMIN_SITE_ROLES = {ADMIN, DEPARTMENT_STAFF, LEADERSHIP}

_DOMAIN_APPS = ["directives", "indicators"]
_MASTER_DATA = ["agency", "schoolyear"]
_LOGIN_PROTECTION_APPS = ["axes", "otp_totp", "otp_static"]


def _permissions(*, apps, actions, exclude_models=()):
    return Permission.objects.filter(
        content_type__app_label__in=apps,
        codename__regex=rf"^({'|'.join(actions)})_",
    ).exclude(content_type__model__in=exclude_models)


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """Create the role groups if missing and set their permissions (idempotent)."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_LABELS}
    # The administrator also unlocks accounts (failed-login lockouts) and removes a lost
    # authenticator; device secrets are never shown (OTP_ADMIN_HIDE_SENSITIVE_DATA).
    groups[ADMIN].permissions.set(
        set(
            _permissions(
                apps=[*_DOMAIN_APPS, "accounts", "auth"],
                actions=["add", "change", "delete", "view"],
            )
        )
        | set(_permissions(apps=_LOGIN_PROTECTION_APPS, actions=["delete", "view"]))
    )
    # Staff edit directives and their structure; agencies and users stay with the admin.
    staff = set(
        _permissions(
            apps=_DOMAIN_APPS, actions=["add", "change", "delete"], exclude_models=_MASTER_DATA
        )
    ) | set(_permissions(apps=_DOMAIN_APPS, actions=["view"]))
    groups[DEPARTMENT_STAFF].permissions.set(staff)
    # Leadership reads in the admin everything staff edit or read there, and changes nothing.
    groups[LEADERSHIP].permissions.set(_permissions(apps=_DOMAIN_APPS, actions=["view"]))
    groups[REPORTING_UNIT].permissions.set(_permissions(apps=_DOMAIN_APPS, actions=["view"]))
    for group in groups.values():
        RoleSecurity.objects.get_or_create(group=group)
    return groups
