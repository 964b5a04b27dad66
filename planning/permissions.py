"""Who may plan the next school year: plain functions of the user."""

from directives import permissions as directive_permissions


def can_plan(user) -> bool:
    """Department staff and administrators roll a plan forward, link it to last year's
    and settle what could not be carried."""
    return directive_permissions.can_assign(user)


def can_read(user) -> bool:
    """Staff, administrators and leadership read the roll-forward and its issues;
    leadership only reads them. A reporting unit does not."""
    return directive_permissions.reads_everything(user)
