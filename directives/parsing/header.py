"""The header of a directive: type, number and symbol, issuer, place and date, title.

Nghị định 30/2020/NĐ-CP lays a header out in two columns: the issuer (under its parent body)
and "Số: .../..." on the left, the national motto and "Place, ngày ... tháng ... năm ..." on
the right, then the type in capitals and the title (a Công văn has no type line: its
"V/v ..." line is its title). A text copy puts the columns one after the other, interleaved,
or side by side on one line with a run of spaces between them.
"""

import re
from collections import Counter

from .closing import is_capacity_line
from .dates import DATE, date_from_match, find_date
from .references import DOC_TYPES
from .unsure import GUESSED, MISSING, mark

_TYPE_WORDS = sorted(DOC_TYPES, key=len, reverse=True)
_TYPE_CODES = frozenset(DOC_TYPES.values())
# Marks of urgency, secrecy or draft (Nghị định 30/2020/NĐ-CP) near the issuer: not part of it.
_MARKS = frozenset(
    ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC", "MẬT", "TỐI MẬT", "TUYỆT MẬT", "DỰ THẢO")
)
# Possessive \s*+ where what follows cannot be white space: the same matches, but a long run of
# spaces is not split every possible way between neighbouring \s* (quadratic in the run).
# A symbol may hold "&" and several parts ("KH-SGD&ĐT", "QĐ-UBND-VX", "SGDĐT-GDTrH"); a legal
# normative document puts its year between number and symbol ("15/2024/QĐ-UBND").
_NUMBER_LINE_RE = re.compile(
    r"S[ốỐ]\s*+:?\s*+(\d*)\s*+/\s*+(?:\d{4}\s*+/\s*+)?([A-ZĐ][\w&\-]*\w)", re.IGNORECASE
)
# A party body's number: "Số 67-KH/TU".
_PARTY_NUMBER_LINE_RE = re.compile(r"S[ốỐ]\s*+:?\s*+(\d+)-([A-ZĐ]+/[A-ZĐ]+)\b", re.IGNORECASE)
# Matched at the start of a line or of a column of it ("Lai Châu, ngày 05 tháng 9 năm 2024").
_PLACE_DATE_RE = re.compile(
    r"([^\d,:;()]{2,40}),\s*+(?:ngày\b|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})", re.IGNORECASE
)
_DAY_RE = re.compile(r"ngày\s+" + DATE, re.IGNORECASE)
# A date left blank for the day of signing: "ngày   tháng   năm 2024", "ngày .../.../2024".
_BLANK_DATE_RE = re.compile(r"ngày[\s.…_/]*+(?:tháng|năm|\d{4}\b)", re.IGNORECASE)
# A web page's date of posting ("Thứ Hai, 16/09/2024 10:30") is no place-date.
_WEEKDAY_RE = re.compile(r"(?:Thứ\s+\w+|Chủ\s+nhật)$", re.IGNORECASE)
_YEAR_ONLY_RE = re.compile(r"năm\s+(\d{4})")
# Two columns of a header pasted side by side: a run of three or more spaces, a tab, or
# the "|" between the cells of a header laid out as a table.
_COLUMN_GAP_RE = re.compile(r"[ \t]{3,}|\t|[ \t]*\|[ \t]*")
_SUBJECT_RE = re.compile(r"(?:V/v|Về\s+việc)\b\s*+:?\s*+(\S.*)", re.IGNORECASE)
_ADDRESSEE_RE = re.compile(r"Kính\s+gửi\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"[-–—•+]")
# Where the body of a text without a type line begins: the addressees or its first paragraph.
_BODY_OPENING_RE = re.compile(
    r"(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Nhằm|Để|Triển\s+khai|Ngày\s+\d|[IVX]{1,5}\.\s|\d{1,2}\.\s)"
)
_HEADER_LINES = 40
_NATIONAL_MOTTO_RE = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)|ĐỘC\s+LẬP|Độc\s+lập\s+-", re.IGNORECASE)
_ATTACHED_RE = re.compile(
    r"\(Kèm theo\s++(\w+\s++\w+)\s++số\s++(\d*)\s*+/\s*+([A-ZĐ][\w&\-]*\w)\s++ngày\s++"
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
    + r")(?:\s++(?:số\s++)?(\d+)/([A-ZĐ][\w&\-]*\w))?"
)
_ISSUED_SUBJECTS = (
    re.compile(r"\s*+([^,.;]{2}(?:[^,.;]{0,78}?(?<!\s))??)" + _ISSUED_TAIL, re.IGNORECASE),
    re.compile(r"\s*(\s[^\s,.;])" + _ISSUED_TAIL, re.IGNORECASE),
    re.compile(r"\s*(\s\s)(?=\s(?!\s))" + _ISSUED_TAIL, re.IGNORECASE),
)
# The subject ends where white space begins (the lookbehind): trying it at every space of a run
# would rescan the rest of the run each time.
_ACTOR_ISSUED_RE = re.compile(
    r"(?:^|[,.]\s++)((?:Chủ tịch\s++)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Phòng|"
    # In capitals only: "các sở, ban, ngành" is no actor.
    r"(?-i:Ban|Trường|Hội đồng|Trung tâm))"
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
# "tỉnh Lai Châu": the name's words on the same line (a line break ends it).
_PROVINCE_RE = re.compile(r"\btỉnh[ \t]+((?:[A-ZĐ]\w*)(?:[ \t]+[A-ZĐ]\w*)*)")

# The words an organisation's name opens with, in capitals ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "BAN CHỈ
# ĐẠO ...", "ỦY BAN NHÂN DÂN"). A capital line of the left column that opens otherwise goes on
# the name above it ("ỦY BAN NHÂN DÂN" / "XÃ BÌNH LƯ").
_ORGANISATION_HEADS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HỘI ĐỒNG",
    "HĐND",
    "SỞ",
    "PHÒNG",
    "BAN",
    "BỘ",
    "CỤC",
    "CHI CỤC",
    "TỔNG CỤC",
    "VỤ",
    "TRƯỜNG",
    "TRUNG TÂM",
    "VĂN PHÒNG",
    "VIỆN",
    "ĐÀI",
    "CÔNG AN",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "TỈNH ĐOÀN",
    "HUYỆN ỦY",
    "THÀNH ỦY",
    "ĐẢNG ỦY",
    "HỘI",
    "LIÊN ĐOÀN",
    "CHÍNH PHỦ",
    "THỦ TƯỚNG",
)
# Administrative levels a name ends with: the level in lower case, the place as a proper name.
_LEVEL_WORDS = (
    ("THÀNH", "PHỐ"),
    ("THỊ", "XÃ"),
    ("THỊ", "TRẤN"),
    ("TỈNH",),
    ("HUYỆN",),
    ("QUẬN",),
    ("XÃ",),
    ("PHƯỜNG",),
)
# Organisations that may follow their parent on one line; "HỘI" is left out, for "Hội An".
_INNER_HEADS = frozenset(
    ("SỞ", "PHÒNG", "BAN", "TRƯỜNG", "TRUNG TÂM", "VĂN PHÒNG", "CHI CỤC", "HỘI ĐỒNG")
)
_APOSTROPHE_RE = re.compile(r"[^'’]+")
_NOT_A_PLACE = {"XÃ": ("HỘI",), "TỈNH": ("ỦY", "UỶ", "ĐOÀN"), "HUYỆN": ("ỦY", "UỶ", "ĐOÀN")}
# Kinds of organisation whose name is a field of work, each part capitalised:
# "Sở Lao động - Thương binh và Xã hội", "Phòng Khảo thí và Kiểm định chất lượng giáo dục".
_FIELD_NAMED = frozenset(
    ("SỞ", "PHÒNG", "BỘ", "CỤC", "CHI CỤC", "TỔNG CỤC", "VỤ", "TRUNG TÂM", "VĂN PHÒNG", "ĐÀI")
)
_FIELD_PARTS_RE = re.compile(r"(\s+VÀ\s+|,\s*|\s+-\s+|\s+–\s+)")
# Kinds of school, written as common nouns inside a school's proper name.
_SCHOOL_KINDS = (
    "PHỔ THÔNG DÂN TỘC NỘI TRÚ",
    "PHỔ THÔNG DÂN TỘC BÁN TRÚ",
    "TRUNG HỌC PHỔ THÔNG",
    "TRUNG HỌC CƠ SỞ",
    "TIỂU HỌC",
    "MẦM NON",
    "MẪU GIÁO",
)
# The field of this domain, abbreviated in headers ("SỞ GD&ĐT"), spelled as agencies are named.
_SECTOR_ABBREVIATIONS = {"GD&ĐT": "GIÁO DỤC VÀ ĐÀO TẠO", "GDĐT": "GIÁO DỤC VÀ ĐÀO TẠO"}
_VOWELS = frozenset("AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")


