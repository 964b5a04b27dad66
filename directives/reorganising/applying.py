"""Applying a recorded reorganisation in one transaction, or previewing it (the same
run, rolled back)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.audit import one_save
from directives import permissions
from directives.models import Agency, Assignment, Reorganisation, ReorganisationLine
from directives.reorganising.recording import NewAgency, agency_from, line_error

Kind = ReorganisationLine.Kind


@dataclass(frozen=True)
class ClosedAgency:
    agency: Agency
    last_day: datetime.date
    line_order: int
    # It closed because the agency above it did (a district's Phòng GD&ĐT).
    with_parent: bool = False


@dataclass(frozen=True)
class MovedAgency:
    agency: Agency
    old_parent: Agency | None
    new_parent: Agency


@dataclass(frozen=True)
class UserMove:
    user: object
    from_agency: Agency
    to_agency: Agency


@dataclass(frozen=True)
class UserLeft:
    user: object
    agency: Agency


@dataclass(frozen=True)
class ToReview:
    """What a closed agency still holds that staff should look at."""

    agency: Agency
    open_assignments: int
    targets: int
    periods: int


@dataclass
class ReorganisationSummary:
    """What applying a reorganisation did (or, in a preview, would do)."""

    reorganisation: Reorganisation
    dry_run: bool
    closed: list[ClosedAgency] = field(default_factory=list)
    opened: list[Agency] = field(default_factory=list)
    moved: list[MovedAgency] = field(default_factory=list)
    users_moved: list[UserMove] = field(default_factory=list)
    users_left: list[UserLeft] = field(default_factory=list)
    to_review: list[ToReview] = field(default_factory=list)


class _Preview(Exception):
    """Leaves the transaction of a dry run, with what it would have done."""

    def __init__(self, summary: ReorganisationSummary):
        super().__init__()
        self.summary = summary


@transaction.atomic
@one_save
def apply_reorganisation(
    *, reorganisation: Reorganisation, by, dry_run: bool = False
) -> ReorganisationSummary:
    """Close, open and move the agencies of a recorded reorganisation and move the users of
    the closed ones, all in one transaction; ``dry_run`` does the same and rolls it back
    (the preview). ``by`` None is the seed data.

    Raises PermissionDenied, and ValidationError when it was applied already or a line
    cannot be applied (an agency already closed before the date...): then nothing changes.
    """
    if by is not None and not permissions.can_reorganise(by):
        raise PermissionDenied
    try:
        with transaction.atomic():
            summary = _apply(reorganisation.pk, by=by, dry_run=dry_run)
            if dry_run:
                raise _Preview(summary)
    except _Preview as preview:
        return preview.summary
    reorganisation.refresh_from_db()
    return summary


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _apply(pk: int, *, by, dry_run: bool) -> ReorganisationSummary:
    reorganisation = Reorganisation.objects.select_for_update().get(pk=pk)
    if reorganisation.applied_at is not None:
        raise ValidationError(
            _("This reorganisation was already applied on %(date)s.")
            % {"date": _day(timezone.localdate(reorganisation.applied_at))}
        )
    lines = list(
        reorganisation.lines.order_by("order")
        .select_related("new_parent", "users_to")
        .prefetch_related("predecessors", "successors")
    )
    if not lines:
        raise ValidationError(_("A reorganisation needs at least one change."))
    summary = ReorganisationSummary(reorganisation=reorganisation, dry_run=dry_run)
    effective_on, closes_on = reorganisation.effective_on, reorganisation.closes_on
    receivers = _open_new_agencies(lines, effective_on=effective_on, by=by, summary=summary)
    for line in lines:
        if line.kind == Kind.TRANSFER:
            _transfer(line, effective_on=effective_on, by=by, summary=summary)
    targets = _close(lines, receivers, closes_on=closes_on, by=by, summary=summary)
    _move_users(targets, summary=summary)
    summary.to_review = _to_review(summary, effective_on=effective_on)
    reorganisation.applied_at = timezone.now()
    reorganisation.applied_by = by
    if summary.users_moved or summary.users_left:
        reorganisation.note = "\n".join(
            part for part in (reorganisation.note, _users_note(summary)) if part
        )
    reorganisation._history_user = by
    reorganisation.save()
    return summary


def _open_new_agencies(lines, *, effective_on, by, summary) -> dict[int, Agency]:
    """Create the agencies the lines name as new, open from the date, parents included;
    return, by line, the new agency that receives the users."""
    created: dict[str, Agency] = {}
    receivers = {}
    pending = []
    for line in lines:
        for data in line.new_agencies:
            new = NewAgency.from_data(data)
            if new.code in created or Agency.objects.filter(code=new.code).exists():
                raise line_error(
                    line.order, _("the code “%(code)s” is already taken.") % {"code": new.code}
                )
            agency = agency_from(new, valid_from=effective_on)
            agency.full_clean(exclude=["parent"])
            agency._history_user = by
            agency.save()
            created[new.code] = agency
            pending.append((line, agency, new))
            line.successors.add(agency)
            if new.receives_users:
                receivers[line.pk] = agency
                line.users_to = agency
                line.save(update_fields=["users_to"])
            summary.opened.append(agency)
    parents = {
        a.code: a
        for a in Agency.objects.filter(code__in=[new.parent_code for _l, _a, new in pending])
    }
    for line, agency, new in pending:
        if not new.parent_code:
            continue
        parent = parents.get(new.parent_code)
        if parent is None:
            raise line_error(
                line.order,
                _("“%(code)s” names an unknown parent agency “%(parent)s”.")
                % {"code": new.code, "parent": new.parent_code},
            )
        if not parent.is_valid_on(effective_on):
            raise line_error(
                line.order,
                _("%(name)s is not open on %(date)s.")
                % {"name": parent.name, "date": _day(effective_on)},
            )
        agency.parent = parent
        agency._history_user = by
        agency.save(update_fields=["parent"])
    return receivers


def _transfer(line, *, effective_on, by, summary) -> None:
    agency = line.predecessors.all()[0]
    agency.refresh_from_db()
    new_parent = line.new_parent
    for moved in (agency, new_parent):
        if not moved.is_valid_on(effective_on):
            raise line_error(
                line.order,
                _("%(name)s is not open on %(date)s.")
                % {"name": moved.name, "date": _day(effective_on)},
            )
    ancestor, seen = new_parent, set()
    while ancestor is not None and ancestor.pk not in seen:  # no loop in the tree
        if ancestor.pk == agency.pk:
            raise line_error(line.order, _("an agency cannot move under its own sub-agency."))
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    old_parent = agency.parent
    line.old_parent = old_parent
    line.save(update_fields=["old_parent"])
    agency.parent = new_parent
    agency._history_user = by
    agency.save(update_fields=["parent"])
    summary.moved.append(MovedAgency(agency=agency, old_parent=old_parent, new_parent=new_parent))


def _close(lines, receivers, *, closes_on, by, summary) -> dict[int, Agency | None]:
    """Close each line's predecessors and the open agencies under them; return, by closed
    agency, where its users go (None when no single agency was stated)."""
    effective_on = closes_on + datetime.timedelta(days=1)
    closing = [line for line in lines if line.kind != Kind.TRANSFER]
    staying = set()
    for line in lines:
        staying |= {a.pk for a in line.successors.all()}
    named = {a.pk for line in closing for a in line.predecessors.all()}
    children = defaultdict(list)
    for agency in Agency.objects.exclude(pk__in=staying):
        children[agency.parent_id].append(agency)
    targets: dict[int, set] = defaultdict(set)
    done: set[int] = set()
    for line in closing:
        successors = list(line.successors.all())
        for successor in successors:
            if not successor.is_valid_on(effective_on):
                raise line_error(
                    line.order,
                    _("%(name)s is not open on %(date)s.")
                    % {"name": successor.name, "date": _day(effective_on)},
                )
        target = receivers.get(line.pk) or line.users_to
        if target is None and len(successors) == 1:
            target = successors[0]
        for predecessor in line.predecessors.all():
            if not predecessor.is_valid_on(closes_on):
                raise line_error(
                    line.order,
                    _("%(name)s is not open on %(date)s, the last day before the change.")
                    % {"name": predecessor.name, "date": _day(closes_on)},
                )
            under = _open_sub_tree(predecessor, children, closes_on=closes_on, skip=named)
            if under:
                line.predecessors.add(*under)
            for agency in [predecessor, *under]:
                targets[agency.pk].add(target.pk if target else None)
                if agency.pk in done:
                    continue
                done.add(agency.pk)
                if agency.valid_until != closes_on:
                    agency.valid_until = closes_on
                    agency._history_user = by
                    agency.save(update_fields=["valid_until"])
                summary.closed.append(
                    ClosedAgency(
                        agency=agency,
                        last_day=closes_on,
                        line_order=line.order,
                        with_parent=agency is not predecessor,
                    )
                )
    by_pk = {a.pk: a for line in closing for a in line.successors.all()}
    return {
        pk: by_pk.get(next(iter(found))) if len(found) == 1 and None not in found else None
        for pk, found in targets.items()
    }


def _open_sub_tree(agency, children, *, closes_on, skip) -> list[Agency]:
    """The agencies under ``agency`` open on its last day, except those another line
    names or that stay open (a commune moved out before its district closes)."""
    found, stack = [], list(children.get(agency.pk, []))
    while stack:
        current = stack.pop()
        if current.pk in skip or not current.is_valid_on(closes_on):
            continue
        found.append(current)
        stack.extend(children.get(current.pk, []))
    return sorted(found, key=lambda a: a.code)


def _move_users(targets: dict[int, Agency | None], *, summary) -> None:
    closed = {item.agency.pk: item.agency for item in summary.closed}
    users = get_user_model().objects.filter(agency_id__in=closed).order_by("username")
    for user in users:
        origin = closed[user.agency_id]
        target = targets.get(user.agency_id)
        if target is None:
            summary.users_left.append(UserLeft(user=user, agency=origin))
            continue
        user.agency = target
        user.save(update_fields=["agency"])
        summary.users_moved.append(UserMove(user=user, from_agency=origin, to_agency=target))


def _users_note(summary) -> str:
    """The users' moves, in the reorganisation's own history (users keep none)."""
    lines = [
        _("User %(user)s moved from %(old)s to %(new)s.")
        % {"user": move.user.username, "old": move.from_agency.name, "new": move.to_agency.name}
        for move in summary.users_moved
    ]
    lines += [
        _("User %(user)s stays with %(agency)s, closed: no single successor was stated.")
        % {"user": left.user.username, "agency": left.agency.name}
        for left in summary.users_left
    ]
    return "\n".join(lines)


def _to_review(summary, *, effective_on) -> list[ToReview]:
    """The closed agencies that still carry unfinished tasks, targets of a school year
    that runs past the date, or reports of periods that end after it."""
    ids = [item.agency.pk for item in summary.closed]
    # A school year runs September to May: the first one still running on the date.
    first_year = effective_on.year if effective_on.month >= 6 else effective_on.year - 1
    rows = (
        Agency.objects.filter(pk__in=ids)
        .annotate(
            open_assignments=Count(
                "assignments",
                filter=~Q(assignments__status=Assignment.Status.DONE),
                distinct=True,
            ),
            targets=Count(
                "indicator_targets",
                filter=Q(
                    indicator_targets__indicator__directive__school_year__start_year__gte=(
                        first_year
                    )
                ),
                distinct=True,
            ),
            periods=Count(
                "progress_reports__period",
                filter=Q(progress_reports__period__ends_on__gte=effective_on),
                distinct=True,
            ),
        )
        .order_by("code")
    )
    return [
        ToReview(
            agency=row,
            open_assignments=row.open_assignments,
            targets=row.targets,
            periods=row.periods,
        )
        for row in rows
        if row.open_assignments or row.targets or row.periods
    ]
