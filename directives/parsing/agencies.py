"""Agencies a task names, with their role: lead (chủ trì, or the subject) or coordinate.

A name is read by the way Vietnamese writes organisation names (Nghị định 30/2020/NĐ-CP):
the kind of organisation ("Sở", "Ủy ban", "Trung tâm", "Công an", ...), then its field and
place, each capitalised word followed by the lower-case syllables of the same word ("Sở Giáo
dục và Đào tạo", "Ngân hàng Chính sách xã hội tỉnh"), or an acronym ("Sở GD&ĐT", "VNPT Lai
Châu"). Names are taken only where a task names who does it: the subject of a sentence,
"giao X", "Đề nghị X", "X chủ trì", "phối hợp với X", "Đơn vị chủ trì: X".
"""

import re

from .unsure import AMBIGUOUS, GUESSED, mark

# The kinds of Vietnamese organisation, as their names begin. Most are also ordinary words
# ("Báo cáo", "Phòng chống", "Hội nghị", "Tổ chức", "Ban hành", "Trường hợp"): they open a
# name only when a capitalised word, an acronym or an administrative level follows.
_KINDS = (
    "Sở",
    "Bộ",
    "Bộ phận",
    "Ban",
    "Hội",
    "Tổ",
    "Đội",
    "Phòng",
    "Văn phòng",
    "Đài",
    "Báo",
    # The provincial press merged in 2025: "Báo và Phát thanh, Truyền hình Hà Tĩnh".
    "Báo và Phát thanh, Truyền hình",
    "Tạp chí",
    "Cổng",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Vụ",
    "Viện",
    "Học viện",
    "Đại học",
    "Trường",
    "Trung tâm",
    "Nhà",
    "Thư viện",
    "Bảo tàng",
    "Bệnh viện",
    "Trạm",
    "Quỹ",
    "Thanh tra",
    "Kho bạc",
    "Ngân hàng",
    "Công ty",
    "Tổng công ty",
    "Tập đoàn",
    "Chi nhánh",
    "Điện lực",
    "Bưu điện",
    "Hợp tác xã",
    "Đoàn",
    "Liên đoàn",
    "Liên hiệp",
    "Liên minh",
    "Công đoàn",
    "Mặt trận",
    "Ủy ban",
    "Uỷ ban",
    "Hội đồng",
    "Thường trực",
    "Đảng bộ",
    "Chi bộ",
    "Tòa án",
    "Toà án",
    "Nhà xuất bản",
)
# Kinds that are whole names by themselves (a level or place may follow).
_WHOLE = (
    "UBND",
    "HĐND",
    "UBMTTQ",
    "MTTQ",
    "BHXH",
    "Công an",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Thành đoàn",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Đảng ủy",
    "Đảng uỷ",
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Hội đồng nhân dân",
    "Bảo hiểm xã hội",
    "Ban chỉ đạo",
    "Ban quản lý",
    "Ban đại diện cha mẹ học sinh",
    "Ban đại diện",
    "Viện kiểm sát",
)
# Collective nouns after "Các"/"các": "Các sở, ban, ngành", "các đơn vị trực thuộc".
_COLLECTIVE = frozenset(
    [
        "sở",
        "ban",
        "ngành",
        "đơn",
        "cơ",
        "trường",
        "phòng",
        "tổ",
        "hội",
        "đoàn",
        "địa",
        "huyện",
        "xã",
        "phường",
        "thị",
        "thành",
        "quận",
        "tỉnh",
        "doanh",
        "bộ",
        "cục",
        "trung",
        "nhà",
    ]
)
# Lower-case words that go on a name: administrative levels and the generic words of names
# ("nhân dân", "xã hội", "trực thuộc", "liên quan") and of collectives.
_CONTINUE = frozenset(
    ("các", "huyện", "tỉnh", "xã", "phường", "quận", "cấp", "thuộc", "trường", "sở", "ngành")
    + ("đoàn", "đặc", "khu")
)
# After a comma, the nouns of a collective also go on ("Các sở, ban, ngành").
_AFTER_COMMA = _CONTINUE | {"ban", "phòng", "đặc"}
# Levels that may open a name's place ("Công an tỉnh", "Ủy ban nhân dân cấp xã").
_LEVELS = frozenset(
    ["tỉnh", "huyện", "thành", "thị", "quận", "xã", "phường", "cấp", "các", "nhân", "trung"]
)
# One-word kinds that, inside a longer name, are whole words ("Văn phòng Sở").
_INNER_KINDS = frozenset(("Sở", "Ban", "Phòng", "Cục", "Vụ", "Viện", "Đoàn", "Đài", "Báo"))
_PLACE_LEVELS = frozenset(("tỉnh", "huyện", "xã", "phường", "quận"))
# The last words of a place ("tỉnh", "thành phố"): a name ends after its place.
_PLACE_ENDS = _PLACE_LEVELS | {"phố", "trấn"}
_LEVEL_AFTER_WORD = frozenset(("tỉnh", "huyện"))
# Capitalised words of official prose that are not organisations.
_NOT_NAMES = frozenset(("Nhân dân", "Nhà nước", "Đảng", "Tổ quốc"))
_SEPARATORS = frozenset((",", ";", "/", "và"))
_BLANK_RE = re.compile(r"\s*+")
_TOKEN_RE = re.compile(r"\s*([,;/():]|\w+(?:[-–&]\w+)*|[-–]|\S)")


