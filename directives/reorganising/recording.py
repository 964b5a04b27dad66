"""Recording a reorganisation: its date, its legal basis and its lines, checked, not
applied yet."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import one_save
from directives import permissions
from directives.importing import normalize_text
from directives.models import Agency, Reorganisation, ReorganisationLine

Kind = ReorganisationLine.Kind


@dataclass(frozen=True)
class NewAgency:
    """An agency a line creates when the reorganisation is applied."""

    code: str
    name: str
    short_name: str = ""
    kind: str = Agency.Kind.OTHER
    parent_code: str = ""
    receives_users: bool = False

    def as_data(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "kind": self.kind,
            "parent_code": self.parent_code,
            "receives_users": self.receives_users,
        }

    @classmethod
    def from_data(cls, data: dict) -> "NewAgency":
        return cls(**{key: data.get(key, "") for key in cls.__dataclass_fields__})


@dataclass
class LineInput:
    """One change to record: which agencies go into which."""

    kind: str
    predecessors: Sequence[Agency] = ()
    successors: Sequence[Agency] = ()
    new_agencies: Sequence[NewAgency] = ()
    new_parent: Agency | None = None
    users_to: Agency | None = None
    mapping_stated: bool = True
    note: str = ""


def line_error(order: int, message: str) -> ValidationError:
    return ValidationError(
        _("Change %(order)s: %(message)s") % {"order": order, "message": message}
    )


def _check_line(order: int, line: LineInput, *, codes_taken: set[str]) -> None:
    """Raises ValidationError when a line cannot say what it claims."""
    if line.kind not in Kind.values:
        raise line_error(order, _("choose a kind of change from the list."))
    before, after = list(line.predecessors), list(line.successors) + list(line.new_agencies)
    if line.kind == Kind.TRANSFER:
        if len(before) != 1 or line.new_agencies:
            raise line_error(order, _("a transfer moves exactly one existing agency."))
        if line.new_parent is None:
            raise line_error(order, _("say which agency it moves under."))
        if line.new_parent.pk == before[0].pk:
            raise line_error(order, _("an agency cannot move under itself."))
        return
    if not before:
        raise line_error(order, _("name the agencies that close."))
    if not after:
        raise line_error(order, _("name the agencies that take over."))
    if line.kind == Kind.MERGER and len(after) != 1:
        raise line_error(order, _("a merger takes the agencies into exactly one agency."))
    if line.kind == Kind.SPLIT and (len(before) != 1 or len(after) < 2):
        raise line_error(order, _("a split divides one agency into several."))
    if not line.mapping_stated and line.kind != Kind.REGROUPING:
        raise line_error(
            order, _("only a regrouping may leave unsaid which old agency went where.")
        )
    overlap = {a.pk for a in before} & {a.pk for a in line.successors}
    if overlap:
        raise line_error(order, _("an agency cannot both close and take over."))
    receivers = [a for a in line.new_agencies if a.receives_users]
    if line.users_to is not None:
        receivers.append(line.users_to)
        if line.users_to.pk not in {a.pk for a in line.successors}:
            raise line_error(order, _("the users can only move to one of the new agencies."))
    if len(receivers) > 1:
        raise line_error(order, _("only one agency receives the users of the closed ones."))
    for new in line.new_agencies:
        if new.code in codes_taken:
            raise line_error(order, _("the code “%(code)s” is already taken.") % {"code": new.code})
        codes_taken.add(new.code)
        agency = agency_from(new, valid_from=None)
        agency.full_clean(exclude=["parent"], validate_unique=False)


def agency_from(new: NewAgency, *, valid_from) -> Agency:
    return Agency(
        code=new.code,
        name=normalize_text(new.name),
        short_name=normalize_text(new.short_name),
        kind=new.kind or Agency.Kind.OTHER,
        valid_from=valid_from,
    )


@transaction.atomic
@one_save
def record_reorganisation(
    *,
    effective_on: datetime.date,
    basis: str,
    lines: Sequence[LineInput],
    by,
    note: str = "",
    is_demo: bool = False,
) -> Reorganisation:
    """Record a reorganisation and its lines, not applied yet.

    Raises PermissionDenied, and ValidationError for a line that cannot hold (a merger into
    several agencies, a split of several, a new agency whose code is taken...).
    """
    if by is not None and not permissions.can_reorganise(by):
        raise PermissionDenied
    basis = normalize_text(basis)
    if not basis:
        raise ValidationError({"basis": _("Give the legal basis of the reorganisation.")})
    if not lines:
        raise ValidationError(_("A reorganisation needs at least one change."))
    new_codes = [new.code for line in lines for new in line.new_agencies]
    taken = set(Agency.objects.filter(code__in=new_codes).values_list("code", flat=True))
    codes_taken = set(taken)
    for order, line in enumerate(lines, start=1):
        for new in line.new_agencies:
            if new.code in taken:
                raise line_error(
                    order, _("the code “%(code)s” is already taken.") % {"code": new.code}
                )
        _check_line(order, line, codes_taken=codes_taken)
    known = codes_taken | set(
        Agency.objects.filter(
            code__in=[new.parent_code for line in lines for new in line.new_agencies]
        ).values_list("code", flat=True)
    )
    for order, line in enumerate(lines, start=1):
        for new in line.new_agencies:
            if new.parent_code and new.parent_code not in known:
                raise line_error(
                    order,
                    _("“%(code)s” names an unknown parent agency “%(parent)s”.")
                    % {"code": new.code, "parent": new.parent_code},
                )
    reorganisation = Reorganisation(
        effective_on=effective_on,
        basis=basis,
        note=normalize_text(note),
        is_demo=is_demo,
        created_by=by,
    )
    reorganisation.full_clean()
    reorganisation._history_user = by
    reorganisation.save()
    for order, line in enumerate(lines, start=1):
        row = ReorganisationLine.objects.create(
            reorganisation=reorganisation,
            order=order,
            kind=line.kind,
            new_parent=line.new_parent,
            users_to=line.users_to,
            mapping_stated=line.mapping_stated,
            new_agencies=[new.as_data() for new in line.new_agencies],
            note=normalize_text(line.note),
        )
        row.predecessors.set(line.predecessors)
        if line.kind == Kind.TRANSFER:
            row.successors.set(line.predecessors)
        else:
            row.successors.set(line.successors)
    return reorganisation
