"""Who may do what on the directive pages: plain functions of the user."""

from accounts import roles

HISTORY_READERS = (roles.ADMIN, roles.DEPARTMENT_STAFF, roles.LEADERSHIP)


def can_read_history(user) -> bool:
    """Staff, administrators and leadership read who changed a directive and when; a
    reporting unit reads the directive itself."""
    return _holds(user, HISTORY_READERS)


def can_read_assignments(user) -> bool:
    """Staff, administrators and leadership see who carries each task of a directive
    (phân công); leadership only reads it."""
    return _holds(user, HISTORY_READERS)


ASSIGNERS = (roles.ADMIN, roles.DEPARTMENT_STAFF)


def _holds(user, names) -> bool:
    """A superuser, or a user holding any of the roles."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(holds_role(user, name) for name in names)


def can_assign(user) -> bool:
    """Department staff and administrators decide who carries each task (phân công) and
    by when, and decide on deadline extensions."""
    return _holds(user, ASSIGNERS)


def agency_ids_of(user) -> set[int]:
    """The agencies a user belongs to: their own and every agency under it (a Sở's
    divisions, a district's communes). Cached on the user for the request."""
    if not user.is_authenticated or user.agency_id is None:
        return set()
    cached = getattr(user, "_unit_agency_ids", None)
    if cached is None:
        from directives.models import Agency

        children = {}
        for pk, parent_id in Agency.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        cached, stack = set(), [user.agency_id]
        while stack:
            pk = stack.pop()
            if pk not in cached:
                cached.add(pk)
                stack.extend(children.get(pk, []))
        user._unit_agency_ids = cached
    return cached


def reports_for(user, agency_id: int) -> bool:
    """Whether the user reports for the agency: they hold the reporting capability and
    belong to it or to an agency above it."""
    return agency_id in reporting_agency_ids(user)


def holds_role(user, name) -> bool:
    """Whether the user holds the role (a Django group), superusers not counted; the
    user's roles are read once per request."""
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache


def reads_everything(user) -> bool:
    """Staff, administrators and leadership read every agency's tasks, their accounting
    and the extension requests."""
    return _holds(user, HISTORY_READERS)


def reporting_agency_ids(user) -> set[int]:
    """The agencies the user reports for: none without the reporting capability."""
    return agency_ids_of(user) if holds_role(user, roles.REPORTING_UNIT) else set()


def can_reorganise(user) -> bool:
    """Department staff and administrators record and apply reorganisations of the agency
    tree (sắp xếp đơn vị)."""
    return _holds(user, ASSIGNERS)


def can_read_reorganisations(user) -> bool:
    """Staff, administrators and leadership read the reorganisations and what they did."""
    return _holds(user, HISTORY_READERS)
