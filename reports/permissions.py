"""Who may do what: plain functions of the user (and the object), used by views and tests.

Roles are the groups of accounts.roles; a superuser counts as an administrator.
"""

from accounts import roles
from directives import permissions as directive_permissions


def _in_group(user, name) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache


def is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or _in_group(user, roles.ADMIN))


def is_staff_member(user) -> bool:
    """Department staff (chuyên viên Sở), and administrators."""
    return is_admin(user) or _in_group(user, roles.DEPARTMENT_STAFF)


def is_leadership(user) -> bool:
    return _in_group(user, roles.LEADERSHIP)


def sees_everything(user) -> bool:
    """Staff, administrators and leadership read every period and report."""
    return is_staff_member(user) or is_leadership(user)


def unit_agency_ids(user) -> set[int]:
    """The agencies a user answers for: their own and its sub-agencies."""
    return directive_permissions.agency_ids_of(user)


def can_view_report(user, report) -> bool:
    return sees_everything(user) or report.agency_id in unit_agency_ids(user)


def can_edit_report(user, report) -> bool:
    """The unit (or an administrator) fills its own report."""
    return is_admin(user) or (
        _in_group(user, roles.REPORTING_UNIT) and report.agency_id in unit_agency_ids(user)
    )


def can_review(user) -> bool:
    return is_staff_member(user)


def can_reopen(user, report) -> bool:
    """Only an administrator reopens an approved report; staff reopen a locked draft."""
    if report.status == "approved":
        return is_admin(user)
    return is_staff_member(user)


def can_open_period(user) -> bool:
    return is_staff_member(user)


def can_enter_province_values(user) -> bool:
    return is_staff_member(user)
