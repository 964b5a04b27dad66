"""Writing a directive, with its structure and appendix, from structured data.

The structure is the JSON the document reader produces (see README, "Directive data"):
the seed fixtures are written in it, and the reader of issue "Reading a directive" will
hand its result to the same function. This is the one place where ``directives`` writes
``indicators``: a directive arrives together with its appendix.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.audit import bulk_create_audited, bulk_update_audited, one_save
from directives.localization import decimal_for_field
from directives.models import (
    Agency,
    Assignment,
    Directive,
    DirectiveReference,
    SchoolYear,
    Section,
    Task,
    TaskGroup,
)
from indicators.models import Indicator, counts_whole_units


def normalize_text(value: str | None) -> str:
    """User and document text is stored in NFC: decomposed Vietnamese breaks search."""
    return unicodedata.normalize("NFC", value or "").strip()


def parse_iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}
        ) from exc


PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def parse_plain_decimal(value: str | None, *, field: str) -> Decimal | None:
    """Numbers in directive data are strings in plain decimal notation ("32.7"), with
    ASCII digits, that the indicator's ``field`` holds."""
    if value in (None, ""):
        return None
    if not PLAIN_DECIMAL.fullmatch(str(value)):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value})
    digits = Indicator._meta.get_field(field)
    try:
        return decimal_for_field(
            Decimal(str(value)), max_digits=digits.max_digits, decimal_places=digits.decimal_places
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def school_year_from_label(label: str | None) -> SchoolYear | None:
    """Find or create the school year written "2024-2025" or "2024 - 2025"."""
    if not label:
        return None
    parts = [p.strip() for p in label.replace("–", "-").split("-")]
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[1]) != int(parts[0]) + 1:
        raise ValidationError(_("“%(value)s” is not a school year.") % {"value": label})
    year, _created = SchoolYear.objects.get_or_create(start_year=int(parts[0]))
    return year


def _written_by(instance, by):
    """Name the writer on the history row; without one, the request's user is taken."""
    if by is not None:
        instance._history_user = by
    return instance


@transaction.atomic
@one_save
def import_agencies(*, rows: Iterable[dict], by=None) -> list[Agency]:
    """Create the agencies of ``rows`` that do not exist yet (matched by code).

    Existing agencies are left as they are, so running it twice changes nothing.
    Raises ValidationError when a parent code is unknown.
    """
    rows = list(rows)
    existing = {a.code: a for a in Agency.objects.filter(code__in=[r["code"] for r in rows])}
    created = []
    for row in rows:
        if row["code"] in existing:
            continue
        agency = Agency(
            code=row["code"],
            name=normalize_text(row["name"]),
            short_name=normalize_text(row.get("short_name")),
            kind=row.get("kind") or Agency.Kind.OTHER,
            valid_from=parse_iso_date(row.get("valid_from")),
            valid_until=parse_iso_date(row.get("valid_until")),
        )
        agency.full_clean(exclude=["parent"])
        _written_by(agency, by).save()
        existing[agency.code] = agency
        created.append((agency, row))
    for agency, row in created:
        code = row.get("parent")
        if code:
            if code not in existing and not Agency.objects.filter(code=code).exists():
                raise ValidationError(
                    _("Agency “%(code)s” refers to unknown agency “%(other)s”.")
                    % {"code": agency.code, "other": code}
                )
            agency.parent = existing.get(code) or Agency.objects.get(code=code)
        agency.save(update_fields=["parent"])
    return [agency for agency, _row in created]


def _agencies_by_code(data: dict) -> dict[str, Agency]:
    codes = {data["issuer_code"]} if data.get("issuer_code") else set()
    for group in data.get("task_groups", []):
        for task in group.get("tasks", []):
            for mention in task.get("agencies", []):
                codes.update(mention.get("codes", []))
    found = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    missing = sorted(codes - found.keys())
    if missing:
        raise ValidationError(
            _("Unknown agencies: %(codes)s.") % {"codes": ", ".join(missing)}, code="unknown_agency"
        )
    return found


