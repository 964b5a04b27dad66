"""Audited history in words a civil servant reads: one entry per save.

A page names its sources (historical rows of one model, and what each row is about) and
what a save did; this module pairs every row with its previous version, writes out each
change as "what: old → new" with dates, times, people, choices and linked records in
words, and folds the rows of one save into one entry. Reports, periods and directives
show their histories through it (reports/history.py, directives/history.py).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directives.localization import format_decimal

# Rows written outside a request (commands, the demo loader) carry no save id: those of
# one person within moments of each other are taken as one save.
SAME_SAVE = datetime.timedelta(seconds=5)

# What every history row holds besides the content: not shown as changes.
BOOKKEEPING = frozenset(
    {
        "id",
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user",
        "history_user_name",
        "history_action",
        "created_at",
        "updated_at",
    }
)


@dataclass
class Change:
    subject: str
    field: str
    old: str
    new: str


@dataclass
class HistoryEvent:
    """One save: who did what when, why if they said, with every change it made."""

    when: datetime.datetime
    who: str
    action: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


@dataclass
class Source:
    """The history rows of one model, how to name what a row is about ("Task: ..."),
    and the fields not shown: the link to the page's own object, which the subject says."""

    records: QuerySet
    subject: Callable[[object], str]
    skip: frozenset[str] = frozenset()


# A history row, its previous version (None for a new row) and the changes it made.
Row = tuple[object, object | None, list[Change]]


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else _("system")


def _shown_fields(record, skip: frozenset[str]):
    return [f for f in record._meta.fields if f.name not in BOOKKEEPING and f.name not in skip]


def _display(record, model_field, names) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    return str(value)


def _changes(record, before, subject: str, skip, names) -> list[Change]:
    """What the row changed; a deleted row's values all go (old → nothing)."""
    deleted = record.history_type == "-"
    changes = []
    for model_field in _shown_fields(record, skip):
        if (before is None or deleted) and getattr(record, model_field.attname) in (
            None,
            "",
            False,
        ):
            continue  # a new (or deleted) row's empty fields are not changes
        if deleted:
            old, new = _display(record, model_field, names), ""
        else:
            new = _display(record, model_field, names)
            old = _display(before, model_field, names) if before else ""
        if new != old:
            changes.append(Change(subject, str(model_field.verbose_name), old, new))
    return changes


def _related_names(loaded: Iterable[tuple[list, Source]]) -> dict:
    """The name of every record a row links to (people by their names), a query per
    linked model whatever the number of rows."""
    wanted = defaultdict(set)
    for records, source in loaded:
        for record in records:
            for model_field in _shown_fields(record, source.skip):
                value = getattr(record, model_field.attname)
                if model_field.is_relation and value is not None:
                    wanted[model_field.related_model].add(value)
    names = {}
    people = get_user_model()
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            names[(model, obj.pk)] = _person(obj) if model is people else str(obj)
    return names


def _saves(rows: list[Row]) -> list[list[Row]]:
    """The rows of each save, in order: rows written in one request or one domain call
    share its id; rows written elsewhere by one person within moments are one save."""
    saves, by_action = [], {}
    for row in rows:
        record = row[0]
        if record.history_action is not None:
            if record.history_action not in by_action:
                by_action[record.history_action] = []
                saves.append(by_action[record.history_action])
            by_action[record.history_action].append(row)
            continue
        last = saves[-1][0][0] if saves else None
        if (
            last is None
            or last.history_action is not None
            or record.history_user_id != last.history_user_id
            or record.history_date - last.history_date > SAME_SAVE
        ):
            saves.append([])
        saves[-1].append(row)
    return saves


def history_events(
    sources: list[Source], *, action: Callable[[list[Row]], str]
) -> list[HistoryEvent]:
    """Every recorded change of the sources, one event per save that changed something,
    newest first; ``action`` names what a save did from its rows."""
    loaded = [(list(source.records.select_related("history_user")), source) for source in sources]
    names = _related_names(loaded)
    rows = []
    for records, source in loaded:
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            before = previous.get(record.id)
            subject = source.subject(record)
            rows.append((record, before, _changes(record, before, subject, source.skip, names)))
            previous[record.id] = record
    rows.sort(key=lambda row: (row[0].history_date, row[0].history_id))

    events = [
        HistoryEvent(
            when=save[0][0].history_date,
            who=save[0][0].history_user_display or _("system"),
            action=action(save),
            changes=[change for _record, _before, made in save for change in made],
            reason=next(
                (r.history_change_reason for r, _b, _m in save if r.history_change_reason), ""
            ),
        )
        for save in _saves(rows)
    ]
    return [event for event in reversed(events) if event.changes]
