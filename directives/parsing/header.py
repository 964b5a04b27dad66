"""The header of a directive: type, number and symbol, issuer, place and date, title."""

import re
from collections import Counter

from .dates import DATE, date_from_match, find_date
from .references import DOC_TYPES

_TYPE_WORDS = sorted(DOC_TYPES, key=len, reverse=True)
_NUMBER_LINE_RE = re.compile(r"^Số\s*:?\s*(\d*)\s*/\s*([A-ZĐ][\w\-]*\w)")
_PLACE_DATE_RE = re.compile(
    r"^([^\d,:;()]{2,40}),\s*(?:ngày\b|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})", re.IGNORECASE
)
_DAY_RE = re.compile(r"ngày\s+" + DATE, re.IGNORECASE)
_YEAR_ONLY_RE = re.compile(r"năm\s+(\d{4})")
_ATTACHED_RE = re.compile(
    r"\(Kèm theo\s+(\w+\s+\w+)\s+số\s+(\d*)\s*/\s*([A-ZĐ][\w\-]*\w)\s+ngày\s+"
    + DATE
    + r"\s+của\s+([^)]+)\)"
)
_ISSUED_RE = re.compile(
    r"[Nn]gày\s+"
    + DATE
    + r",\s*([^,.;]{2,80}?)\s+(?:đã\s+)?ban\s+hành\s+("
    + "|".join(_TYPE_WORDS)
    + r")(?:\s+(?:số\s+)?(\d+)/([A-ZĐ][\w\-]*\w))?",
    re.IGNORECASE,
)
_ACTOR_ISSUED_RE = re.compile(
    r"(?:^|[,.]\s+)((?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Phòng)[^,.;]{0,60}?)"
    r"\s+(?:đã\s+)?ban\s+hành\s+(" + "|".join(_TYPE_WORDS) + r")",
    re.IGNORECASE,
)
_SCHOOL_YEAR_RE = re.compile(r"năm\s+học\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_THEME_RE = re.compile(r"chủ\s+đề\s+năm\s+học[^“\"”\n]{0,40}?[“\"]\s*([^”\"\n]+?)\s*[”\"]", re.I)
_MOTTO_RE = re.compile(
    r"phương\s+châm\s+(?:triển\s+khai\s+|thực\s+hiện\s+)?nhiệm\s+vụ\s+năm\s+học"
    r"[^“\"”\n]{0,40}?[“\"]\s*([^”\"\n]+?)\s*[”\"]",
    re.IGNORECASE,
)
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
    theme = _THEME_RE.search(text)
    motto = _MOTTO_RE.search(text)
    return (theme.group(1) if theme else None, motto.group(1) if motto else None)


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
    attached = _ATTACHED_RE.search(appendix)
    if attached:
        header["doc_type"] = header["doc_type"] or DOC_TYPES.get(attached.group(1).lower())
        if not header["symbol"]:
            header["number"] = attached.group(2) or None
            header["symbol"] = attached.group(3)
        header["issued_on"] = header["issued_on"] or date_from_match(attached.groups()[3:9])
        header["issuer"] = header["issuer"] or attached.group(10).strip()
    issued = _ISSUED_RE.search(preamble)
    if issued:
        header["issued_on"] = header["issued_on"] or date_from_match(issued.groups()[:6])
        header["doc_type"] = header["doc_type"] or DOC_TYPES[issued.group(8).lower()]
        if not header["symbol"] and issued.group(9):
            header["number"], header["symbol"] = issued.group(9), issued.group(10)
        header["actor"] = issued.group(7).strip()
    actor = _ACTOR_ISSUED_RE.search(preamble)
    if actor:
        header["doc_type"] = header["doc_type"] or DOC_TYPES[actor.group(2).lower()]
        header["actor"] = header["actor"] or actor.group(1).strip()
    if not header["issuer"] and header["actor"]:
        header["issuer"] = header["actor"]
    if header["issuer"]:
        header["issuer"] = normalise_issuer(header["issuer"], text=text, place=header["place"])
