"""A small 2025 reform for tests of what happens across it: Lai Châu's seed districts
closed on 30/06/2025 (as in the fixtures) and three test communes opened on 01/07/2025
under the province, through one applied reorganisation:

- Tam Đường and Thành phố Lai Châu merged, as stated, into ``merged`` (their figures go on
  in it);
- Sìn Hồ split into ``split_a`` and ``split_b`` (no figures carry over).

The plan's first task is assigned to the communes too, as a plan of 2025 - 2026 would be.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from directives.models import Agency, Assignment, Directive, Reorganisation, ReorganisationLine
from tests.factories import AgencyFactory

REFORM = datetime.date(2025, 7, 1)


@dataclass
class Reform:
    tamduong: Agency
    thanhpho: Agency
    sinho: Agency
    merged: Agency
    split_a: Agency
    split_b: Agency

    @property
    def districts(self) -> list[Agency]:
        return [self.tamduong, self.thanhpho, self.sinho]

    @property
    def communes(self) -> list[Agency]:
        return [self.merged, self.split_a, self.split_b]


def _line(reorganisation, order, kind, before, after):
    line = ReorganisationLine.objects.create(
        reorganisation=reorganisation, order=order, kind=kind, mapping_stated=True
    )
    line.predecessors.set(before)
    line.successors.set(after)


def build_reform(plan: Directive | None = None) -> Reform:
    """The reorganisation, applied, and (given a plan) its first task assigned to the
    new communes to carry out. The seed's own reorganisation of Lai Châu (whose mapping
    has no merger) is set aside for the test, so that this one alone says where the
    districts went."""
    province = Agency.objects.get(code="lc-ubnd")
    Reorganisation.objects.filter(basis__contains="1670/NQ-UBTVQH15").update(applied_at=None)

    def commune(slug, name):
        return AgencyFactory(
            code=f"lc-xa-{slug}",
            name=f"UBND xã {name}",
            short_name=f"Xã {name}",
            kind=Agency.Kind.COMMUNE,
            parent=province,
            valid_from=REFORM,
        )

    reform = Reform(
        tamduong=Agency.objects.get(code="lc-tamduong-ubnd"),
        thanhpho=Agency.objects.get(code="lc-thanhpholaichau-ubnd"),
        sinho=Agency.objects.get(code="lc-sinho-ubnd"),
        merged=commune("thunghiemhop", "Thử Nghiệm Hợp"),
        split_a=commune("thunghiemmot", "Thử Nghiệm Một"),
        split_b=commune("thunghiemhai", "Thử Nghiệm Hai"),
    )
    reorganisation = Reorganisation.objects.create(
        effective_on=REFORM, basis="Nghị quyết thử nghiệm", applied_at=timezone.now()
    )
    kind = ReorganisationLine.Kind
    _line(reorganisation, 1, kind.MERGER, [reform.tamduong, reform.thanhpho], [reform.merged])
    _line(reorganisation, 2, kind.SPLIT, [reform.sinho], [reform.split_a, reform.split_b])
    if plan is not None:
        task = plan.task_groups.order_by("order").first().tasks.order_by("order").first()
        for agency in reform.communes:
            Assignment.objects.create(task=task, agency=agency, role=Assignment.Role.IMPLEMENT)
    return reform
