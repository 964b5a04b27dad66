"""Who may do what: plain functions of the user (and the object), used by views and tests.

Roles are the groups of accounts.roles, held as capabilities a user combines (a Sở staff
member usually reports for their division and reviews others' reports); a superuser counts
as an administrator. What no capability grants is refused.
"""

from django.utils.translation import gettext as _

from accounts import roles
from directives import permissions as directive_permissions
from directives.models import Agency

_in_group = directive_permissions.holds_role


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


def is_reviewer(user) -> bool:
    """Department staff, administrators and leadership return and approve reports."""
    return sees_everything(user)


reporting_agency_ids = directive_permissions.reporting_agency_ids


def _enclosing_agency_ids(user) -> set[int]:
    """The agencies a user's internal unit is part of: a division's staff belong to the Sở
    above it too (not to its sibling divisions). Cached on the user for the request."""
    cached = getattr(user, "_enclosing_agency_ids", None)
    if cached is None:
        cached, agency = set(), user.agency if user.agency_id else None
        while agency is not None and agency.kind == Agency.Kind.UNIT and agency.parent_id:
            agency = agency.parent
            if agency.pk in cached:
                break  # a loop in the tree ends the walk
            cached.add(agency.pk)
        user._enclosing_agency_ids = cached
    return cached


def own_agency_ids(user) -> set[int]:
    """The agencies whose reports the user may not review because they are the user's own.

    Staff and administrators: every agency they belong to (their own, those under it, and
    the agency their division is part of): a Sở staff member belongs to the Sở and its
    divisions; a division's staff to their division and the Sở, not to the other
    divisions. Leadership approves the Sở's own reports, so only what they report for
    themselves (directives.permissions ``reports_for``) is theirs.
    """
    if not user.is_authenticated:
        return set()
    if is_leadership(user):
        return reporting_agency_ids(user)
    return unit_agency_ids(user) | _enclosing_agency_ids(user)


def review_refusal(user, report) -> str | None:
    """Why the user may not return or approve the report, in words they read; None when
    they may. Nobody reviews a report they submitted or one of their own agency."""
    if not is_reviewer(user):
        return _("Only department staff and leadership review reports.")
    if report.submitted_by_id is not None and report.submitted_by_id == user.pk:
        return _(
            "You submitted this report yourself, so you cannot approve or return it: "
            "another reviewer does."
        )
    if report.agency_id in own_agency_ids(user):
        return _(
            "This is a report of your own agency, so you cannot approve or return it: it is "
            "reviewed by the Sở's leadership or by staff outside your agency."
        )
    return None


def can_review(user, report) -> bool:
    """The user may return or approve this report (whatever its status)."""
    return review_refusal(user, report) is None


def can_reopen(user, report) -> bool:
    """Only an administrator reopens an approved report; staff reopen a locked draft."""
    if report.status == "approved":
        return is_admin(user)
    return is_staff_member(user)


def can_open_period(user) -> bool:
    return is_staff_member(user)


def can_enter_province_values(user) -> bool:
    return is_staff_member(user)
