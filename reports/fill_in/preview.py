"""What reading an upload gives back: a preview of every change and every problem with its
cell, or FillInError when the file is refused as a whole."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports import workflow


class FillInError(Exception):
    """The uploaded file is refused as a whole; the message says why, for the user."""


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.row:
            return _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.sheet:
            return _("Sheet “%(sheet)s”: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return self.message


@dataclass(frozen=True)
class Change:
    label: str
    field: str
    old: str
    new: str


@dataclass
class FillInPreview:
    problems: list[Problem]
    changes: list[Change]
    data: workflow.ReportInput
    version: int
    report_id: int | None = None  # the report the file was read for
