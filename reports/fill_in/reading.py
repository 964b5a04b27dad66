"""Reading the template's sheets back against the report, cell by cell. Every cell is
validated as if sheet protection and drop-down lists were not there; each problem is
recorded with its sheet, row and column, and each change with its old and new value."""

import datetime
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from directives.localization import (
    AmbiguousNumber,
    NumberKind,
    decimal_for_field,
    figure_of_kind,
    format_decimal,
    parse_decimal,
)
from indicators.models import Indicator
from indicators.rollup import ratio
from reports import workflow
from reports.exports.xlsx import PROGRESS_LABELS
from reports.fill_in.layout import (
    FIRST_ROW,
    GROUP_KEY,
    KEY,
    TASK_COLUMNS,
    VALUE_COLUMNS,
    is_percentage,
)
from reports.fill_in.preview import Change, Problem
from reports.models import IndicatorValue, TaskAnswer

PLACES = Decimal(1).scaleb(-IndicatorValue._meta.get_field("value").decimal_places)


class _Reader:
    """Reads one sheet's cells, recording each problem with its row and column."""

    def __init__(self, ws, problems: list[Problem]):
        self.ws, self.problems = ws, problems

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(self.ws.title, row, column, message))

    def _formula(self, cell) -> bool:
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and value.lstrip().startswith("=")):
            self.problem(cell.row, cell.column_letter, _formula_message())
            return True
        return False

    def text(self, row: int, column: str, *, model=None, field: str = "") -> str:
        """The cell's text, NFC; with ``model`` and ``field``, a problem when that field
        cannot hold it (too long)."""
        text = self._text(row, column)
        if model is not None and (problem := workflow.field_problem(model, field, text)):
            self.problem(row, column, problem)
        return text

    def _text(self, row: int, column: str) -> str:
        cell = self.ws[f"{column}{row}"]
        value = cell.value
        if value is None or (cell.data_type == "f" and self._formula(cell)):
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).replace("\r\n", "\n").strip()
        return unicodedata.normalize("NFC", text)

    def number(
        self,
        row: int,
        column: str,
        *,
        field: str,
        kind: NumberKind,
        minimum=Decimal(0),
        maximum=None,
        below="",
    ):
        """A number the value's ``field`` holds, rounded to its places, a figure of
        ``kind`` (text read as ``parse_decimal`` reads it; a count whole), ≥ minimum (else
        the problem ``below``) and ≤ maximum; or None when the cell is empty or wrong."""
        cell = self.ws[f"{column}{row}"]
        value = cell.value
        if value is None or self._formula(cell):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            self.problem(row, column, _not_a_number(value))
            return None
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                number = parse_decimal(value, kind=kind)
            except AmbiguousNumber as exc:
                self.problem(row, column, str(exc))
                return None
            except ValueError:
                self.problem(row, column, _not_a_number(value))
                return None
        else:
            try:
                number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            except InvalidOperation:
                self.problem(row, column, _not_a_number(value))
                return None
        digits = IndicatorValue._meta.get_field(field)
        try:
            number = decimal_for_field(
                number,
                max_digits=digits.max_digits,
                decimal_places=digits.decimal_places,
                rounding=ROUND_HALF_UP,
            )
            number = figure_of_kind(number, kind)
        except ValueError as exc:
            self.problem(row, column, str(exc))
            return None
        if number < minimum:
            self.problem(row, column, below or _("The value cannot be negative."))
            return None
        if maximum is not None and number > maximum:
            self.problem(row, column, _("A percentage must be between 0 and 100."))
            return None
        return number

    def rows(self, expected: dict[int, object], inputs: str, *, groups: bool = False):
        """(row, id) for each row whose hidden key names one of ``expected``; problems for
        rows that name something else, repeat a row, or are missing. Task rows and task
        group rows ("G" and the id) share a sheet: each reading skips the other's."""
        seen = set()
        for row in range(FIRST_ROW, self.ws.max_row + 1):
            key = self.ws.cell(row=row, column=KEY).value
            if key is None or key == "":
                if not groups and any(self.ws[f"{c}{row}"].value not in (None, "") for c in inputs):
                    self.problem(row, inputs[0], _unknown_row())
                continue
            is_group = isinstance(key, str) and key.startswith(GROUP_KEY)
            if is_group != groups:
                continue
            try:
                item_id = int(key[len(GROUP_KEY) :] if is_group else key)
            except (TypeError, ValueError):
                item_id = None
            if item_id not in expected:
                self.problem(row, "A", _unknown_row())
            elif item_id in seen:
                self.problem(row, "A", _("This row repeats a row above it."))
            else:
                seen.add(item_id)
                yield row, item_id
        self.missing = [item for item_id, item in expected.items() if item_id not in seen]


