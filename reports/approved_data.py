"""Approved data does not move.

An approved report's figures are judged against its unit's targets and count in the
province's values; a unit target they rely on can neither change nor go, and a period
holding approved reports cannot be deleted. The admin, its imports and the target pages
ask here; an administrator who must correct one reopens the report first.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from indicators.models import IndicatorTarget
from reports.models import ProgressReport, ReportingPeriod

Status = ProgressReport.Status

# What the approved figures are judged against; the note may still change.
TARGET_FIGURES = ("indicator", "agency", "baseline_value", "target_value")


def reports_relying_on(target: IndicatorTarget) -> QuerySet[ProgressReport]:
    """The approved reports of the target's unit with a figure for its indicator."""
    return (
        ProgressReport.objects.filter(
            status=Status.APPROVED,
            agency_id=target.agency_id,
            values__indicator_id=target.indicator_id,
        )
        .select_related("agency", "period")
        .distinct()
        .order_by("period__due_on", "pk")
    )


def approved_reports_of(periods: QuerySet[ReportingPeriod]) -> QuerySet[ProgressReport]:
    """The approved reports of the periods: a period holding one is not deleted."""
    return ProgressReport.objects.filter(period__in=periods, status=Status.APPROVED).select_related(
        "agency", "period"
    )


def report_name(report: ProgressReport) -> str:
    return _("Approved report: %(unit)s, %(period)s") % {
        "unit": report.agency,
        "period": report.period,
    }


def target_refusal(target: IndicatorTarget) -> str:
    """Why the unit target may not change or go, or "" when no approved report relies
    on it."""
    reports = list(reports_relying_on(target))
    if not reports:
        return ""
    return _(
        "The unit target of %(unit)s for indicator %(order)s cannot be changed or deleted "
        "while an approved report relies on it (%(reports)s). An administrator must reopen "
        "the report first."
    ) % {
        "unit": target.agency,
        "order": target.indicator.order,
        "reports": "; ".join(f"{report.agency} — {report.period}" for report in reports),
    }


def check_target_change(target: IndicatorTarget) -> None:
    """Refuse a change to a stored unit target's figures that an approved report relies
    on. Raises ValidationError, keyed by the first field changed."""
    if target.pk is None:
        return
    stored = IndicatorTarget.objects.filter(pk=target.pk).first()
    if stored is None:
        return
    changed = [
        name
        for name in TARGET_FIGURES
        if getattr(stored, _attname(name)) != getattr(target, _attname(name))
    ]
    if changed and (refusal := target_refusal(stored)):
        raise ValidationError({changed[0]: refusal})


def _attname(name: str) -> str:
    return IndicatorTarget._meta.get_field(name).attname


def refuse_moving_relied_on(targets: list[IndicatorTarget]) -> dict[int, str]:
    """Why each stored unit target about to change or go may not, for those an approved
    report relies on: {target pk: refusal}, in one query whatever the number of targets.
    The target pages of the indicators app ask here (``indicators.targets``)."""
    targets = [target for target in targets if target.pk is not None]
    if not targets:
        return {}
    pairs = {(target.indicator_id, target.agency_id): target for target in targets}
    relying = defaultdict(list)
    for report in (
        ProgressReport.objects.filter(
            status=Status.APPROVED,
            agency_id__in={agency_id for _indicator, agency_id in pairs},
            values__indicator_id__in={indicator_id for indicator_id, _agency in pairs},
        )
        .annotate(indicator_id=F("values__indicator_id"))
        .select_related("agency", "period")
        .order_by("period__due_on", "pk")
    ):
        if (target := pairs.get((report.indicator_id, report.agency_id))) is not None:
            relying[target.pk].append(report)
    return {
        pk: _(
            "This target cannot change while an approved report relies on it (%(reports)s). "
            "An administrator must reopen the report first."
        )
        % {"reports": "; ".join(f"{report.agency} — {report.period}" for report in reports)}
        for pk, reports in relying.items()
    }