def _is_abbreviation(word: str) -> bool:
    """ "THPT", "GD&ĐT", "PTDTBT": a capital word without a vowel is an abbreviation."""
    return not any(ch in _VOWELS for ch in word.upper())


def _sentence(words: list[str]) -> str:
    """The first word capitalised, the others in lower case; abbreviations kept."""
    out = []
    for index, word in enumerate(words):
        if _is_abbreviation(word):
            out.append(word)
        elif index == 0:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)


def _proper(words: list[str]) -> str:
    """A proper name: every word capitalised ("LAI CHÂU" → "Lai Châu"), and every part of a
    word after an apostrophe ("R'LẤP" → "R'Lấp"); abbreviations kept."""
    return " ".join(
        w if _is_abbreviation(w) else _APOSTROPHE_RE.sub(_capitalised, w.lower()) for w in words
    )


def _capitalised(part: re.Match) -> str:
    return part.group(0)[:1].upper() + part.group(0)[1:]


def _level_at(words: list[str], index: int) -> int:
    """How many words the administrative level at words[index] has (0: none there)."""
    for level in _LEVEL_WORDS:
        if tuple(words[index : index + len(level)]) == level:
            following = words[index + len(level) : index + len(level) + 1]
            # A level needs a place after it; "XÃ HỘI" is society, "TỈNH ỦY" a party body.
            if following and following[0] not in _NOT_A_PLACE.get(level[-1], ()):
                return len(level)
    return 0


