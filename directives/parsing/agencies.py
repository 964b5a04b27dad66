"""Agencies a task names, with their role: lead (chủ trì, or the subject) or coordinate."""

import re

# Words that open an agency's name. "Các"/"các" open collective names ("Các sở, ban, ngành");
# lower-case collectives ("các cơ sở giáo dục") are read so that lists parse, then left out.
_HEADS = (
    "Sở",
    "Ủy",
    "Uỷ",
    "UBND",
    "Phòng",
    "Đài",
    "Báo",
    "Bộ",
    "Công an",
    "Ban",
    "Hội",
    "Liên đoàn",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Bảo hiểm",
    "Kho bạc",
    "Cục",
    "Chi cục",
    "Văn phòng",
    "Thanh tra",
    "Trung tâm",
    "Các",
    "các",
)
# Lower-case words that may continue a name: administrative levels and collective nouns.
_CONTINUE = frozenset(
    [
        "ban",
        "nhân",
        "dân",
        "các",
        "huyện",
        "thành",
        "phố",
        "tỉnh",
        "xã",
        "phường",
        "thị",
        "trấn",
        "quận",
        "sở",
        "ngành",
        "đoàn",
        "thể",
        "đơn",
        "vị",
        "giáo",
        "dục",
        "trực",
        "thuộc",
        "liên",
        "quan",
        "trường",
        "học",
        "phòng",
        "cơ",
        "hội",
        "chức",
        "năng",
    ]
)
_TOKEN_RE = re.compile(r"\s*([,;/]|\w+(?:[-–]\w+)*|[-–]|\S)")
_LEAD_VERB_RE = re.compile(r"\s*chủ\s+trì")
_COORD_VERB_RE = re.compile(r"\s*phối\s+hợp")
_BARE_LEAD_RE = re.compile(r"[;,.]\s*chủ\s+trì")
_COORD_WITH_RE = re.compile(r"phối\s+hợp(?:\s+(?:chặt\s+chẽ|tốt|thường\s+xuyên))?\s+với\s+")
_ASSIGN_RE = re.compile(r"(?:^|\s)(?:[Gg]iao)\s+")
_REQUEST_RE = re.compile(r"(?:^|[.;]\s+)Đề\s+nghị\s+")
_SENTENCE_START_RE = re.compile(r"(?:^|\.\s+)")


class _Tokens:
    """The tokens of text from start, read only as far as asked (at most 80).

    A name is read at every sentence start and after every "giao", "phối hợp với", ...;
    it rarely looks past a few tokens, so tokenising 80 up front at each would be wasted.
    """

    _LIMIT = 80

    def __init__(self, text: str, start: int):
        self._text = text
        self._pos = start
        self._items: list[tuple[str, int, int]] = []
        self._done = False

    def __getitem__(self, i: int) -> tuple[str, int, int]:
        if i >= len(self._items):
            self.has(i)
        return self._items[i]

    def has(self, i: int) -> bool:
        """Whether there is a token at index i."""
        if i < len(self._items):
            return True
        while len(self._items) <= i and not self._done:
            match = len(self._items) < self._LIMIT and _TOKEN_RE.match(self._text, self._pos)
            if not match or not match.group(1):
                self._done = True
                break
            self._items.append((match.group(1), match.start(1), match.end(1)))
            self._pos = match.end()
        return i < len(self._items)

    def words(self, i: int, j: int) -> list[str]:
        return [self[k][0] for k in range(i, j) if self.has(k)]


