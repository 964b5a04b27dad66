"""The header of a directive: type, number and symbol, issuer, place and date, title."""

import re
from collections import Counter

from .dates import DATE, date_from_match, find_date
from .references import DOC_TYPES

_TYPE_WORDS = sorted(DOC_TYPES, key=len, reverse=True)
# Possessive \s*+ where what follows cannot be white space: the same matches, but a long run of
# spaces is not split every possible way between neighbouring \s* (quadratic in the run).
_NUMBER_LINE_RE = re.compile(r"^Số\s*+:?\s*+(\d*)\s*+/\s*+([A-ZĐ][\w\-]*\w)")
_PLACE_DATE_RE = re.compile(
    r"^([^\d,:;()]{2,40}),\s*(?:ngày\b|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})", re.IGNORECASE
)
_DAY_RE = re.compile(r"ngày\s+" + DATE, re.IGNORECASE)
_YEAR_ONLY_RE = re.compile(r"năm\s+(\d{4})")
_ATTACHED_RE = re.compile(
    r"\(Kèm theo\s++(\w+\s++\w+)\s++số\s++(\d*)\s*+/\s*+([A-ZĐ][\w\-]*\w)\s++ngày\s++"
    + DATE
    + r"\s++của\s+([^)]+)\)"
)
# A news lead: "Ngày 11/9/2020, UBND tỉnh ban hành chỉ thị 10/CT-UBND ...". As one pattern,
# [Nn]gày\s+DATE,\s*([^,.;]{2,80}?)\s+(?:đã\s+)?ban\s+hành\s+(TYPE)(?:\s+(?:số\s+)?(\d+)/(SYMBOL))?,
# white space after the comma would be tried in every split between \s*, the subject and \s+
# (quadratic in a long run of spaces, for each of up to 80 subject lengths). _find_issued tries
# the same candidates in the same order, each once: the subject after all the white space
# (ending where a run of white space begins), then the subject taking back one or two spaces.
_ISSUED_OPENING_RE = re.compile(r"[Nn]gày\s+" + DATE + ",", re.IGNORECASE)
_ISSUED_TAIL = (
    r"\s++(?:đã\s++)?ban\s++hành\s++("
    + "|".join(_TYPE_WORDS)
    + r")(?:\s++(?:số\s++)?(\d+)/([A-ZĐ][\w\-]*\w))?"
)
_ISSUED_SUBJECTS = (
    re.compile(r"\s*+([^,.;]{2}(?:[^,.;]{0,78}?(?<!\s))??)" + _ISSUED_TAIL, re.IGNORECASE),
    re.compile(r"\s*(\s[^\s,.;])" + _ISSUED_TAIL, re.IGNORECASE),
    re.compile(r"\s*(\s\s)(?=\s(?!\s))" + _ISSUED_TAIL, re.IGNORECASE),
)
# The subject ends where white space begins (the lookbehind): trying it at every space of a run
# would rescan the rest of the run each time.
_ACTOR_ISSUED_RE = re.compile(
    r"(?:^|[,.]\s++)((?:Chủ tịch\s++)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Phòng)"
    r"[^,.;]{0,60}?(?<!\s))\s++(?:đã\s++)?ban\s++hành\s++(" + "|".join(_TYPE_WORDS) + r")",
    re.IGNORECASE,
)
_SCHOOL_YEAR_RE = re.compile(r"năm\s+học\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
# Theme and motto: these words, then within 40 characters a quotation, whose text is read by
# _Quotations (as the pattern \s*([^”"\n]+?)\s*[”"] after the opening mark would read it).
_THEME_OPENING_RE = re.compile(r"chủ\s+đề\s+năm\s+học[^“\"”\n]{0,40}?[“\"]", re.IGNORECASE)
_MOTTO_OPENING_RE = re.compile(
    r"phương\s+châm\s+(?:triển\s+khai\s+|thực\s+hiện\s+)?nhiệm\s+vụ\s+năm\s+học"
    r"[^“\"”\n]{0,40}?[“\"]",
    re.IGNORECASE,
)
_NON_SPACE_RE = re.compile(r"\S")
_QUOTATION_STOP_RE = re.compile(r"[”\"\n]")
_CLOSING_MARKS = '”"'
_PROVINCE_RE = re.compile(r"\btỉnh\s+((?:[A-ZĐ]\w*)(?:\s+[A-ZĐ]\w*)*)")
_NATIONAL_MOTTO = ("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "ĐỘC LẬP - TỰ DO")
_UPPER_NAMES = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UBND": "Ủy ban nhân dân",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO": "Sở Giáo dục và Đào tạo",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": "Phòng Giáo dục và Đào tạo",
    "SỞ GD&ĐT": "Sở GD&ĐT",
    "PHÒNG GD&ĐT": "Phòng GD&ĐT",
}
_LEVELS = {"TỈNH": "tỉnh", "HUYỆN": "huyện", "THÀNH PHỐ": "thành phố", "THỊ XÃ": "thị xã"}


def type_of_line(line: str) -> tuple[str | None, str]:
    """(doc_type, rest of line) when line opens with a document type in capitals."""
    upper = line.upper()
    for words in _TYPE_WORDS:
        word = words.upper()
        if upper.startswith(word) and line[:3].isupper():
            rest = line[len(word) :]
            if rest and rest[0].isalnum():
                continue
            return DOC_TYPES[words], rest.strip(" :-")
    return None, ""


def _titlecase(words: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in words.split())


def issuer_from_capitals(line: str) -> str | None:
    """ "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" → "Ủy ban nhân dân tỉnh Lai Châu"."""
    text = " ".join(line.replace("*", "").split())
    for upper, proper in _UPPER_NAMES.items():
        if text.upper().startswith(upper):
            rest = text[len(upper) :].strip()
            for level, lower in _LEVELS.items():
                if rest.upper().startswith(level):
                    return f"{proper} {lower} {_titlecase(rest[len(level) :])}".strip()
            return f"{proper} {_titlecase(rest)}".strip() if rest else proper
    return None


def normalise_issuer(name: str, *, text: str, place: str | None) -> str:
    """Spell an issuer in full: UBND → Ủy ban nhân dân, "tỉnh" completed with the province."""
    name = re.sub(r"^Chủ tịch\s+", "", name.strip())
    name = re.sub(r"^(UBND|Uỷ ban nhân dân)\b", "Ủy ban nhân dân", name)
    if re.search(r"\btỉnh$", name):
        provinces = Counter(_PROVINCE_RE.findall(text))
        if provinces:
            name = f"{name} {provinces.most_common(1)[0][0]}"
    if name.startswith("Phòng ") and "huyện" not in name and place:
        name = f"{name} huyện {place}"
    return name


def find_school_year(*texts: str) -> str | None:
    for text in texts:
        for match in _SCHOOL_YEAR_RE.finditer(text or ""):
            start, end = int(match.group(1)), int(match.group(2))
            if end == start + 1:
                return f"{start}-{end}"
    return None


def find_theme_and_motto(text: str) -> tuple[str | None, str | None]:
    return _first_quoted(_THEME_OPENING_RE, text), _first_quoted(_MOTTO_OPENING_RE, text)


def _first_quoted(opening: re.Pattern, text: str) -> str | None:
    """The text of the first quotation opened after `opening` that is closed."""
    # One regular expression for words and quotation would rescan a line to its end at every
    # unclosed quotation on it (quadratic in the line); here each stretch is read once.
    quotations = _Quotations(text)
    for match in opening.finditer(text):
        quoted = quotations.closed_after(match.end() - 1)
        if quoted is not None:
            return quoted
    return None


class _Quotations:
    r"""What the quotation opened at a mark says: its text up to the closing mark, trimmed.

    As the pattern \s*([^”"\n]+?)\s*[”"] reads it: the closing mark may follow on the next
    line after white space, and a quotation holding only white space reads as one character.
    Remembers where the last stretch of text ended, so that several opening marks before the
    same end of line cost one scan, not one each.
    """

    def __init__(self, text: str):
        self.text = text
        self._stretch = (0, -1)  # (from, first stop at or after it)
        self._after_stop: dict[int, int] = {}

    def _next(self, regex: re.Pattern, at: int) -> int:
        match = regex.search(self.text, at)
        return match.start() if match else len(self.text)

    def closed_after(self, mark: int) -> str | None:
        text, size = self.text, len(self.text)
        start = self._next(_NON_SPACE_RE, mark + 1)
        if start == size:
            return None
        if text[start] in _CLOSING_MARKS:
            # Only white space inside: the last character of it that is not a line break.
            inside = text[mark + 1 : start].rstrip("\n")
            return inside[-1] if inside else None
        if not self._stretch[0] <= start < self._stretch[1]:
            self._stretch = (start, self._next(_QUOTATION_STOP_RE, start))
        stop = self._stretch[1]
        if stop == size:
            return None
        if text[stop] == "\n":
            if stop not in self._after_stop:
                self._after_stop[stop] = self._next(_NON_SPACE_RE, stop + 1)
            closing = self._after_stop[stop]
            if closing == size or text[closing] not in _CLOSING_MARKS:
                return None
        return text[start:stop].rstrip()


def read_header(lines: list[str]) -> dict:
    """Header fields from the lines before the body, and where the body starts."""
    header = {
        "doc_type": None,
        "number": None,
        "symbol": None,
        "issuer": None,
        "place": None,
        "issued_on": None,
        "title": None,
        "year": None,
        "body_start": 0,
        "actor": None,
    }
    content = [i for i, line in enumerate(lines) if line][:20]
    type_at = None
    for i in content:
        doc_type, rest = type_of_line(lines[i])
        if doc_type:
            type_at = i
            header["doc_type"] = doc_type
            break
    before = lines[: type_at if type_at is not None else 0]
    for offset, line in enumerate(before):
        number = _NUMBER_LINE_RE.match(line)
        if number:
            header["number"] = number.group(1) or None
            header["symbol"] = number.group(2)
            continue
        place = _PLACE_DATE_RE.match(line)
        if place and not header["place"]:
            header["place"] = place.group(1).strip()
            joined = " ".join([line, *before[offset + 1 : offset + 3]])
            day = _DAY_RE.search(joined)
            header["issued_on"] = date_from_match(day.groups()) if day else find_date(joined)
            year = _YEAR_ONLY_RE.search(joined)
            header["year"] = int(year.group(1)) if year else None
            continue
    # The issuer in capitals, possibly on two lines: "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU".
    caps = [
        ln
        for ln in before
        if ln.isupper() and not ln.upper().startswith(_NATIONAL_MOTTO) and not ln.startswith("SỐ")
    ]
    if caps:
        first = caps[0]
        if len(caps) > 1 and caps[1].startswith(tuple(_LEVELS)):
            first = f"{first} {caps[1]}"
        header["issuer"] = issuer_from_capitals(first)
    if type_at is not None:
        _, rest = type_of_line(lines[type_at])
        if rest:
            header["title"], header["body_start"] = rest, type_at + 1
        else:
            following = [i for i in range(type_at + 1, len(lines)) if lines[i]]
            if following:
                first = following[0]
                title_lines = [lines[first]]
                last = first
                for i in following[1:4]:
                    if lines[last].isupper() and lines[i].isupper() and i == last + 1:
                        title_lines.append(lines[i])
                        last = i
                    else:
                        break
                header["title"] = " ".join(title_lines)
                header["body_start"] = last + 1
    elif content:
        header["title"] = lines[content[0]]
        header["body_start"] = content[0] + 1
    return header


def complete_header(header: dict, *, text: str, preamble: str, appendix: str) -> None:
    """Fill what the header left out from the appendix caption or a news lead."""
    # The caption ends with ")": looking no further than the last one keeps each "(Kèm theo"
    # from scanning to the end of the text for a ")" that is not there.
    attached = _ATTACHED_RE.search(appendix, 0, appendix.rfind(")") + 1)
    if attached:
        header["doc_type"] = header["doc_type"] or DOC_TYPES.get(attached.group(1).lower())
        if not header["symbol"]:
            header["number"] = attached.group(2) or None
            header["symbol"] = attached.group(3)
        header["issued_on"] = header["issued_on"] or date_from_match(attached.groups()[3:9])
        header["issuer"] = header["issuer"] or attached.group(10).strip()
    issued = _find_issued(preamble)
    if issued:
        header["issued_on"] = header["issued_on"] or date_from_match(issued[:6])
        header["doc_type"] = header["doc_type"] or DOC_TYPES[issued[7].lower()]
        if not header["symbol"] and issued[8]:
            header["number"], header["symbol"] = issued[8], issued[9]
        header["actor"] = issued[6].strip()
    actor = _ACTOR_ISSUED_RE.search(preamble)
    if actor:
        header["doc_type"] = header["doc_type"] or DOC_TYPES[actor.group(2).lower()]
        header["actor"] = header["actor"] or actor.group(1).strip()
    if not header["issuer"] and header["actor"]:
        header["issuer"] = header["actor"]
    if header["issuer"]:
        header["issuer"] = normalise_issuer(header["issuer"], text=text, place=header["place"])


def _find_issued(text: str) -> tuple | None:
    """The groups of the first news lead "Ngày DATE, X ban hành TYPE [số N/SYMBOL]": the
    date's six, the subject, the type, number and symbol."""
    for opening in _ISSUED_OPENING_RE.finditer(text):
        for subject in _ISSUED_SUBJECTS:
            match = subject.match(text, opening.end())
            if match:
                return opening.groups() + match.groups()
    return None
