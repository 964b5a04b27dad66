"""Linking a real new plan, read from its document, to last year's, indicator by
indicator: the same baselines as a roll-forward would give, on a plan staff did not copy."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.audit import bulk_update_audited, one_save
from directives.lineage import ancestries
from directives.models import Directive
from indicators.models import Indicator, IndicatorTarget
from planning.baselines import province_baseline, unit_baseline, year_end_of
from planning.rollforward import relabel


def folded(text: str) -> str:
    """A name compared without case, diacritics or spacing: "Tỷ lệ  trẻ" ~ "ty le tre"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


def propose_pairs(
    *, directive: Directive, previous: Directive
) -> dict[Indicator, Indicator | None]:
    """For each indicator of ``directive``, last year's indicator of the same name and unit
    (case, diacritics, spacing and the school year's label ignored), each used once."""
    new_year, old_year = directive.school_year, previous.school_year
    candidates: dict[tuple[str, str], list[Indicator]] = {}
    for old in previous.indicators.order_by("order"):
        name = relabel(old.name, old_year, new_year) if old_year and new_year else old.name
        candidates.setdefault((folded(name), folded(old.unit)), []).append(old)
    pairs = {}
    for indicator in directive.indicators.order_by("order"):
        found = candidates.get((folded(indicator.name), folded(indicator.unit)))
        pairs[indicator] = found.pop(0) if found else None
    return pairs


@dataclass
class LinkResult:
    directive: Directive
    linked: int  # indicators given last year's
    baselines: int  # province baselines taken from last year's year-end review
    unit_baselines: int


def _refusal(directive: Directive, previous: Directive, pairs) -> str:
    if previous.pk == directive.pk:
        return _("A plan cannot continue itself.")
    if directive.school_year is None or previous.school_year is None:
        return _("Both plans need a school year.")
    if previous.school_year.start_year >= directive.school_year.start_year:
        return _("Last year's plan must be of an earlier school year than %(year)s.") % {
            "year": directive.school_year
        }
    other = (
        Directive.objects.filter(previous_year=previous, school_year=directive.school_year)
        .exclude(pk=directive.pk)
        .first()
    )
    if other is not None:
        return _("“%(plan)s” already continues that plan in the school year %(year)s.") % {
            "plan": other,
            "year": directive.school_year,
        }
    if any(i.directive_id != directive.pk for i in pairs) or any(
        p is not None and p.directive_id != previous.pk for p in pairs.values()
    ):
        return _("Every indicator must belong to its plan.")
    used = [p.pk for p in pairs.values() if p is not None]
    if len(used) != len(set(used)):
        return _("Each indicator of last year's plan can be continued by one indicator only.")
    return ""


@transaction.atomic
@one_save
def link_previous_year(
    *, directive: Directive, previous: Directive, pairs: dict[Indicator, Indicator | None], by
) -> LinkResult:
    """Record that ``directive`` continues ``previous`` and which indicator continues
    which; the paired indicators, and their unit targets, take last year's approved
    year-end values as baselines (where there is none, the baseline stays as the document
    gives it). Raises ValidationError when another plan already continues ``previous`` in
    that school year, or the pairs do not fit the plans."""
    with translation.override(settings.LANGUAGE_CODE):
        problem = _refusal(directive, previous, pairs)
    if problem:
        raise ValidationError(problem)
    directive.previous_year = previous
    directive._history_user = by
    directive.save()
    year_end = year_end_of(previous)
    indicators = list(pairs)
    # Clear first: a pair moved from one indicator to another must not collide.
    Indicator.objects.filter(directive=directive).exclude(previous=None).update(previous=None)
    targets = list(
        IndicatorTarget.objects.filter(indicator__in=indicators).select_related("agency")
    )
    lineage = ancestries({t.agency for t in targets})
    result = LinkResult(directive, 0, 0, 0)
    for indicator in indicators:
        old = pairs[indicator]
        indicator.previous = old
        if old is None:
            continue
        result.linked += 1
        baseline, _reason = province_baseline(year_end, old)
        if baseline is not None:
            indicator.baseline_value = baseline
            indicator.baseline_year = previous.school_year
            result.baselines += 1
    bulk_update_audited(
        indicators, Indicator, ["previous", "baseline_value", "baseline_year"], by=by
    )
    by_pk = {indicator.pk: indicator for indicator in indicators}
    changed = []
    for target in targets:
        old = pairs[by_pk[target.indicator_id]]
        if old is None:
            continue
        baseline, _reason = unit_baseline(
            year_end, old, target.agency, lineage.get(target.agency_id)
        )
        if baseline is not None:
            target.baseline_value = baseline
            changed.append(target)
    bulk_update_audited(changed, IndicatorTarget, ["baseline_value"], by=by)
    result.unit_baselines = len(changed)
    return result
