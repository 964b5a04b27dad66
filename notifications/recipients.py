"""Who is told: a unit's reporting users, its head, the department staff who follow it.
Each takes many agencies at once and costs one query."""

from collections import defaultdict
from collections.abc import Iterable

from accounts import roles
from accounts.models import User
from directives.models import Agency


def reporting_users(agency_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active users of each agency who report for it (the Đơn vị báo cáo role)."""
    found = defaultdict(list)
    users = (
        User.objects.filter(
            is_active=True, agency_id__in=set(agency_ids), groups__name=roles.REPORTING_UNIT
        )
        .distinct()
        .order_by("pk")
    )
    for user in users:
        found[user.agency_id].append(user)
    return found


def heads(agency_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active users marked as head of each agency (thủ trưởng đơn vị)."""
    found = defaultdict(list)
    users = User.objects.filter(
        is_active=True, agency_id__in=set(agency_ids), is_agency_head=True
    ).order_by("pk")
    for user in users:
        found[user.agency_id].append(user)
    return found


def followers(agency_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active department staff who follow each agency."""
    found = defaultdict(list)
    links = (
        Agency.followed_by.through.objects.filter(
            agency_id__in=set(agency_ids),
            user__is_active=True,
            user__groups__name=roles.DEPARTMENT_STAFF,
        )
        .select_related("user")
        .order_by("user_id")
        .distinct()
    )
    for link in links:
        found[link.agency_id].append(link.user)
    return found
