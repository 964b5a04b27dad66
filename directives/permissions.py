"""Who may do what on the directive pages: plain functions of the user."""

from accounts import roles

HISTORY_READERS = (roles.ADMIN, roles.DEPARTMENT_STAFF, roles.LEADERSHIP)


def can_read_history(user) -> bool:
    """Staff, administrators and leadership read who changed a directive and when; a
    reporting unit reads the directive itself."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=HISTORY_READERS).exists()