def _duplicate_error(directive: Directive) -> ValidationError:
    """The message for a directive the unique constraints refused: the same number, symbol
    and date as one in the system, or the same source file imported before."""
    if (
        not (
            directive.number
            and Directive.objects.filter(
                number=directive.number, symbol=directive.symbol, issued_on=directive.issued_on
            ).exists()
        )
        and directive.source_name
    ):
        return ValidationError(
            _("The file %(name)s has already been imported.") % {"name": directive.source_name},
            code="duplicate",
        )
    return ValidationError(
        _("%(reference)s of %(day)s is already in the system.")
        % {
            "reference": directive.reference,
            "day": directive.issued_on.strftime("%d/%m/%Y") if directive.issued_on else "—",
        },
        code="duplicate",
    )


@transaction.atomic
@one_save
def import_directive(*, data: dict, source_text: str = "", by=None) -> Directive:
    """Create a directive with its references, sections, task groups, tasks, assignments
    and appendix indicators, all or nothing, as one save in their history.

    Raises ValidationError when the data breaks a rule (unknown agency, bad date or
    number, duplicate order); nothing is written then.
    """
    if data.get("new_agencies"):
        # Agencies the document names that staff chose to add to the tree.
        import_agencies(rows=data["new_agencies"], by=by)
    agencies = _agencies_by_code(data)
    if not data.get("issuer_code"):
        raise ValidationError(_("The issuing agency is missing."), code="no_issuer")
    signer = data.get("signer") or {}
    directive = Directive(
        doc_type=data.get("doc_type") or "",
        number=normalize_text(data.get("number")),
        symbol=normalize_text(data.get("symbol")),
        issuer=agencies[data["issuer_code"]],
        place=normalize_text(data.get("place")),
        issued_on=parse_iso_date(data.get("issued_on")),
        signer_name=normalize_text(signer.get("name")),
        signer_capacity=normalize_text(signer.get("capacity")),
        title=normalize_text(data.get("title")),
        school_year=school_year_from_label(data.get("school_year")),
        theme=normalize_text(data.get("theme")),
        motto=normalize_text(data.get("motto")),
        preamble=normalize_text(data.get("preamble")),
        recipients="\n".join(normalize_text(r) for r in data.get("recipients", [])),
        source_name=normalize_text(data.get("source_file")),
        source_text=unicodedata.normalize("NFC", source_text),
    )
    directive.full_clean(validate_constraints=False)
    try:
        # The unique constraint decides, not a look-up before it: two staff confirming the
        # same preview at once both pass a look-up, and only one may create the directive.
        with transaction.atomic():
            _written_by(directive, by).save()
    except IntegrityError:
        raise _duplicate_error(directive) from None

    references = []
    for order, ref in enumerate(data.get("implements", []), start=1):
        number, symbol = normalize_text(ref.get("number")), normalize_text(ref.get("symbol"))
        target = None
        if number and symbol:
            target = (
                Directive.objects.filter(number=number, symbol=symbol)
                .exclude(pk=directive.pk)
                .first()
            )
        references.append(
            DirectiveReference(
                directive=directive,
                order=order,
                relation=ref.get("relation") or DirectiveReference.Relation.IMPLEMENTS,
                doc_type=ref.get("doc_type") or "",
                number=number,
                symbol=symbol,
                issued_on=parse_iso_date(ref.get("issued_on")),
                text=normalize_text(ref.get("text")),
                target=target,
            )
        )
    bulk_create_audited(references, DirectiveReference, by=by)
    # A directive that arrives later resolves the references that were waiting for it.
    if directive.number and directive.symbol:
        waiting = list(
            DirectiveReference.objects.filter(
                target__isnull=True, number=directive.number, symbol=directive.symbol
            ).exclude(directive=directive)
        )
        for reference in waiting:
            reference.target = directive
        bulk_update_audited(waiting, DirectiveReference, ["target"], by=by)

    sections = {}
    for order, item in enumerate(data.get("sections", []), start=1):
        section = Section(
            directive=directive,
            order=order,
            number=normalize_text(item.get("number")),
            title=normalize_text(item.get("title")),
            text=normalize_text(item.get("text")),
        )
        _written_by(section, by).save()
        sections[section.number or section.title] = section

    for group_order, item in enumerate(data.get("task_groups", []), start=1):
        section_key = item.get("section")
        if section_key and section_key not in sections:
            raise ValidationError(
                _("Task group “%(title)s” names an unknown section “%(section)s”.")
                % {"title": item.get("title"), "section": section_key}
            )
        group = TaskGroup(
            directive=directive,
            section=sections.get(section_key) if section_key else None,
            order=group_order,
            number=normalize_text(item.get("number")),
            title=normalize_text(item.get("title")),
        )
        _written_by(group, by).save()
        for task_order, task_data in enumerate(item.get("tasks", []), start=1):
            task = Task(
                group=group,
                order=task_order,
                number=normalize_text(task_data.get("number")),
                text=normalize_text(task_data.get("text")),
                deadline_text=normalize_text(task_data.get("deadline")),
                due_on=parse_iso_date(task_data.get("due_on")),
                recurs_yearly=bool(task_data.get("recurs_yearly")),
            )
            task.full_clean(exclude=["group"])
            _written_by(task, by).save()
            roles = {}
            for mention in task_data.get("agencies", []):
                for code in mention.get("codes", []):
                    # A lead role wins when one text names an agency twice.
                    if roles.get(code) != Assignment.Role.LEAD:
                        roles[code] = mention.get("role") or Assignment.Role.LEAD
            bulk_create_audited(
                (
                    Assignment(task=task, agency=agencies[code], role=role)
                    for code, role in roles.items()
                ),
                Assignment,
                by=by,
            )

    indicators = []
    for item in data.get("indicators", []):
        baseline_year = school_year_from_label(item.get("baseline_year"))
        target_year = item.get("target_year")
        if target_year and directive.school_year and target_year != directive.school_year.label:
            raise ValidationError(
                _("Indicator %(order)s has a target for %(year)s, not for the directive's year.")
                % {"order": item.get("order"), "year": target_year}
            )
        indicator = Indicator(
            directive=directive,
            order=item["order"],
            name=normalize_text(item.get("name")),
            unit=normalize_text(item.get("unit")),
            education_level=item.get("education_level") or "",
            baseline_value=parse_plain_decimal(item.get("baseline"), field="baseline_value"),
            baseline_year=baseline_year,
            target_value=parse_plain_decimal(item.get("target"), field="target_value"),
            direction=item.get("direction") or _default_direction(item),
            ratio_scale=item.get("ratio_scale") or 100,
            **indicator_rules(item),
        )
        indicator.full_clean(exclude=["directive"], validate_unique=False)
        indicators.append(indicator)
    orders = [i.order for i in indicators]
    if len(orders) != len(set(orders)):
        raise ValidationError(_("Two indicators have the same order (TT)."))
    bulk_create_audited(indicators, Indicator, by=by)
    return directive


def _default_direction(item: dict) -> str:
    """A target equal to last year's value means keeping it (duy trì); otherwise raise it."""
    same = item.get("baseline") is not None and item.get("baseline") == item.get("target")
    return Indicator.Direction.KEEP if same else Indicator.Direction.RAISE


def indicator_rules(item: dict) -> dict:
    """An indicator's roll-up rule and whether it counts whole units, as the data says or
    else by its unit (see ``_default_rollup_rule`` and ``counts_whole_units``)."""
    rollup_rule = item.get("rollup_rule") or _default_rollup_rule(item)
    is_count = item.get("is_count")
    if is_count is None:
        is_count = counts_whole_units(
            unit=normalize_text(item.get("unit")), rollup_rule=rollup_rule
        )
    return {"rollup_rule": rollup_rule, "is_count": bool(is_count)}


def _default_rollup_rule(item: dict) -> str:
    """A percentage rolls up as a ratio of sums; a count as a sum."""
    unit = (item.get("unit") or "").strip()
    return Indicator.RollupRule.RATIO if unit == "%" else Indicator.RollupRule.SUM
