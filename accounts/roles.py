"""The roles of DESIGN.md as Django groups: capabilities a user combines, not one role
each. Each group holds its model permissions and its sign-in rule (RoleSecurity: whether
it requires a second factor).

- Đơn vị báo cáo (REPORTING_UNIT): reports for their own agency and its sub-agencies.
- Chuyên viên Sở (DEPARTMENT_STAFF): reviews (returns, approves) other agencies' reports
  and manages plans: directives, assignments, periods.
- Lãnh đạo (LEADERSHIP): reads everything and approves reports, the Sở's own included.
- Quản trị hệ thống (ADMIN): users, agencies, master data; counts as staff.

A Sở staff member usually holds REPORTING_UNIT and DEPARTMENT_STAFF, with their agency the
Sở or one of its divisions: they fill their division's report and review districts'.
Nobody reviews a report of their own agency or one they submitted (reports.permissions).
What no group grants is refused. The group names are stored data: never rename them.
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

# What each group lets its holder do, as the administrator reads it when ticking groups.
CAPABILITIES = {
    ADMIN: _("Manages users, agencies and master data"),
    DEPARTMENT_STAFF: _("Reviews reports and manages plans"),
    LEADERSHIP: _("Reads everything, approves the Sở's own reports"),
    REPORTING_UNIT: _("Reports for their own agency"),
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
