"""Unit targets carried into the new plan: to the unit itself, or to the one agency its
figures carry on in; what a split or unstated regrouping leaves is listed, not invented."""

from collections import defaultdict

from django.utils.translation import gettext as _

from directives.localization import format_decimal
from directives.models import Agency
from indicators.models import Indicator, IndicatorTarget
from planning.baselines import YearEnd, figure_value, merged_target, names, unit_baseline
from planning.rollforward.common import IssueSpec, Kind


def carry_unit_targets(plan, indicator, new, successions, lineage, day) -> list[IssueSpec]:
    """Each unit target to the unit itself, or to the one agency its figures carry on in
    (several merged into one: their targets and figures combined); a split unit's target
    becomes an issue naming its new units."""
    issues = []
    year_end = plan.year_end
    groups: dict[int, list[IndicatorTarget]] = defaultdict(list)
    receivers: dict[int, Agency] = {}
    for target in indicator.unit_targets.all():
        succession = successions[target.agency_id]
        values = {
            "agency": target.agency,
            "indicator": new.name,
            "day": day,
            "successors": names(succession.successors),
        }
        if succession.is_open or succession.continuous:
            receiver = succession.successors[0]
            groups[receiver.pk].append(target)
            receivers[receiver.pk] = receiver
            continue
        if not succession.successors:
            message = _(
                "The target of %(agency)s for “%(indicator)s” was not carried: %(agency)s is "
                "no longer open on %(day)s and has no successor on record."
            )
        else:
            own = [
                f"{agency} ({figure_text(year_end, indicator, agency)})"
                for agency in succession.successors
                if year_end.unit_figure(indicator.pk, agency.pk) is not None
            ]
            message = (
                _(
                    "The target of %(agency)s for “%(indicator)s” was not carried: %(agency)s "
                    "went to several agencies (%(successors)s), and its figure is not any one "
                    "of theirs. Set their targets and baselines."
                )
                if succession.stated
                else _(
                    "The target of %(agency)s for “%(indicator)s” was not carried: the basis "
                    "does not say which of %(successors)s took over %(agency)s. Set their "
                    "targets and baselines."
                )
            )
            if own:
                message += " " + _("Their own approved year-end values: %(values)s.") % {
                    "values": "; ".join(own)
                }
        issues.append(
            IssueSpec(Kind.UNIT_TARGET, message % values, indicator=new, agency=target.agency)
        )
    for pk, olds in groups.items():
        agency = receivers[pk]
        ancestry = lineage.get(pk)
        if len(olds) == 1 and olds[0].agency_id == pk:
            ancestry = None  # the unit itself, still open
        predecessors = {t.agency_id: t.agency for t in olds}
        if ancestry is not None:
            predecessors.update({p.pk: p for p in ancestry.predecessors})
        by_agency = {t.agency_id: t for t in olds}
        values = {
            "agency": agency,
            "indicator": new.name,
            "predecessors": names(predecessors.values()),
        }
        if ancestry is not None and not ancestry.continuous:
            # Formed from this unit and part of another: its figures are no longer theirs.
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” was not carried: it was "
                        "formed from %(predecessors)s, not all of which went wholly into it."
                    )
                    % values,
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        without = [p for p_pk, p in predecessors.items() if p_pk not in by_agency]
        if without:
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” could not be worked out "
                        "from the agencies merged into it (%(predecessors)s): %(units)s had "
                        "no target last year."
                    )
                    % {**values, "units": names(without)},
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        ordered = list(predecessors)
        target_value = merged_target(
            indicator,
            [by_agency[p].target_value for p in ordered],
            [year_end.unit_figure(indicator.pk, p) for p in ordered],
        )
        if target_value is None:
            issues.append(
                IssueSpec(
                    Kind.UNIT_TARGET,
                    _(
                        "The target of %(agency)s for “%(indicator)s” could not be worked out "
                        "from the agencies merged into it (%(predecessors)s): a merged rate "
                        "needs each one's approved year-end denominator, and a province-only "
                        "figure does not merge."
                    )
                    % values,
                    indicator=new,
                    agency=agency,
                )
            )
            continue
        baseline, reason = unit_baseline(year_end, indicator, agency, ancestry)
        plan.unit_targets.append(
            IndicatorTarget(
                indicator=new,
                agency=agency,
                baseline_value=baseline,
                target_value=target_value,
                note=olds[0].note if len(olds) == 1 else "",
            )
        )
        if baseline is None and year_end.period is not None:
            issues.append(
                IssueSpec(
                    Kind.BASELINE,
                    _("No baseline for %(agency)s on “%(indicator)s”: %(reason)s.")
                    % {**values, "reason": reason or _("it has no approved year-end value")},
                    indicator=new,
                    agency=agency,
                )
            )
    return issues


def figure_text(year_end: YearEnd, indicator: Indicator, agency: Agency) -> str:
    return format_decimal(figure_value(indicator, year_end.unit_figure(indicator.pk, agency.pk)))
