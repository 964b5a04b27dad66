"""Where closed agencies went, and where open ones came from, through the applied
reorganisations: what roll-forward moves assignments and targets along, and what lets a
trend follow a unit across the 2025 reform without inventing continuity.

A unit's figures carry on into its successor only when the change was stated and whole:
the unit went, all of it, into exactly one agency (a merger, or a one-to-one
replacement). A split, or a regrouping whose basis does not say which old unit went where,
ends the unit's line; the new units' lines start on the day they open.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from directives.models import Agency, ReorganisationLine


@dataclass(frozen=True)
class Succession:
    """What became of ``agency`` by ``day``: the agencies open then that took it over."""

    agency: Agency
    successors: tuple[Agency, ...]
    # Its figures carry on, unchanged in meaning, in its one successor.
    continuous: bool
    # Some change on the way did not say which old unit went where.
    stated: bool = True

    @property
    def is_open(self) -> bool:
        """The agency itself is still open on the day."""
        return self.successors == (self.agency,)


@dataclass(frozen=True)
class Ancestry:
    """Where an agency came from: the agencies a reorganisation closed into it."""

    agency: Agency
    predecessors: tuple[Agency, ...]
    # The first day it held their duties (the reorganisation's date).
    since: datetime.date | None
    # Every predecessor went wholly into this agency, as the basis states: their figures
    # before ``since`` are this agency's, summed.
    continuous: bool


class _Graph:
    """The applied reorganisations' lines, read once: predecessor → lines, successor →
    lines. Transfers move an agency without closing it and take no part."""

    def __init__(self):
        lines = (
            ReorganisationLine.objects.filter(reorganisation__applied_at__isnull=False)
            .exclude(kind=ReorganisationLine.Kind.TRANSFER)
            .select_related("reorganisation")
            .prefetch_related("predecessors", "successors")
        )
        self.after: dict[int, list[ReorganisationLine]] = defaultdict(list)
        self.before: dict[int, list[ReorganisationLine]] = defaultdict(list)
        self.agencies: dict[int, Agency] = {}
        for line in lines:
            for agency in line.predecessors.all():
                self.after[agency.pk].append(line)
                self.agencies[agency.pk] = agency
            for agency in line.successors.all():
                self.before[agency.pk].append(line)
                self.agencies[agency.pk] = agency

    def goes_wholly_into(self, predecessor_id: int, successor_id: int) -> bool:
        """Every change that closed the predecessor took all of it into that one agency,
        and said so."""
        lines = self.after.get(predecessor_id, [])
        return bool(lines) and all(
            line.mapping_stated and [a.pk for a in line.successors.all()] == [successor_id]
            for line in lines
        )


def successions_on(agencies: Iterable[Agency], day: datetime.date) -> dict[int, Succession]:
    """For each agency, by pk, the agencies open on ``day`` that carry its duties: itself
    while it is open, else its successors through as many reorganisations as lie between.
    An agency closed with no recorded successor, or not yet open, has none."""
    graph = _Graph()
    result = {}
    for agency in agencies:
        if agency.is_valid_on(day):
            result[agency.pk] = Succession(agency, (agency,), continuous=True)
            continue
        if agency.valid_until is None or agency.valid_until >= day:
            result[agency.pk] = Succession(agency, (), continuous=False)  # not yet open
            continue
        found: dict[int, Agency] = {}
        continuous, stated = True, True
        frontier, seen = [agency], {agency.pk}
        while frontier:
            current = frontier.pop()
            lines = [
                line
                for line in graph.after.get(current.pk, [])
                if line.reorganisation.effective_on <= day
            ]
            if not lines:
                continuous = False  # closed with no successor on record
                continue
            for line in lines:
                successors = list(line.successors.all())
                if not line.mapping_stated:
                    stated = False
                if not line.mapping_stated or len(successors) != 1:
                    continuous = False
                for successor in successors:
                    if successor.pk in seen:
                        continue
                    seen.add(successor.pk)
                    if successor.is_valid_on(day):
                        found[successor.pk] = successor
                    else:
                        frontier.append(successor)
        successors = tuple(sorted(found.values(), key=lambda a: a.code))
        result[agency.pk] = Succession(
            agency,
            successors,
            continuous=continuous and len(successors) == 1,
            stated=stated,
        )
    return result


def ancestries(agencies: Iterable[Agency]) -> dict[int, Ancestry]:
    """For each agency, by pk, the agencies closed into it by the latest reorganisation
    that formed it, and whether their figures continue in it."""
    graph = _Graph()
    result = {}
    for agency in agencies:
        lines = graph.before.get(agency.pk, [])
        if not lines:
            result[agency.pk] = Ancestry(agency, (), since=None, continuous=False)
            continue
        since = max(line.reorganisation.effective_on for line in lines)
        predecessors = {
            a.pk: a
            for line in lines
            if line.reorganisation.effective_on == since
            for a in line.predecessors.all()
        }
        continuous = all(graph.goes_wholly_into(pk, agency.pk) for pk in predecessors)
        result[agency.pk] = Ancestry(
            agency,
            tuple(sorted(predecessors.values(), key=lambda a: a.code)),
            since=since,
            continuous=continuous,
        )
    return result


def open_agencies(queryset, day: datetime.date):
    """The agencies of ``queryset`` open on ``day``: what pickers offer by default."""
    return queryset.exclude(valid_from__gt=day).exclude(valid_until__lt=day)