def _starts_head(tokens: _Tokens, i: int) -> bool:
    if not tokens.has(i):
        return False
    word = tokens[i][0]
    if word in _HEADS:
        return True
    two = " ".join(tokens.words(i, i + 2))
    return two in _HEADS


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _read_name(text: str, tokens: _Tokens, i: int, *, allow_lower_head: bool = False) -> tuple:
    """The agency name starting at token i: (name, index after it) or (None, i)."""
    lower_head = allow_lower_head and tokens.has(i) and tokens[i][0] == "tổ"
    if not (_starts_head(tokens, i) or lower_head):
        return None, i
    start = tokens[i][1]
    end = tokens[i][2]
    prev_capital = _is_capital(tokens[i][0])
    j = i + 1
    while tokens.has(j):
        word = tokens[j][0]
        if word in (",", "/"):
            nxt = tokens[j + 1][0] if tokens.has(j + 1) else ""
            if nxt in _CONTINUE and nxt != "các" and not _starts_head(tokens, j + 1):
                j += 1
                continue
            break
        if word == "và":
            nxt = tokens[j + 1][0] if tokens.has(j + 1) else ""
            if _is_capital(nxt) and not _starts_head(tokens, j + 1):
                j += 1
                continue
            break
        if word in ("-", "–"):
            j += 1
            continue
        if not word[:1].isalnum():
            break
        if _is_capital(word) and not _starts_head(tokens, j):
            # An acronym ("THCS") is whole; only a capitalised syllable takes a lower-case one.
            prev_capital = not (word.isupper() and len(word) > 1)
        elif word.islower() and (prev_capital or word in _CONTINUE):
            prev_capital = False
            if word not in _CONTINUE and j > i + 1 and tokens[j - 1][0].islower():
                break
        else:
            break
        end = tokens[j][2]
        j += 1
    name = text[start:end].strip(" ,;-")
    return name, j


def _read_list(text: str, pos: int, *, allow_lower_head: bool = False) -> tuple[list, int]:
    """Names in a list ("X, Y và Z") from pos: (names, end offset)."""
    tokens = _Tokens(text, pos)
    names = []
    i = 0
    end = pos
    while tokens.has(i):
        name, j = _read_name(text, tokens, i, allow_lower_head=allow_lower_head and i == 0)
        if name is None or j == i:
            break
        names.append(name)
        end = tokens[j - 1][2]
        if tokens.has(j) and tokens[j][0] in (",", ";", "và") and _starts_head(tokens, j + 1):
            i = j + 1
            continue
        break
    return names, end


def _kept(name: str) -> bool:
    """Collectives written in lower case or "... liên quan" name nobody in particular."""
    return bool(name) and name[0].isupper() and not name.endswith("liên quan")


def find_agencies(text: str) -> list[dict]:
    """Agencies a task names: subjects of its sentences, "giao X", "Đề nghị X", "phối hợp với X"."""
    found: list[tuple[int, str, str]] = []
    bare_lead = bool(_BARE_LEAD_RE.search(text))
    for match in _SENTENCE_START_RE.finditer(text):
        names, end = _read_list(text, match.end())
        if not names:
            continue
        if _COORD_VERB_RE.match(text, end) and not _LEAD_VERB_RE.match(text, end):
            role = "lead" if bare_lead and match.start() == 0 else "coordinate"
        else:
            role = "lead"
        found.extend((match.end(), name, role) for name in names)
    for match in _ASSIGN_RE.finditer(text):
        names, _ = _read_list(text, match.end(), allow_lower_head=True)
        found.extend((match.end(), name, "lead") for name in names[:1] if name)
    for match in _REQUEST_RE.finditer(text):
        names, _ = _read_list(text, match.end())
        found.extend((match.end(), name, "coordinate") for name in names)
    for match in _COORD_WITH_RE.finditer(text):
        names, _ = _read_list(text, match.end())
        found.extend((match.end(), name, "coordinate") for name in names)
    result: list[dict] = []
    seen = set()
    for _, name, role in sorted(found, key=lambda item: item[0]):
        if name in seen or not (_kept(name) or role == "lead" and name.startswith("tổ ")):
            continue
        seen.add(name)
        result.append({"name": name, "role": role})
    return result


def is_agency_name(text: str) -> bool:
    """Whether text is, as a whole, an agency's name (a heading such as "Các đơn vị ...")."""
    name, _ = _read_name(text, _Tokens(text, 0), 0)
    return bool(name) and name == text.strip().rstrip(".:") and _kept(name)