def _phrases(words: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in words:
        parts = tuple(_TOKEN_RE.findall(phrase))
        table.setdefault(parts[0], []).append(parts)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


# Lower-case phrases that go on a name whole: "liên quan", the levels of schooling, the area.
_PHRASES = (
    "liên quan",
    "nhân dân",
    "xã hội",
    "thành phố",
    "thị xã",
    "thị trấn",
    "đơn vị",
    "trực thuộc",
    "đoàn thể",
    "cơ sở",
    "giáo dục",
    "trường học",
    "chuyên môn",
    "nông thôn",
    "mầm non",
    "tiểu học",
    "trung học",
    "phổ thông",
    "dân tộc",
    "nội trú",
    "bán trú",
    "trên địa bàn",
    "dự án",
    "đào tạo",
    "khu vực",
    "cơ quan",
    "báo chí",
)
# The verbs a sentence goes on with after its subject: where a name written with lower-case
# field words ("Phòng Tổ chức cán bộ", "Ban Quản lý dự án") ends. Words that are also the
# field of names ("quản lý", "phát triển", "hỗ trợ", "đào tạo", "bồi dưỡng") are not here.
_VERBS = (
    "ra đề",
    "ra quyết định",
    "chủ trì",
    "phối hợp",
    "tham mưu",
    "hướng dẫn",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "rà soát",
    "chỉ đạo",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "phụ trách",
    "được giao",
    "làm đầu mối",
    "là",
    "theo dõi",
    "đôn đốc",
    "kiểm tra",
    "giám sát",
    "xây dựng",
    "ban hành",
    "tổng hợp",
    "báo cáo",
    "bảo đảm",
    "đảm bảo",
    "cung cấp",
    "tuyên truyền",
    "bố trí",
    "phân bổ",
    "thẩm định",
    "cân đối",
    "giao",
    "đề nghị",
    "yêu cầu",
    "tiếp tục",
    "chuẩn bị",
    "đề xuất",
    "trình",
    "nghiên cứu",
    "vận động",
    "tăng cường",
    "đẩy mạnh",
    "quán triệt",
    "phổ biến",
    "phê duyệt",
    "tập huấn",
    "thống kê",
    "điều tra",
    "khảo sát",
    "đánh giá",
    "củng cố",
    "sắp xếp",
    "tổng kết",
    "sơ kết",
    "thông báo",
    "phát động",
    "tiếp nhận",
    "hoàn thành",
    "hoàn thiện",
    "cập nhật",
    "lựa chọn",
    "tham gia",
    "hỗ trợ",
    # Verbs of one syllable, often the first of two ("gửi báo cáo", "mở lớp").
    "gửi",
    "nộp",
    "lập",
    "cử",
    "mở",
    "làm",
    "đưa",
    "thu",
    "chi",
    "xét",
    "ghi",
    "giữ",
    "tìm",
    "dạy",
    "khám",
    "tiêm",
    "trả",
    "nhận",
    "chọn",
    "dùng",
    "sửa",
    "họp",
    "đón",
    "thăm",
    "tặng",
    "trao",
    "khen",
    "mời",
    "in",
    "duy trì",
    "chủ động",
    "tích cực",
    "trực tiếp",
    "cùng",
    "sẽ",
    "cần",
    "phải",
    "đã",
    "đang",
    "thường xuyên",
    # Adjuncts that open the rest of the sentence: "UBND các huyện căn cứ Kế hoạch này ...".
    "căn cứ",
    "trên cơ sở",
    "theo chức năng",
)
# Words after which the lower-case words before were an unknown verb's object, not a field:
# "Sở Y tế khám sức khỏe cho học sinh".
_STOPS = frozenset(
    ("cho", "với", "về", "tại", "để", "của", "theo", "đến", "từ", "trong", "ngoài", "nhằm")
    + ("bằng", "đối", "những", "mọi", "việc", "không", "được")
)
_PHRASE_TABLE = _phrases(_PHRASES)
_VERB_TABLE = _phrases(_VERBS)
_KIND_TABLE = _phrases(_KINDS)
_WHOLE_TABLE = _phrases(_WHOLE)

_ADVERBS = r"(?:(?:chủ\s+động|tích\s+cực|trực\s+tiếp)\s+)?"
_LEAD_VERB_RE = re.compile(
    rf"\s*+(?:,\s*+)?{_ADVERBS}(?:chủ\s+trì|chịu\s+trách\s+nhiệm|có\s+trách\s+nhiệm|phụ\s+trách|được\s+giao"
    r"|làm\s+đầu\s+mối|là\s+(?:cơ\s+quan|đơn\s+vị)\s+(?:thường\s+trực|đầu\s+mối|chủ\s+trì))"
)
_VERB_LEAD_IN_RE = re.compile(rf"\s*+(?:,\s*+)?{_ADVERBS}")
_COORD_VERB_RE = re.compile(rf"\s*+(?:,\s*+)?{_ADVERBS}phối\s+hợp")
_ASSIGNER_RE = re.compile(r"\s*(?:đã\s+)?(?:giao|đề\s+nghị|yêu\s+cầu|chỉ\s+thị)(?!\w)")
# "(Sở GD&ĐT)", ", theo chức năng, nhiệm vụ được giao," between a subject and its verb.
_ADJUNCT_RE = re.compile(
    r"(?:\s*\([^()\n]{0,80}\))?"
    r"(?:\s*+(?:,\s*+)?(?:theo|căn\s+cứ|trong\s+phạm\s+vi)\s+chức\s+năng,?\s+nhiệm\s+vụ"
    r"(?:\s+được\s+giao)?(?:\s+của\s+(?:mình|đơn\s+vị|ngành))?\s*,?)?"
)
_BARE_LEAD_RE = re.compile(r"[;,.]\s*chủ\s+trì")
_ADVERB = r"(?:\s+(?:chặt\s+chẽ|tốt|thường\s+xuyên|cùng))?"
_COORD_WITH_RE = re.compile(rf"[Pp]hối\s+hợp{_ADVERB}\s+với\s+")
_COORD_DIRECT_RE = re.compile(rf"[Pp]hối\s+hợp{_ADVERB}\s+(?!với\b)")
_GIVE_RE = re.compile(r"\s*giao(?:\s+nhiệm\s+vụ)?(?:\s+cho)?\s+")
_ASSIGN_RE = re.compile(r"(?:^|\s)(?:[Gg]iao)(?:\s+nhiệm\s+vụ)?(?:\s+cho)?\s+")
_REQUEST_RE = re.compile(r"(?:^|[.;]\s+)Đề\s+nghị\s+")
_LABEL_LEAD_RE = re.compile(r"(?:[Đđ]ơn\s+vị\s+|[Cc]ơ\s+quan\s+)?chủ\s+trì\s*:\s*")
_LABEL_COORD_RE = re.compile(r"(?:[Đđ]ơn\s+vị\s+|[Cc]ơ\s+quan\s+)?phối\s+hợp\s*:\s*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?]\s+|\n)")
# A clause after ";" or "," has a subject only when a responsibility verb follows it (after
# ";", a named agency followed by any verb of the sentence: "...; Văn phòng Sở bảo đảm").
_CLAUSE_START_RE = re.compile(r"([;,])\s+(?=[^\W\d_])")


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

    @property
    def text(self) -> str:
        return self._text

    def word(self, i: int) -> str:
        return self[i][0] if self.has(i) else ""


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _phrase_at(tokens: _Tokens, i: int, table: dict) -> int:
    for parts in table.get(tokens.word(i), ()):
        if all(tokens.word(i + k) == part for k, part in enumerate(parts)):
            return len(parts)
    return 0


def _head_length(tokens: _Tokens, i: int) -> int:
    """How many tokens at i name a kind of organisation that opens a name here (0: none)."""
    word = tokens.word(i)
    if not word:
        return 0
    whole = _phrase_at(tokens, i, _WHOLE_TABLE)
    if whole:
        return whole
    if word in ("Các", "các"):
        # "Các Phòng Giáo dục và Đào tạo": the kind after "Các" opens the name with it.
        inner = _head_length(tokens, i + 1)
        if inner:
            return 1 + inner
        return 1 if tokens.word(i + 1).lower() in _COLLECTIVE else 0
    if word in ("thành", "Thành") and tokens.word(i + 1) == "viên":
        # "Các thành viên Ban Chỉ đạo tỉnh": the members of a body named after them.
        inner = _head_length(tokens, i + 2)
        return 2 + inner if inner else 0
    kind = _phrase_at(tokens, i, _KIND_TABLE)
    if kind:
        nxt = tokens.word(i + kind)
        if _is_capital(nxt) and nxt[:1].isalpha() or nxt in _LEVELS:
            return kind
        if tokens.word(i + kind + 1) and _phrase_length(tokens, i + kind):
            return kind
    if _is_acronym(word) and not _is_roman(word):
        # "VNPT Lai Châu", "BHXH tỉnh"; a run of capitals ("TỔ CHỨC THỰC HIỆN") is a heading.
        nxt = tokens.word(i + 1)
        proper = _is_capital(nxt) and nxt[:1].isalpha() and not _is_acronym(nxt)
        return 1 if proper or nxt in _LEVELS else 0
    return 0


def _is_roman(word: str) -> bool:
    return all(ch in "IVXLC" for ch in word)


def _levels_listed(tokens: _Tokens, i: int, j: int) -> bool:
    """A comma in a collective listing its levels: "Các trường Mầm non, Tiểu học, THCS"."""
    if tokens.word(i) not in ("Các", "các"):
        return False
    nxt = tokens.word(j + 1)
    return _is_capital(nxt) and nxt[:1].isalpha() and not _head_length(tokens, j + 1)


def _enumerated(tokens: _Tokens, j: int) -> bool:
    """A comma inside a name that lists its fields: "Sở Văn hóa, Thể thao và Du lịch"."""
    nxt = tokens.word(j + 1)
    if not _is_capital(nxt) or _head_length(tokens, j + 1):
        return False
    for k in range(j + 2, j + 5):
        word = tokens.word(k)
        if word == "và":
            after = tokens.word(k + 1)
            return _is_capital(after) and not _head_length(tokens, k + 1)
        if not word[:1].isalpha():
            return False
    return False


def _phrase_length(tokens: _Tokens, j: int) -> int:
    """The length of a lower-case phrase of names at j ("mầm non", "trên địa bàn"), or 0."""
    for parts in _PHRASE_TABLE.get(tokens.word(j), ()):
        if all(tokens.word(j + k) == part for k, part in enumerate(parts)):
            return len(parts)
    return 0


def _field_run(tokens: _Tokens, j: int) -> int:
    """How many lower-case words from j (2 to 4) a name's field holds before it goes on."""
    for k in range(j + 1, j + 5):
        if not tokens.word(k - 1).islower():
            return 0
        if k > j + 1 and _field_goes_on(tokens, k):
            return k - j
        phrase = _phrase_length(tokens, k)
        if k > j + 1 and phrase and _LEAD_VERB_RE.match(tokens.text, tokens[k + phrase - 1][2]):
            # "Phòng Quản lý chất lượng giáo dục chủ trì": the name runs up to its verb.
            return k - j + phrase
        if k > j + 1 and phrase and _COORD_VERB_RE.match(tokens.text, tokens[k + phrase - 1][2]):
            return k - j + phrase
    return 0


def _field_words(tokens: _Tokens, j: int) -> tuple[int, bool]:
    """How many lower-case words from j still belong to a name's field, and whether that is
    sure: (0, True) when the name plainly ends at j, (0, False) when it may not.

    A division or board is named with its field in lower case ("Phòng Tổ chức cán bộ",
    "Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ các huyện") up to the verb of the sentence,
    a place level, or a list's next name. Reaching the end of a sentence with no verb, or a
    preposition (the words were an unknown verb's object), leaves the end unsure.
    """
    comma = None
    k = j
    while k < j + 16 and tokens.has(k):
        if k > j and "\n" in tokens.text[tokens[k - 1][2] : tokens[k][1]]:
            break
        word = tokens.word(k)
        verb = _phrase_at(tokens, k, _VERB_TABLE)
        if verb and tokens.word(k + verb) not in _PLACE_LEVELS:
            # (A "verb" before a level is the name's field: "Ban Quản lý dự án đầu tư xây
            # dựng tỉnh".) One syllable before a verb is most likely a verb itself ("Các
            # đơn vị gửi báo cáo"): the fields of names are words of two syllables or more.
            if comma is not None and comma == k - 1:
                return comma - j, True
            return (k - j, True) if k - j > 1 else (0, k == j)
        if word in _PLACE_LEVELS or word in ("các", "cấp"):
            # The name's place goes on: read by the caller.
            return k - j, True
        if word == "," and k > j:
            nxt = tokens.word(k + 1)
            if _head_length(tokens, k + 1):
                return k - j, True
            if not nxt.islower():
                return 0, False
            comma = k
        elif word == "và" and k > j:
            if _head_length(tokens, k + 1):
                return k - j, True
        elif word == "(" and k > j:
            # "Phòng Tổ chức cán bộ (Sở GD&ĐT) chủ trì": a bracket between name and verb.
            return (k - j, True) if _verb_follows(tokens.text, tokens[k - 1][2]) else (0, False)
        elif not word.isalpha() or not word.islower() or word in _STOPS:
            break
        k += 1
    if comma is None and k > j and _ends_text(tokens, k):
        # A cell or line holding the name alone: the words are its field, most likely.
        return k - j, False
    return 0, False


def _ends_text(tokens: _Tokens, k: int) -> bool:
    """Whether the words before token k end the text or its line."""
    end = tokens[k - 1][2]
    blank = _BLANK_RE.match(tokens.text, end)
    return blank.end() == len(tokens.text) or "\n" in blank.group()


def _field_goes_on(tokens: _Tokens, k: int) -> bool:
    """After a lower-case word of a name's field, the name goes on: a level or "và X"."""
    word = tokens.word(k)
    if word in _LEVEL_AFTER_WORD:
        return True
    after = tokens.word(k + 1)
    return word in ("và", "-", "–") and _is_capital(after) and not _head_length(tokens, k + 1)


def _read_name(tokens: _Tokens, i: int, *, headless: bool = False, lower_head: bool = False):
    """The agency name starting at token i: (start, end, index after it, has a kind) or None.

    ``headless`` also takes a capitalised name with no kind ("Viettel Lai Châu"), where the
    position says an agency is named; ``lower_head`` takes "tổ ..." after "giao".
    """
    head = _head_length(tokens, i)
    if not head and lower_head and tokens.word(i) == "tổ" and tokens.word(i + 1) != "chức":
        head = 1
    if not head:
        word = tokens.word(i)
        if not (headless and _is_capital(word) and word[:1].isalpha()):
            return None
    j = i + head
    run = 0
    prev = "head"
    unsure = False
    # Whether a capitalised word of the name's own has been read ("Phòng Tổ chức ..."): only
    # then do lower-case field words go on it (not on "Các đơn vị", "UBND tỉnh").
    proper_part = False
    if not head:
        # A name without a kind is made of capitalised words and acronyms only.
        prev = "proper"
    while tokens.has(j):
        word = tokens[j][0]
        if word in (",", "/"):
            nxt = tokens.word(j + 1)
            goes_on = nxt in _AFTER_COMMA or _phrase_length(tokens, j + 1)
            if goes_on and nxt != "các" and not _head_length(tokens, j + 1):
                j += 1
                continue
            if word == "," and _enumerated(tokens, j):
                j += 1
                run = 0
                continue
            if word == "," and _levels_listed(tokens, i, j):
                j += 1
                run = 0
                continue
            break
        if word == "và":
            nxt = tokens.word(j + 1)
            office = j == i + head + 1 and tokens.word(i) == "Văn" and head == 2
            if office and _phrase_at(tokens, j + 1, _WHOLE_TABLE):
                # "Văn phòng HĐND và UBND phường": one office serving both.
                j += 1
                continue
            if _is_capital(nxt) and not _head_length(tokens, j + 1):
                j += 1
                run = 0
                continue
            if tokens.word(j - 1).islower() and _phrase_length(tokens, j + 1):
                # "Các phòng giáo dục và đào tạo".
                j += 1
                continue
            break
        if word in ("-", "–"):
            if _is_capital(tokens.word(j + 1)):
                j += 1
                run = 0
                continue
            break
        if not word[:1].isalnum():
            break
        if word.isdigit():
            # "Ban Chỉ đạo 35 tỉnh", "Ban Chỉ đạo 389": a board numbered after its decision.
            nxt = tokens.word(j + 1)
            numbered = proper_part and prev in ("capital", "lower") and len(word) <= 4
            if numbered and (nxt in _PLACE_LEVELS or _phrase_at(tokens, j + 1, _VERB_TABLE)):
                j += 1
                prev = "acronym"
                continue
            break
        if _is_acronym(word):
            run, prev = 0, "acronym" if prev != "proper" else "proper"
        elif _is_capital(word):
            proper_part = True
            run += 1
            prev = "capital" if prev != "proper" else "proper"
            if word in _INNER_KINDS:
                # "Văn phòng Sở", "Thanh tra Bộ": the kind is a whole word here, and the
                # inner name's own words follow ("Thường trực Ban Chỉ đạo tỉnh").
                prev = "acronym" if prev != "proper" else "proper"
                run = 0
        elif prev == "proper" and word.islower() and word not in _PLACE_LEVELS:
            # A name without a kind is capitalised words and acronyms, and a level.
            break
        elif _phrase_length(tokens, j):
            # "Các trường mầm non, tiểu học trên địa bàn xã", "Các sở, ngành liên quan".
            j += _phrase_length(tokens, j) - 1
            run, prev = 0, "level" if prev != "proper" else "proper"
        elif word.islower() and (
            word in _CONTINUE
            or j == i + 1 == i + head
            and word in _COLLECTIVE
            or tokens.word(j - 1) in (",", "/")
            and word in _AFTER_COMMA
        ):
            run = 0
            prev = "level" if prev != "proper" else "proper"
        elif word.islower() and prev == "capital" and run == 1:
            prev = "lower"
            run = 0
        elif (
            word.islower() and prev in ("lower", "level") and j > i + head and _field_run(tokens, j)
        ):
            # "Trung tâm Giáo dục thường xuyên tỉnh", "Trung tâm Công nghệ thông tin và
            # Truyền thông": lower-case field words inside the name.
            j += _field_run(tokens, j) - 1
            prev = "level"
        elif (
            word.islower()
            and prev in ("lower", "level")
            and proper_part
            and tokens.word(j - 1) not in _PLACE_ENDS
        ):
            # "Phòng Tổ chức cán bộ tham mưu": the field in lower case, up to the verb.
            length, sure = _field_words(tokens, j)
            unsure = unsure or not sure
            if not length:
                break
            j += length - 1
            prev = "level"
        else:
            break
        j += 1
    start = tokens[i][1]
    end = tokens[j - 1][2]
    return start, end, j, bool(head), unsure


def _read_list(text: str, pos: int, *, headless: bool = False, lower_head: bool = False):
    """Names in a list ("X, Y và Z") from pos: ([(name, has a kind, end unsure)], end
    offset)."""
    tokens = _Tokens(text, pos)
    names: list[tuple[str, bool, bool]] = []
    i = 0
    end = pos
    while tokens.has(i):
        found = _read_name(tokens, i, headless=headless, lower_head=lower_head and i == 0)
        if found is None:
            break
        start, stop, j, kind, unsure = found
        name = text[start:stop].strip(" ,;-–")
        if name in _NOT_NAMES:
            break
        names.append((name, kind, unsure))
        end = stop
        nxt = tokens.word(j + 1)
        separator = tokens.word(j)
        starts = _head_length(tokens, j + 1) or (
            headless and separator != ";" and _is_capital(nxt) and nxt[:1].isalpha()
        )
        if separator in _SEPARATORS and starts:
            i = j + 1
            continue
        break
    return names, end


def _kept(name: str) -> bool:
    """Collectives written in lower case or "... liên quan" name nobody in particular; "các
    Sở, ban, ngành" (a capitalised kind) is kept."""
    if not name or name.endswith("liên quan"):
        return False
    if name[0].isupper():
        return True
    words = name.split(None, 2)
    return words[0] == "các" and len(words) > 1 and words[1][:1].isupper()


def _verb_at(text: str, end: int) -> int:
    """Where the verb after a subject ending at end starts (past "(...)", adverbs, ...)."""
    adjunct = _ADJUNCT_RE.match(text, end)
    at = adjunct.end() if adjunct else end
    lead_in = _VERB_LEAD_IN_RE.match(text, at)
    return lead_in.end() if lead_in else at


def _subject_role(text: str, end: int, *, first: bool, bare_lead: bool):
    """The role of a sentence's subject from what follows it: (role, plain) or None.

    "X chủ trì", "X có trách nhiệm": lead. "X phối hợp ...": coordinate, but lead when the
    task has no other lead ("X phối hợp với Y thực hiện"; settled in find_agencies). A
    subject that assigns ("UBND tỉnh giao ...") is not an agency of the task. Any other verb
    makes the subject the lead, a guess.
    """
    adjunct = _ADJUNCT_RE.match(text, end)
    at = adjunct.end() if adjunct else end
    if _LEAD_VERB_RE.match(text, at):
        return "lead", True
    if _COORD_VERB_RE.match(text, at):
        if bare_lead and first:
            return "lead", True
        return "coordinate", True
    if _ASSIGNER_RE.match(text, at):
        # "UBND tỉnh giao Sở ..." assigns; "UBND các huyện giao chỉ tiêu cho các trường"
        # does the task itself: "giao" with no agency after it is the task's own verb.
        handing = _GIVE_RE.match(text, at)
        if not handing or _read_list(text, handing.end(), headless=True, lower_head=True)[0]:
            return None
    return "lead", False


def _verb_follows(text: str, end: int) -> bool:
    """Whether a verb of the sentence follows a subject ending at end."""
    return bool(_phrase_at(_Tokens(text, _verb_at(text, end)), 0, _VERB_TABLE))


def find_agencies(text: str) -> list[dict]:
    """Agencies a task names: subjects of its sentences, "giao X", "Đề nghị X", "phối hợp với
    X", "X chủ trì", "Đơn vị chủ trì: X"; a role inferred from a bare subject is marked
    guessed."""
    # (offset, (name, has a kind, end unsure), role, plain, partner offset): partner set for
    # "X phối hợp với Y".
    found: list[tuple[int, tuple, str, bool, int | None]] = []
    bare_lead = bool(_BARE_LEAD_RE.search(text))
    starts = [(m.end(), False) for m in _SENTENCE_START_RE.finditer(text)]
    starts += [(m.end(), m.group(1)) for m in _CLAUSE_START_RE.finditer(text)]
    # A start inside a list already read ("X, Y, Z chủ trì") is one of its names: reading
    # it again would read the rest of the list once per comma.
    read_until = -1
    for pos, strict in sorted(starts, key=lambda start: start[0]):
        if pos < read_until:
            continue
        names, end = _read_list(text, pos, headless=True)
        if not names:
            continue
        read_until = end
        role = _subject_role(text, end, first=pos == 0, bare_lead=bare_lead)
        if role is None:
            continue
        name_role, plain = role
        has_kind = all(kind for _, kind, _ in names)
        clause = strict == ";" and has_kind and _verb_follows(text, end)
        if not plain and (strict or not has_kind) and not clause:
            continue
        # "X phối hợp với Y thực hiện ...": X does it, Y helps (unless a lead came first).
        partner = None
        coordinating = name_role == "coordinate" and not (bare_lead and pos == 0)
        if coordinating and _COORD_WITH_RE.match(text, _verb_at(text, end)):
            partner = end
        found.extend((pos, name, name_role, plain, partner) for name in names)
    for match in _ASSIGN_RE.finditer(text):
        names, _ = _read_list(text, match.end(), headless=True, lower_head=True)
        found.extend((match.end(), name, "lead", True, None) for name in names)
    for match in _LABEL_LEAD_RE.finditer(text):
        names, _ = _read_list(text, match.end(), headless=True)
        found.extend((match.end(), name, "lead", True, None) for name in names)
    for match in _REQUEST_RE.finditer(text):
        names, end = _read_list(text, match.end(), headless=True)
        role = _subject_role(text, end, first=False, bare_lead=False)
        role_name, plain = role if role and role[0] == "lead" and role[1] else ("coordinate", 0)
        plain = plain or bool(_COORD_VERB_RE.match(text, end))
        found.extend((match.end(), name, role_name, plain, None) for name in names)
    for regex in (_COORD_WITH_RE, _LABEL_COORD_RE):
        for match in regex.finditer(text):
            names, _ = _read_list(text, match.end(), headless=True)
            found.extend((match.end(), name, "coordinate", True, None) for name in names)
    for match in _COORD_DIRECT_RE.finditer(text):
        names, _ = _read_list(text, match.end())
        found.extend((match.end(), name, "coordinate", True, None) for name in names)
    result: list[dict] = []
    seen = set()
    lead_before = False
    # The subjects of one sentence share a role ("Viettel, VNPT phối hợp với ...").
    settled: dict[int, bool] = {}
    for pos, (name, _, unsure), role, plain, partner in sorted(found, key=lambda item: item[0]):
        if name in seen or not (_kept(name) or role == "lead" and name.startswith("tổ ")):
            continue
        if partner is not None and settled.setdefault(pos, not lead_before):
            role = "lead"
        seen.add(name)
        agency = {"name": name, "role": role}
        if unsure:
            mark(agency, "name", AMBIGUOUS)
        if not plain:
            mark(agency, "role", GUESSED)
        lead_before = lead_before or role == "lead"
        result.append(agency)
    return result


def is_agency_name(text: str) -> bool:
    """Whether text is, as a whole, an agency's name (a heading such as "Các đơn vị ...")."""
    found = _read_name(_Tokens(text, 0), 0)
    if found is None:
        return False
    name = text[found[0] : found[1]].strip(" ,;-–")
    return name == text.strip().rstrip(".:") and _kept(name)


def agency_names(text: str) -> list[str]:
    """The agencies a heading names when it is, as a whole, a list of agency names
    ("Đài Phát thanh và Truyền hình tỉnh, Báo Lai Châu"); else an empty list."""
    names, end = _read_list(text, 0)
    if not names or text[end:].strip(" .:") or not all(_kept(name) for name, _, _ in names):
        return []
    return [name for name, _, _ in names]
