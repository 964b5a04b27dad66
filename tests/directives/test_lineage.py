"""Following agencies across applied reorganisations: successors and continuity."""

import datetime

import pytest
from django.utils import timezone

from directives.lineage import ancestries, open_agencies, successions_on
from directives.models import Agency, Reorganisation, ReorganisationLine
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 9, 5)


def _line(reorganisation, order, kind, before, after, *, stated=True):
    line = ReorganisationLine.objects.create(
        reorganisation=reorganisation, order=order, kind=kind, mapping_stated=stated
    )
    line.predecessors.set(before)
    line.successors.set(after)
    return line


@pytest.fixture
def reform():
    """Two districts merge into one commune, a third splits into two, two more regroup
    into two communes without the basis saying which went where."""
    old = {n: AgencyFactory(code=f"old-{n}", valid_until=BEFORE) for n in "abcdefg"}
    new = {n: AgencyFactory(code=f"new-{n}", valid_from=REFORM) for n in "pqrst"}
    reorganisation = Reorganisation.objects.create(
        effective_on=REFORM, basis="Nghị quyết thử nghiệm", applied_at=timezone.now()
    )
    kind = ReorganisationLine.Kind
    _line(reorganisation, 1, kind.MERGER, [old["a"], old["b"]], [new["p"]])
    _line(reorganisation, 2, kind.SPLIT, [old["c"]], [new["q"], new["r"]])
    _line(
        reorganisation, 3, kind.REGROUPING, [old["d"], old["e"]], [new["s"], new["t"]], stated=False
    )
    return old, new


def test_a_merged_unit_continues_in_its_successor(reform):
    """A unit that went wholly into one commune, as stated, carries on there."""
    old, new = reform
    found = successions_on([old["a"]], AFTER)[old["a"].pk]
    assert found.successors == (new["p"],) and found.continuous and found.stated
    ancestry = ancestries([new["p"]])[new["p"].pk]
    assert ancestry.predecessors == (old["a"], old["b"])
    assert ancestry.continuous and ancestry.since == REFORM


def test_a_split_unit_has_several_successors_and_no_continuity(reform):
    old, new = reform
    found = successions_on([old["c"]], AFTER)[old["c"].pk]
    assert found.successors == (new["q"], new["r"]) and not found.continuous
    assert not ancestries([new["q"]])[new["q"].pk].continuous


def test_an_unstated_regrouping_says_so(reform):
    old, new = reform
    found = successions_on([old["d"]], AFTER)[old["d"].pk]
    assert found.successors == (new["s"], new["t"])
    assert not found.continuous and not found.stated


def test_an_open_agency_is_its_own_successor_and_a_closed_one_without_record_has_none(reform):
    old, _ = reform
    assert successions_on([old["a"]], BEFORE)[old["a"].pk].is_open
    lost = successions_on([old["f"]], AFTER)[old["f"].pk]
    assert lost.successors == () and not lost.continuous


def test_an_unapplied_reorganisation_is_not_followed(reform):
    old, _ = reform
    Reorganisation.objects.update(applied_at=None)
    assert successions_on([old["a"]], AFTER)[old["a"].pk].successors == ()


def test_pickers_offer_agencies_open_on_the_day(reform):
    codes = set(
        open_agencies(Agency.objects.filter(code__startswith=("n")), AFTER).values_list(
            "code", flat=True
        )
    )
    assert codes == {"new-p", "new-q", "new-r", "new-s", "new-t"}
    assert not open_agencies(Agency.objects.filter(code__startswith="new"), BEFORE).exists()
