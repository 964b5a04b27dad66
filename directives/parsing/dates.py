"""Dates and deadlines as Vietnamese administrative texts write them."""

import calendar
import datetime
import re

# "ngày 17 tháng 9 năm 2024" (possibly split across lines), "11/9/2020", "9-10-2018".
WORDY_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
NUMERIC_DATE = r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
DATE = rf"(?:{WORDY_DATE}|{NUMERIC_DATE})"

_DATE_RE = re.compile(DATE)
_QUARTER_ENDS = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}
_QUARTER_DIGITS = {"1": "I", "2": "II", "3": "III", "4": "IV"}

_QUARTER_RE = re.compile(
    r"(?:hoàn thành\s+)?(?:trong|trước|chậm nhất)\s+quý\s+(IV|I{1,3}|[1-4])\s+năm\s+(\d{4})"
)
_BEFORE_DAY_RE = re.compile(
    r"(?:hoàn thành\s+)?(?:trước|chậm nhất|trước hoặc vào)\s+ngày\s+(\d{1,2})/(\d{1,2})"
    r"(?:/(\d{4}))?(\s+(?:hằng|hàng)\s+năm)?"
)
_MONTH_RE = re.compile(r"(?:hoàn thành\s+)?trong\s+tháng\s+(\d{1,2})(?:/|\s+năm\s+)(\d{4})")


def make_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """An ISO date, or None when the parts do not form a real date."""
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def date_from_match(groups: tuple) -> str | None:
    """The ISO date of a match of DATE (its six groups, wordy then numeric)."""
    if groups[0] is not None:
        return make_date(groups[0], groups[1], groups[2])
    return make_date(groups[3], groups[4], groups[5])


def find_date(text: str) -> str | None:
    """The first valid date written anywhere in text."""
    for match in _DATE_RE.finditer(text):
        found = date_from_match(match.groups())
        if found:
            return found
    return None


def find_deadline(text: str, *, default_year: int | None) -> dict:
    """The deadline stated in a task: its words, due date and whether it recurs yearly."""
    result = {"deadline": None, "due_on": None, "recurs_yearly": False}
    match = _QUARTER_RE.search(text)
    if match:
        quarter = _QUARTER_DIGITS.get(match.group(1), match.group(1))
        month, day = _QUARTER_ENDS[quarter]
        result.update(deadline=match.group(0), due_on=make_date(day, month, match.group(2)))
        return result
    match = _BEFORE_DAY_RE.search(text)
    if match:
        yearly = bool(match.group(4))
        year = match.group(3) or default_year
        result.update(
            deadline=match.group(0),
            due_on=make_date(match.group(1), match.group(2), year) if year else None,
            recurs_yearly=yearly,
        )
        return result
    match = _MONTH_RE.search(text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            result.update(deadline=match.group(0), due_on=make_date(last, month, year))
    return result