def _formula_message() -> str:
    return _("This cell holds a formula; type the value itself.")


def _not_a_number(value) -> str:
    return _("“%(value)s” is not a number.") % {"value": value}


def _unknown_row() -> str:
    return _("This row is not part of the report; download a new template.")


def _label_to_progress() -> dict[str, str]:
    labels = {}
    for value, label in TaskAnswer.Progress.choices:
        for text in (PROGRESS_LABELS[value], str(label)):
            labels[_fold(text)] = value
    return labels


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _shorten(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _read_answers(ws, problems, changes, *, items, current, groups: bool, make, label):
    reader = _Reader(ws, problems)
    statuses = _label_to_progress()
    answers = []
    for row, item_id in reader.rows(items, inputs="EFGH", groups=groups):
        progress = ""
        status_text = reader.text(row, "E")
        if status_text:
            progress = statuses.get(_fold(status_text), "")
            if not progress:
                reader.problem(
                    row,
                    "E",
                    _("“%(value)s” is not one of the statuses: %(choices)s.")
                    % {"value": status_text, "choices": ", ".join(PROGRESS_LABELS.values())},
                )
        elif ws[f"E{row}"].data_type != "f":
            reader.problem(row, "E", _("Choose the task's status from the list."))
        answer = make(
            item_id,
            progress=progress,
            results=reader.text(row, "F", model=TaskAnswer, field="results"),
            difficulties=reader.text(row, "G", model=TaskAnswer, field="difficulties"),
            proposals=reader.text(row, "H", model=TaskAnswer, field="proposals"),
        )
        old = current.get(item_id)
        if old is not None and old.completed_on and progress == TaskAnswer.Progress.DONE:
            answer.completed_on = old.completed_on  # the workbook has no column for it
        if not answer.results and ws[f"F{row}"].data_type != "f":
            reader.problem(row, "F", _("Describe the results achieved."))
        answers.append(answer)
        _compare(changes, label(items[item_id]), TaskAnswer, old, answer, TASK_COLUMNS)
    return answers, reader.missing


def read_tasks(ws, report, problems, changes) -> list[workflow.AnswerInput]:
    tasks = {t.pk: t for t in workflow.tasks_for(report)}
    answers, missing = _read_answers(
        ws,
        problems,
        changes,
        items=tasks,
        current={a.task_id: a for a in report.answers.all()},
        groups=False,
        make=lambda pk, **fields: workflow.AnswerInput(task_id=pk, **fields),
        label=lambda task: _("Task “%(task)s”") % {"task": _shorten(task.text)},
    )
    for task in missing:
        problems.append(
            Problem(
                ws.title,
                None,
                "",
                _("Task “%(task)s” is missing from the file; download a new template.")
                % {"task": _shorten(task.text)},
            )
        )
    return answers


def read_groups(ws, report, problems, changes) -> list[workflow.GroupAnswerInput]:
    """The answers for the task groups the unit implements, one row each."""
    groups = {g.pk: g for g in workflow.groups_for(report)}
    answers, missing = _read_answers(
        ws,
        problems,
        changes,
        items=groups,
        current={a.group_id: a for a in report.group_answers.all()},
        groups=True,
        make=lambda pk, **fields: workflow.GroupAnswerInput(group_id=pk, **fields),
        label=lambda group: _("Task group “%(group)s”") % {"group": _shorten(str(group))},
    )
    for group in missing:
        problems.append(
            Problem(
                ws.title,
                None,
                "",
                _("Task group “%(group)s” is missing from the file; download a new template.")
                % {"group": _shorten(str(group))},
            )
        )
    return answers


def read_values(ws, report, problems, changes) -> list[workflow.ValueInput]:
    reader = _Reader(ws, problems)
    indicators = {i.pk: i for i in workflow.indicators_for(report)}
    current = {v.indicator_id: v for v in report.values.all()}
    values = []
    for row, indicator_id in reader.rows(indicators, inputs="FGHI"):
        indicator = indicators[indicator_id]
        note = reader.text(row, "I", model=IndicatorValue, field="note")
        item = workflow.ValueInput(indicator_id=indicator_id, note=note)
        if indicator.rollup_rule == Indicator.RollupRule.RATIO:
            item.numerator = reader.number(
                row,
                "G",
                field="numerator",
                kind=indicator.figure_kind("numerator"),
                below=_("The numerator cannot be negative."),
            )
            item.denominator = reader.number(
                row,
                "H",
                field="denominator",
                kind=indicator.figure_kind("denominator"),
                minimum=PLACES,
                below=_("The denominator must be greater than 0."),
            )
            for name in ("numerator", "denominator"):
                column = VALUE_COLUMNS[name]
                if getattr(item, name) is None and _blank(ws, column, row):
                    reader.problem(
                        row,
                        column,
                        _("Enter the numerator.")
                        if name == "numerator"
                        else _("Enter the denominator."),
                    )
            if item.numerator is not None and item.denominator is not None:
                if item.numerator > item.denominator:
                    reader.problem(
                        row,
                        "G",
                        _(
                            "The numerator (%(numerator)s) cannot be larger than the "
                            "denominator (%(denominator)s)."
                        )
                        % {
                            "numerator": format_decimal(item.numerator),
                            "denominator": format_decimal(item.denominator),
                        },
                    )
                else:
                    item.value = ratio(item.numerator, item.denominator, indicator.ratio_scale)
        else:
            item.value = reader.number(
                row,
                "F",
                field="value",
                kind=indicator.figure_kind("value"),
                maximum=Decimal(100) if is_percentage(indicator) else None,
            )
            if item.value is None and _blank(ws, "F", row):
                reader.problem(row, "F", _("Enter the value."))
        values.append(item)
        label = _("Indicator %(order)s “%(name)s”") % {
            "order": indicator.order,
            "name": _shorten(indicator.name),
        }
        _compare(changes, label, IndicatorValue, current.get(indicator_id), item, VALUE_COLUMNS)
    for indicator in reader.missing:
        reader.problem(
            None,
            "",
            _("Indicator %(order)s is missing from the file; download a new template.")
            % {"order": indicator.order},
        )
    return values


def _blank(ws, column: str, row: int) -> bool:
    value = ws[f"{column}{row}"].value
    return value is None or (isinstance(value, str) and not value.strip())


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return ""
    if name == "progress":
        return str(TaskAnswer.Progress(value).label)
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def _compare(changes: list[Change], label: str, model, current, new, names) -> None:
    """Every field whose new value differs from what the report holds now."""
    for name in names:
        old_value = getattr(current, name) if current else None
        new_value = getattr(new, name)
        if isinstance(old_value, str):
            old_value = old_value.strip()
        if (old_value in (None, "") and new_value in (None, "")) or old_value == new_value:
            continue
        changes.append(
            Change(
                label=label,
                field=str(model._meta.get_field(name).verbose_name),
                old=_display(model, name, old_value),
                new=_display(model, name, new_value),
            )
        )