def _place_words(words: list[str]) -> int | None:
    """Where the place of a name in capitals begins ("... TỈNH LAI CHÂU"), if it has one."""
    for index in range(1, len(words)):
        if _level_at(words, index):
            return index
    return None


def _place_text(words: list[str]) -> str:
    """ "TỈNH LAI CHÂU" → "tỉnh Lai Châu", "XÃ BÌNH LƯ" → "xã Bình Lư"."""
    out: list[str] = []
    index = 0
    while index < len(words):
        size = _level_at(words, index)
        if size:
            out.extend(w.lower() for w in words[index : index + size])
            index += size
        else:
            out.append(_proper([words[index]]))
            index += 1
    return " ".join(out)


def _head_of(words: list[str]) -> int:
    """How many words of the name are its kind ("SỞ", "BAN CHỈ ĐẠO" counts "BAN")."""
    joined = " ".join(words)
    for head in sorted(_ORGANISATION_HEADS, key=len, reverse=True):
        if joined == head or joined.startswith(head + " "):
            return len(head.split())
    return 0


def _name_text(words: list[str]) -> str:
    """The name of an organisation without its place, in proper case."""
    words = [w for word in words for w in _SECTOR_ABBREVIATIONS.get(word, word).split()]
    joined = " ".join(words)
    if joined in ("UBND", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"):
        return "Ủy ban nhân dân"
    if joined in ("HĐND", "HỘI ĐỒNG NHÂN DÂN"):
        return "Hội đồng nhân dân"
    size = _head_of(words)
    head, rest = " ".join(words[:size]), words[size:]
    if not size or not rest:
        return _sentence(words)
    kind = _sentence(head.split())
    if head.endswith(("ỦY", "UỶ", "ĐOÀN")):
        # A party or youth body named by its place: "TỈNH ỦY LAI CHÂU" → "Tỉnh ủy Lai Châu".
        return f"{kind} {_proper(rest)}"
    if head in _FIELD_NAMED:
        parts = _FIELD_PARTS_RE.split(" ".join(rest))
        text = "".join(
            part.lower() if i % 2 else _sentence(part.split()) for i, part in enumerate(parts)
        )
        return f"{kind} {text}"
    if head == "TRƯỜNG":
        text = " ".join(rest)
        for school in _SCHOOL_KINDS:
            if text == school or text.startswith(school + " "):
                tail = _proper(rest[len(school.split()) :])
                return " ".join(filter(None, (kind, _sentence(school.split()), tail)))
        return f"{kind} {_proper(rest)}"
    if head == "BAN":
        return f"{kind} {_sentence(rest)}"
    return _sentence(words)


def name_from_capitals(line: str) -> tuple[str, str | None]:
    """(name, place) of an organisation written in capitals:
    "UBND TỈNH LAI CHÂU" → ("Ủy ban nhân dân tỉnh Lai Châu", "tỉnh Lai Châu"),
    "BAN CHỈ ĐẠO PHỔ CẬP GIÁO DỤC, XÓA MÙ CHỮ" → ("Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ",
    None)."""
    words = line.replace("*", " ").split()
    if not words:
        return "", None
    at = _place_words(words)
    if at is None:
        return _name_text(words), None
    place = _place_text(words[at:])
    return f"{_name_text(words[:at])} {place}", place


def _inner_head_size(words: list[str], index: int) -> int:
    if " ".join(words[index : index + 2]) in _INNER_HEADS:
        return 2
    return 1 if words[index] in _INNER_HEADS else 0


def _inner_head_at(words: list[str], index: int) -> bool:
    """Whether a second organisation begins at words[index]: an organisation's head with its
    name after it. "PHÒNG" ending "THÀNH PHỐ HẢI PHÒNG" is the place's, and so is a head
    followed at once by another ("HẢI PHÒNG SỞ GIÁO DỤC ...")."""
    size = _inner_head_size(words, index)
    after = index + size
    return bool(size) and after < len(words) and not _inner_head_size(words, after)


def _organisations_of(words: list[str]) -> list[list[str]]:
    """A line of the left column cut where a second organisation begins after the place of
    the first ("UBND HUYỆN PHONG THỔ PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"): a web copy may join them."""
    parts: list[list[str]] = []
    start = 0
    placed = False
    for index in range(len(words)):
        if placed and _inner_head_at(words, index):
            parts.append(words[start:index])
            start, placed = index, False
        if _level_at(words, index):
            placed = True
    parts.append(words[start:])
    return [part for part in parts if part]


def issuer_from_block(lines: list[str]) -> str | None:
    """The issuer of a header's left column: its last (lowest) organisation, completed with
    the place of the one above it when it names none ("UBND TỈNH LAI CHÂU" / "SỞ GIÁO DỤC VÀ
    ĐÀO TẠO" → "Sở Giáo dục và Đào tạo tỉnh Lai Châu"), as the agency list names agencies."""
    units: list[str] = []
    for line in lines:
        for part in _organisations_of(line.split()):
            if _head_of(part):
                units.append(" ".join(part))
            elif units:
                units[-1] = f"{units[-1]} {' '.join(part)}"
    if not units:
        return None
    name, place = name_from_capitals(units[-1])
    if name == "Văn phòng" and len(units) > 1:
        # The office of the body above it: "Văn phòng Ủy ban nhân dân tỉnh Lai Châu".
        return f"{name} {name_from_capitals(units[-2])[0]}"
    if place is None and not name.startswith("Trường") and len(units) > 1:
        _, parent_place = name_from_capitals(units[-2])
        if parent_place:
            name = f"{name} {parent_place}"
    return name or None


def _completed_issuer(name: str, *, text: str, place: str | None) -> tuple[str, bool]:
    """An issuer written in words (a news lead, a caption) spelled in full, and whether its
    place was taken from elsewhere: "UBND tỉnh" gets the province the text names most, a
    "Phòng ..." the district of its place line."""
    name = re.sub(r"^Chủ tịch\s+", "", name.strip())
    name = re.sub(r"^(UBND|Uỷ ban nhân dân)\b", "Ủy ban nhân dân", name)
    guessed = False
    has_place = re.search(r"\b(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường)\s+[A-ZĐ]", name)
    if not has_place:
        provinces = Counter(_PROVINCE_RE.findall(text))
        if name.startswith("Phòng ") and place:
            name, guessed = f"{name} huyện {place}", True
        elif re.search(r"\btỉnh$", name) and provinces:
            name, guessed = f"{name} {provinces.most_common(1)[0][0]}", True
        elif name.startswith("Sở ") and provinces:
            name, guessed = f"{name} tỉnh {provinces.most_common(1)[0][0]}", True
    return name, guessed


def type_of_line(line: str) -> tuple[str | None, str]:
    """(doc_type, rest of line) when line opens with a document type in capitals."""
    line = " ".join(line.split())  # "KẾ  HOẠCH" pasted from Word with two spaces
    upper = line.upper()
    for words in _TYPE_WORDS:
        word = words.upper()
        if upper.startswith(word) and line[:3].isupper():
            rest = line[len(word) :]
            if rest and rest[0].isalnum():
                continue
            return DOC_TYPES[words], rest.strip(" :-")
    return None, ""


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


def _columns(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the columns of a header line pasted side by side."""
    columns, start = [], 0
    for gap in _COLUMN_GAP_RE.finditer(line):
        if gap.start() > start:
            columns.append((start, line[start : gap.start()]))
        start = gap.end()
    if start < len(line):
        columns.append((start, line[start:]))
    return columns


def _left_capitals(line: str, *, written_small: bool = True) -> str | None:
    """The organisation text of a line of the left column, in capitals: the first column, up
    to the national motto when it follows on the same line (written_small: also when it was
    written in small letters)."""
    columns = _columns(line)
    if not columns:
        return None
    text = columns[0][1]
    motto = _NATIONAL_MOTTO_RE.search(text)
    if motto:
        text = text[: motto.start()]
    text = " ".join(text.replace("*", " ").replace("#", " ").split()).strip(" -_–—")
    if not text or _NUMBER_LINE_RE.match(text) or text.upper() in _MARKS:
        return None
    if text.isupper():
        return text
    # A web copy may lose the capitals a style gave the issuer ("Sở Giáo dục và Đào tạo"): a
    # short line opening with an organisation's name, never a sentence.
    upper = text.upper()
    if (
        written_small
        and _head_of(upper.split())
        and len(upper.split()) <= 14
        and not text.endswith((".", ";", ":"))
    ):
        return upper
    return None


def _place_and_date(lines: list[str], at: int, start: int) -> dict | None:
    """Place, date and year of a place-date written from lines[at][start:] ("Lai Châu, ngày
    05 tháng 9 năm 2024"), the date possibly going on over the next two lines."""
    line = lines[at]
    found = _PLACE_DATE_RE.match(line, start)
    if not found or _WEEKDAY_RE.match(found.group(1).strip()):
        return None
    joined = " ".join([line[start:], *lines[at + 1 : at + 3]])
    day = _DAY_RE.search(joined)
    year = _YEAR_ONLY_RE.search(joined)
    return {
        "place": found.group(1).strip(),
        "issued_on": date_from_match(day.groups()) if day else find_date(joined),
        "year": int(year.group(1)) if year else None,
        "undated": bool(_BLANK_DATE_RE.search(joined)),
    }


def _type_line(lines: list[str]) -> tuple[int | None, int]:
    """(index of the type line or None, where the header region ends)."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _HEADER_LINES:
            return None, i
        if type_of_line(line)[0]:
            return i, i
        # A paragraph of prose, not a header line (counted in words: a header line may
        # hold a long run of spaces between its columns).
        if _BODY_OPENING_RE.match(line) or len(line) > 200 and len(line.split()) > 40:
            return None, i
    return None, len(lines)


def _wrapped_before_a_name(lines: list[str], last: int) -> bool:
    """A title line cut before a capitalised name ("... về công tác chuẩn bị" / "Kỳ thi tốt
    nghiệp ..."): the line before stops mid-phrase, the next is no opening of the body and
    ends the title block, a blank line after it."""
    following = lines[last + 1]
    after = lines[last + 2] if last + 2 < len(lines) else ""
    return (
        not lines[last].endswith((".", ":", ";", ","))
        and not following.endswith((".", ":", ";"))
        and not _BODY_OPENING_RE.match(following)
        and not type_of_line(following)[0]
        and not after
    )


def _title_after(lines: list[str], first: int) -> tuple[str, int]:
    """The title starting at lines[first] and the index after it: the lines that go on
    directly after it, in capitals after capitals or starting in lower case (a wrapped
    line), never a signer's capacity ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...")."""
    title_lines = [lines[first]]
    last = first
    while last + 1 < len(lines) and len(title_lines) < 4:
        following = lines[last + 1]
        if not following or is_capacity_line(following):
            break
        if not (
            (lines[last].isupper() and following.isupper())
            or following[:1].islower()
            or _wrapped_before_a_name(lines, last)
        ):
            break
        title_lines.append(following)
        last += 1
    return " ".join(title_lines), last + 1


def _after_authority(lines: list[str], at: int) -> int:
    """After the title of a Quyết định, the authority that enacts it ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN TỈNH ...", "GIÁM ĐỐC SỞ ..."): a line of the header, not the signer's block."""
    following = next((i for i in range(at, min(len(lines), at + 3)) if lines[i]), None)
    if following is not None and lines[following].isupper() and is_capacity_line(lines[following]):
        return following + 1
    return at


def _after_addressees(lines: list[str], at: int) -> int:
    """Where the body begins after "Kính gửi: ..." and the addressees listed under it."""
    i = at + 1
    while i < len(lines) and (not lines[i] or _BULLET_RE.match(lines[i])):
        if not lines[i] and i + 1 < len(lines) and not _BULLET_RE.match(lines[i + 1]):
            break
        i += 1
    return i


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
        "dated_line": False,
        "undated": False,
        "from_header": False,
    }
    type_at, region_end = _type_line(lines)
    organisations: list[tuple[str, bool]] = []
    left_open = True  # the left column's organisations come before its "Số" line
    subject_at = None
    last_used = -1
    for i in range(region_end):
        line = lines[i]
        if not line:
            continue
        number = _NUMBER_LINE_RE.match(line) or _PARTY_NUMBER_LINE_RE.match(line)
        starts = [offset for offset, _ in _columns(line)]
        if number:
            last_used = i
            left_open = False
            if header["symbol"] is None:
                header["number"] = number.group(1) or None
                header["symbol"] = number.group(2)
            after = number.end()
            while after < len(line) and line[after] in " \t|":
                after += 1
            starts = [after, *(offset for offset in starts if offset > after)]
        if not header["dated_line"]:
            for start in starts:
                dated = _place_and_date(lines, i, start)
                if dated:
                    header.update(dated)
                    header["dated_line"] = True
                    last_used = max(last_used, i)
                    break
        subject = _SUBJECT_RE.match(line)
        if subject and subject_at is None and type_at is None:
            subject_at = i
            continue
        if left_open and not number:
            capitals = _left_capitals(line)
            if capitals:
                organisations.append((capitals, capitals != line.strip()))
                last_used = i
    # A name in small letters is an issuer only above a "Số" line: elsewhere it may be a
    # headline or a breadcrumb of a web page.
    header["issuer"] = issuer_from_block(
        [text for text, small in organisations if header["symbol"] or not small]
    )
    header["from_header"] = header["issuer"] is not None
    if header["issuer"] and header["place"]:
        # The place-date writes the place in the document's own case ("Đắk R'Lấp").
        place = header["place"]
        if header["issuer"].casefold().endswith(" " + place.casefold()):
            header["issuer"] = header["issuer"][: -len(place)] + place
    if type_at is not None:
        header["doc_type"], rest = type_of_line(lines[type_at])
        if rest:
            header["title"], header["body_start"] = rest, type_at + 1
        else:
            following = next((i for i in range(type_at + 1, len(lines)) if lines[i]), None)
            if following is not None:
                header["title"], header["body_start"] = _title_after(lines, following)
                header["body_start"] = _after_authority(lines, header["body_start"])
            else:
                header["body_start"] = len(lines)
        return header
    if subject_at is not None:
        # A Công văn: no type line, its subject ("V/v ...") is its title.
        header["doc_type"] = "CV"
        first = _columns(lines[subject_at])[0][1]
        text = _SUBJECT_RE.match(first).group(1).strip()
        title_lines, last = [text], subject_at
        while last + 1 < len(lines) and lines[last + 1][:1].islower() and len(title_lines) < 4:
            last += 1
            title_lines.append(_columns(lines[last])[0][1].strip())
        title = " ".join(title_lines)
        header["title"] = title[:1].upper() + title[1:]
    else:
        code = (header["symbol"] or "").split("-", 1)[0]
        if code in _TYPE_CODES and "-" in (header["symbol"] or ""):
            header["doc_type"] = code
        first = next((i for i in range(region_end) if _is_title_line(lines[i])), None)
        opening = next((i for i in range(len(lines)) if lines[i]), None)
        if first is None and opening == region_end and _headline_like(lines[opening]):
            # A copy that opens with its headline ("Triển khai nhiệm vụ năm học ..."), no header.
            first = opening
        if first is not None:
            header["title"] = lines[first]
            mark(header, "title", GUESSED)
        header["body_start"] = max(last_used, first if first is not None else -1) + 1
        return header
    header["body_start"] = region_end
    if region_end < len(lines) and _ADDRESSEE_RE.match(lines[region_end]):
        header["body_start"] = _after_addressees(lines, region_end)
    return header


def is_header_line(line: str) -> bool:
    """A line of a header block: blank, an organisation (or the place under it) or the motto
    in capitals, the motto's second line, a "Số" line, a place-date or an underline."""
    if not line or _NUMBER_LINE_RE.match(line) or _PARTY_NUMBER_LINE_RE.match(line):
        return True
    if _PLACE_DATE_RE.match(line):
        return True
    if _NATIONAL_MOTTO_RE.match(line):
        return True
    # An organisation or the place under it, not a signer's office or name in capitals.
    words = (_left_capitals(line, written_small=False) or "").split()
    if words and (_head_of(words) or _level_at(words, 0)):
        return True
    return not any(ch.isalnum() for ch in line)


def _headline_like(line: str) -> bool:
    """A line that may be a headline: short, and not a sentence or a heading of the body."""
    return (
        len(line.split()) <= 30
        and not line.endswith((".", ";", ":", ","))
        and not re.match(r"(?:[IVX]{1,5}|\d{1,2})[.)]\s|Kính\s+gửi", line)
    )


def _is_title_line(line: str) -> bool:
    """A line of the header region that is neither issuer, number, motto nor place-date."""
    if not line or _NUMBER_LINE_RE.match(line) or _PLACE_DATE_RE.match(line):
        return False
    if _left_capitals(line, written_small=False) or _NATIONAL_MOTTO_RE.match(line):
        return False
    return any(ch.isalpha() for ch in line)


def complete_header(header: dict, *, text: str, preamble: str, appendix: str) -> None:
    """Fill what the header left out from the appendix caption or a news lead, and mark
    what was taken from there or is missing (see unsure.py)."""
    # The caption ends with ")": looking no further than the last one keeps each "(Kèm theo"
    # from scanning to the end of the text for a ")" that is not there.
    attached = _ATTACHED_RE.search(appendix, 0, appendix.rfind(")") + 1)
    if attached:
        header["doc_type"] = header["doc_type"] or DOC_TYPES.get(attached.group(1).lower())
        if not header["symbol"]:
            header["number"] = attached.group(2) or None
            header["symbol"] = attached.group(3)
        if not header["issued_on"] and not header["undated"]:
            header["issued_on"] = date_from_match(attached.groups()[3:9])
            if header["issued_on"]:
                mark(header, "issued_on", GUESSED)
        header["issuer"] = header["issuer"] or attached.group(10).strip()
    issued = _find_issued(preamble)
    if issued:
        if not header["issued_on"] and not header["undated"]:
            header["issued_on"] = date_from_match(issued[:6])
            if header["issued_on"]:
                mark(header, "issued_on", GUESSED)
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
        header["issuer"], guessed = _completed_issuer(
            header["issuer"], text=text, place=header["place"]
        )
        if guessed:
            mark(header, "issuer", GUESSED)
    if not header["issuer"]:
        mark(header, "issuer", MISSING)
    if not header["title"]:
        mark(header, "title", MISSING)
    # A date line with blanks ("ngày   tháng   năm 2024") is an undated document, not a miss.
    if not header["issued_on"] and not header["undated"]:
        mark(header, "issued_on", MISSING)


def _find_issued(text: str) -> tuple | None:
    """The groups of the first news lead "Ngày DATE, X ban hành TYPE [số N/SYMBOL]": the
    date's six, the subject, the type, number and symbol."""
    for opening in _ISSUED_OPENING_RE.finditer(text):
        for subject in _ISSUED_SUBJECTS:
            match = subject.match(text, opening.end())
            if match:
                return opening.groups() + match.groups()
    return None
