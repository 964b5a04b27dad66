"""Dates and deadlines as Vietnamese administrative texts write them."""

import calendar
import datetime
import re

from .unsure import AMBIGUOUS, GUESSED, mark

# "ngày 17 tháng 9 năm 2024" (possibly split across lines), "11/9/2020", "9-10-2018".
WORDY_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
NUMERIC_DATE = r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
DATE = rf"(?:{WORDY_DATE}|{NUMERIC_DATE})"

_DATE_RE = re.compile(DATE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# The Ministry's yearly framework (khung kế hoạch thời gian năm học) ends the first term in
# mid-January and the school year by 31 May; a deadline "in the first term" or "in school
# year 2024 - 2025" is given these days, marked as guessed.
_FIRST_TERM_END = (1, 15)
_SCHOOL_YEAR_END = (5, 31)

# What a deadline names, one alternative per kind; each is a run of literal words and
# single-quantifier gaps, so no part of the text is tried two ways (linear).
_WHEN = (
    r"(?P<wdate>(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})\s+năm\s+(?P<wy>\d{4}))"
    r"|(?P<ndate>(?P<nd>\d{1,2})\s?[/.\-]\s?(?P<nm>\d{1,2})\s?[/.\-]\s?(?P<ny>\d{4}))(?!\d)"
    r"|(?P<wdm>(?P<wdd>\d{1,2})\s+tháng\s+(?P<wdmm>\d{1,2}))(?![\d/])"
    r"|(?P<ndm>(?P<ndd>\d{1,2})/(?P<ndmm>\d{1,2}))(?![\d/\-])"
    r"|(?P<monthly>\d{1,2}\s+(?:hằng|hàng)\s+(?:tháng|quý))"
    r"|(?P<quarter>quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s?(?:/|năm)\s?(?P<qy>\d{4}))?)"
    r"|(?P<month>tháng\s+(?P<m>\d{1,2})(?!\d)(?:\s?(?:/|năm)\s?(?P<my>\d{4}))?)"
    r"|(?P<term>học\s+kỳ\s+(?P<t>II|I|1|2)(?!\w)"
    r"(?:,?\s+năm\s+học\s+(?P<ty>\d{4})\s?[-–]\s?\d{4})?)"
    r"|(?P<school>năm\s+học\s+(?P<sy>\d{4})\s?[-–]\s?(?P<sy2>\d{4}))"
    r"|(?P<year>năm\s+(?P<y>\d{4}))(?!\d)"
    r"|(?P<recurring>thường\s+xuyên|định\s+kỳ(?:\s+(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm))?"
    r"|(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm))"
)
_WHEN_RE = re.compile(rf"(?<!\w)(?:{_WHEN})", re.IGNORECASE)
_YEARLY_RE = re.compile(r"\s+(?:hằng|hàng)\s+năm", re.IGNORECASE)
# "Hằng năm, trước ngày 31/10": the yearly words before the deadline's.
_YEARLY_BEFORE_RE = re.compile(r"(?:hằng|hàng)\s+năm\s*+,?\s*+$", re.IGNORECASE)
# Words before a date that make it the task's deadline (not the date of a cited document).
_BEFORE_DATE_RE = re.compile(
    r"(?:(?:hoàn\s+thành|xong)\s+)?"
    r"(?:trước(?:\s+hoặc\s+vào)?|chậm\s+nhất(?:\s+là)?|vào|đến(?:\s+hết)?|hoàn\s+thành|xong)"
    r"(?:\s+ngày)?\s+$",
    re.IGNORECASE,
)
# Words before a period (quarter, month, term, year) that make it the deadline.
_BEFORE_PERIOD_RE = re.compile(
    r"(?:(?:hoàn\s+thành|xong)\s+)?"
    r"(?:trước|trong|chậm\s+nhất(?:\s+là)?(?:\s+trong)?|đến\s+hết|hết|cuối|hoàn\s+thành)"
    r"\s+$",
    re.IGNORECASE,
)
# "từ tháng 9/2024 đến tháng 5/2025": the end of a stated period of months, quarters or terms
# ("đến năm 2030" names a horizon, not a deadline).
_UNTIL_RE = re.compile(r"đến\s+$", re.IGNORECASE)
_UNTIL_KINDS = ("quarter", "month", "term")
# "Thời gian hoàn thành: ...", "Thời hạn: ..." (a label; the value is the deadline).
_LABEL_RE = re.compile(
    r"(?:thời\s+gian|thời\s+hạn|hạn)(?:\s+(?:hoàn\s+thành|thực\s+hiện|báo\s+cáo|nộp))?"
    r"\s?:\s*$",
    re.IGNORECASE,
)
# A clause of its own: after the start, a comma, a semicolon or a bracket.
_CLAUSE_START_RE = re.compile(
    r"(?:^|[,;(:–]|\s-)\s*(?:(?:thực\s+hiện|báo\s+cáo|tổ\s+chức)\s+)?$", re.IGNORECASE
)
_LEADING_BLANKS_RE = re.compile(r"[\s\-–•+*]*+")
_CLAUSE_END_RE = re.compile(r"\s*(?:[.;)]|$)")
_BRACKET_OPEN_RE = re.compile(r"\(\s*+$")
_BRACKET_CLOSE_RE = re.compile(r"\s*+\)")
_LOOK_BACK = 40
_PERIODS = ("quarter", "month", "term", "school", "year")


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


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return make_date(calendar.monthrange(year, month)[1], month, year)


def _day_before(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return (datetime.date(year, month, 1) - datetime.timedelta(days=1)).isoformat()


class _Plan:
    """When the plan was issued: the year of a deadline that does not write one."""

    def __init__(self, default_year: int | None, issued_on: str | None):
        self.issued = None
        if issued_on:
            try:
                self.issued = datetime.date.fromisoformat(issued_on)
            except ValueError:
                self.issued = None
        self.year = self.issued.year if self.issued else default_year

    def next_on_or_after(self, month: int, day: int) -> str | None:
        """The first (day, month) on or after the plan's date (in its year without a date)."""
        if self.year is None:
            return None
        found = make_date(day, month, self.year)
        if found and self.issued and found < self.issued.isoformat():
            found = make_date(day, month, self.year + 1)
        return found

    def school_year_start(self) -> int | None:
        """The first calendar year of the school year the plan is for."""
        if self.issued:
            return self.issued.year if self.issued.month >= 7 else self.issued.year - 1
        return self.year


_DOING_RE = re.compile(r"(?:thực\s+hiện|tiến\s+hành|triển\s+khai|tổ\s+chức)\s+$", re.IGNORECASE)


def _accepted(text: str, match: re.Match, blank_end: int) -> tuple[int, bool] | None:
    """Where the deadline's words start, if the match is a deadline; else None.

    The second item says the date came after a "trước"/"trong" word (kept in the words);
    ``blank_end`` is where the text's leading blanks and bullets end (a cell of one date).
    """
    kind = match.lastgroup
    start = match.start()
    before = text[max(0, start - _LOOK_BACK) : start]
    if start <= blank_end and _CLAUSE_END_RE.fullmatch(text, match.end()):
        return start, False
    label = _LABEL_RE.search(before)
    if label:
        return start, False
    if kind != "recurring":
        lead_re = _BEFORE_PERIOD_RE if kind in _PERIODS else _BEFORE_DATE_RE
        lead = lead_re.search(before)
        if not lead and kind in _UNTIL_KINDS:
            lead = _UNTIL_RE.search(before)
        if lead:
            return start - (len(before) - lead.start()), True
        if kind in ("wdate", "ndate", "wdm", "ndm", "monthly", "year"):
            # "... thiết bị dạy học (15/10/2024).": a date alone in brackets is the deadline.
            alone = _BRACKET_OPEN_RE.search(before) and _BRACKET_CLOSE_RE.match(text, match.end())
            return (start, False) if alone else None
    if _CLAUSE_START_RE.search(before) and _CLAUSE_END_RE.match(text, _end_of(text, match)):
        return start, False
    if (
        kind == "recurring"
        and _DOING_RE.search(before)
        and _CLAUSE_END_RE.match(text, _end_of(text, match))
    ):
        return start, False  # "...; thực hiện thường xuyên." ends the task with its rhythm
    return None


def _end_of(text: str, match: re.Match) -> int:
    yearly = _YEARLY_RE.match(text, match.end())
    return yearly.end() if yearly else match.end()


def _reading(match: re.Match, plan: _Plan, *, before: bool) -> tuple[str | None, bool]:
    """(due date, whether the date is inferred) of an accepted match."""
    g = match.groupdict()
    kind = match.lastgroup
    if kind == "wdate":
        return make_date(g["wd"], g["wm"], g["wy"]), False
    if kind == "ndate":
        return make_date(g["nd"], g["nm"], g["ny"]), False
    if kind in ("wdm", "ndm"):
        day, month = (g["wdd"], g["wdmm"]) if kind == "wdm" else (g["ndd"], g["ndmm"])
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            return None, False
        return plan.next_on_or_after(int(month), int(day)), True
    if kind == "quarter":
        quarter = _QUARTERS[g["q"].upper()]
        first_month, last_month = quarter * 3 - 2, quarter * 3
        if g["qy"]:
            year, guessed = int(g["qy"]), False
        else:
            due = plan.next_on_or_after(last_month, calendar.monthrange(2001, last_month)[1])
            if due is None:
                return None, True
            year, guessed = int(due[:4]), True
        return (_day_before(year, first_month) if before else _month_end(year, last_month)), (
            guessed
        )
    if kind == "month":
        month = int(g["m"])
        if not 1 <= month <= 12:
            return None, False
        if g["my"]:
            year, guessed = int(g["my"]), False
        else:
            due = plan.next_on_or_after(month, calendar.monthrange(2001, month)[1])
            if due is None:
                return None, True
            year, guessed = int(due[:4]), True
        return (_day_before(year, month) if before else _month_end(year, month)), guessed
    if kind == "term":
        start = int(g["ty"]) if g["ty"] else plan.school_year_start()
        if start is None:
            return None, True
        month, day = _FIRST_TERM_END if g["t"] in ("I", "1") else _SCHOOL_YEAR_END
        return make_date(day, month, start + 1), True
    if kind == "school":
        month, day = _SCHOOL_YEAR_END
        return make_date(day, month, g["sy2"]), True
    if kind == "year":
        year = int(g["y"])
        return (make_date(31, 12, year - 1) if before else make_date(31, 12, year)), False
    return None, False


def deadline_words(text: str) -> str | None:
    """A deadline's words as a label or a table cell writes them, without the blanks and the
    punctuation that end the sentence or cell ("Tháng 11/2025." is "Tháng 11/2025")."""
    words = text.strip().rstrip(" .;,:").rstrip()
    return words or None


def find_deadline(text: str, *, default_year: int | None, issued_on: str | None = None) -> dict:
    """The deadline stated in a task: its words, due date and whether it recurs yearly.

    A deadline is a date or period after "trước", "chậm nhất", "trong", "hoàn thành", ...,
    after a label ("Thời gian hoàn thành:"), or standing as a clause (or a cell) of its own;
    a date cited with a document ("Chỉ thị số 666/CT-BGDĐT ngày 24/8/2020") is not one.
    A day without its year falls on its first occurrence on or after the plan's date
    (``issued_on``, else in ``default_year``) and is marked guessed, as are the ends of a
    term or school year; "thường xuyên", "hằng tháng", ... keep their words with no date.
    Several deadlines: the first is kept and the due date is marked ambiguous.
    """
    result: dict = {"deadline": None, "due_on": None, "recurs_yearly": False}
    plan = _Plan(default_year, issued_on)
    first: tuple | None = None
    blank_end = _LEADING_BLANKS_RE.match(text).end()
    for match in _WHEN_RE.finditer(text):
        accepted = _accepted(text, match, blank_end)
        if accepted is None:
            continue
        if first is not None:
            if match.group(0).lower() != first[0].group(0).lower():
                mark(result, "deadline", AMBIGUOUS)  # which one holds is for staff to say
                mark(result, "due_on", AMBIGUOUS)
                break
            continue
        first = (match, accepted)
    if first is None:
        return result
    match, (start, before_word) = first
    end = _end_of(text, match)
    yearly = end != match.end() or (
        match.lastgroup == "recurring" and match.group(0).lower().endswith(" năm")
    )
    before = before_word and text[start : start + 5].lower() == "trước"
    look_from = max(0, start - 20)
    yearly_before = _YEARLY_BEFORE_RE.search(text, look_from, start)
    if yearly_before:
        start, yearly = yearly_before.start(), True
    words = text[start:end]
    due_on, guessed = _reading(match, plan, before=before)
    result.update(deadline=deadline_words(words), due_on=due_on, recurs_yearly=yearly)
    if guessed and due_on:
        mark(result, "due_on", GUESSED)
    return result
