"""The documents a directive implements ("Thực hiện Chỉ thị số 31/CT-TTg ngày 04/9/2024 ...")."""

import bisect
import itertools
import re

from .dates import DATE, date_from_match

DOC_TYPES = {
    "chỉ thị": "CT",
    "kế hoạch": "KH",
    "quyết định": "QĐ",
    "công văn": "CV",
    "nghị quyết": "NQ",
    "thông báo": "TB",
    "báo cáo": "BC",
    "thông tư": "TT",
    "nghị định": "NĐ",
    "kết luận": "KL",
    "công điện": "CĐ",
}
# "số 31/CT-TTg", "số 29-NQ/TW", "67-KH/HU"
# "số 1520/KH-SGD&ĐT": a symbol may hold "&".
_NUMBER_RE = re.compile(r"(?:số\s+)?(\d+)(?:/((?:\d{4}/)?[A-ZĐ][\w&\-]*\w)|-([A-ZĐ]+/[A-ZĐ]+))")
_DATE_RE = re.compile(r"ngày\s+" + DATE)
# What introduces the documents a text rests on, at the start of a paragraph or mid-sentence.
_TRIGGER_RE = re.compile(
    r"(?:(?P<lead>^(?:Nhằm\s+)?(?:tiếp\s+tục\s+)?(?:[Tt]riển\s+khai\s+)?)"
    r"|(?<=\s))(?:[Tt]hực\s+hiện|Triển\s+khai\s+thực\s+hiện|[Cc]ăn\s+cứ)\s+(?:có\s+hiệu\s+quả\s+)?"
    r"(?=[A-ZĐÀ-Ỹ])"
)
_SENTENCE_END_RE = re.compile(r"\.(?:\s|$)")
_QUOTE_RE = re.compile(r"[“”]")
_SEMICOLON_RE = re.compile(r";\s*")
_COMMA_RE = re.compile(r",\s+")
_TYPE_AT_RE = re.compile("(" + "|".join(DOC_TYPES) + r")\b", re.IGNORECASE)


class _Paragraph:
    """Where a paragraph's sentences end and its items are separated, found once.

    A paragraph may hold many triggers; looking for the end of the sentence or splitting the
    rest of the text again at each one would make reading it quadratic in its length.
    """

    def __init__(self, text: str):
        self.text = text
        quotes = [(m.start(), m.group()) for m in _QUOTE_RE.finditer(text)]
        quote_at = [at for at, _ in quotes]
        # A sentence ends at ". " unless the full stop is inside a quotation, that is unless
        # the next quotation mark after it closes one.
        self.ends = []
        for match in _SENTENCE_END_RE.finditer(text):
            following = bisect.bisect_left(quote_at, match.end())
            if following == len(quotes) or quotes[following][1] != "”":
                self.ends.append(match.start())
        self.semicolons = [(m.start(), m.end()) for m in _SEMICOLON_RE.finditer(text)]
        self.commas = [(m.start(), m.end()) for m in _COMMA_RE.finditer(text)]
        self._ends_trimmed: dict[tuple, int] = {}

    def sentence_end(self, start: int) -> int:
        """Where the sentence running from start ends (its full stop, or the paragraph's end)."""
        at = bisect.bisect_left(self.ends, start)
        return self.ends[at] if at < len(self.ends) else len(self.text)

    def items(self, start: int, end: int):
        """(start, end) of the items of a list of references in text[start:end]: split by ";"
        when the list uses it (titles then keep their commas), else by ","."""
        at = bisect.bisect_left(self.semicolons, (start,))
        if at < len(self.semicolons) and self.semicolons[at][0] < end:
            separators, first = self.semicolons, at
        else:
            separators = self.commas
            first = bisect.bisect_left(separators, (start,))
        piece_start = start
        for sep_start, sep_end in itertools.islice(separators, first, None):
            if sep_start >= end:
                break
            yield self._stripped(piece_start, sep_start)
            piece_start = sep_end
        yield self._stripped(piece_start, end)

    def _stripped(self, start: int, end: int) -> tuple[int, int]:
        """text[start:end] without surrounding white space (str.strip), as offsets."""
        while start < end and self.text[start].isspace():
            start += 1
        return start, max(start, self._trimmed(end, None))

    def reference(self, start: int, end: int) -> tuple[dict, int]:
        """What the item text[start:end] states of a reference, and where its text ends
        (without its final full stop): read from its opening words, so that a long item
        that is not a reference is never copied."""
        text = self.text
        stop = max(start, self._trimmed(end, " ."))
        kind = _TYPE_AT_RE.match(text, start, stop)
        doc_type = DOC_TYPES[kind.group(1).lower()] if kind else None
        number = symbol = issued_on = None
        match = _NUMBER_RE.search(text[start : min(stop, start + 120)])
        if doc_type and match and match.start() < 40:
            number = match.group(1)
            symbol = match.group(2) or match.group(3)
        date = _DATE_RE.search(text[start : min(stop, start + 160)])
        if date:
            issued_on = date_from_match(date.groups())
        return {
            "doc_type": doc_type,
            "number": number,
            "symbol": symbol,
            "issued_on": issued_on,
        }, stop

    def _trimmed(self, end: int, chars: str | None) -> int:
        """Where text[:end] ends without its trailing chars (white space when None)."""
        # Several triggers may share an item's end: each end is trimmed once.
        key = (end, chars)
        if key not in self._ends_trimmed:
            text = self.text
            while end > 0 and (
                text[end - 1].isspace() if chars is None else text[end - 1] in chars
            ):
                end -= 1
            self._ends_trimmed[key] = end
        return self._ends_trimmed[key]


def find_references(paragraphs: list[str]) -> list[dict]:
    """References introduced by "Thực hiện", "Căn cứ", ... in the title and preamble."""
    found: list[dict] = []
    for text in paragraphs:
        paragraph = _Paragraph(text)
        pos = 0
        while True:
            match = _TRIGGER_RE.search(text, pos)
            if not match:
                break
            at_start = match.group("lead") is not None
            body_start = match.end()
            consumed = 0
            for index, (start, end) in enumerate(
                paragraph.items(body_start, paragraph.sentence_end(body_start))
            ):
                ref, stop = paragraph.reference(start, end)
                has_anchor = ref["number"] or ref["issued_on"]
                if index == 0 and not (has_anchor or at_start):
                    break
                if index > 0 and not (ref["doc_type"] and has_anchor):
                    break
                found.append({**ref, "text": text[start:stop]})
                consumed = end - body_start
            pos = body_start + max(consumed, 1)
    return _dedupe(found)


def _dedupe(refs: list[dict]) -> list[dict]:
    out: list[dict] = []
    kept_keys: set[tuple] = set()
    kept_texts: set[str] = set()
    for ref in refs:
        key = (ref["doc_type"], ref["number"], ref["symbol"])
        if ref["number"] and key in kept_keys:
            continue
        if not ref["number"] and ref["text"] in kept_texts:
            continue
        out.append(ref)
        kept_keys.add(key)
        kept_texts.add(ref["text"])
    return out


def _abbreviation(issuer: str) -> str:
    """ "Bộ GD&ĐT" → "BGDĐT": the issuer part of a symbol."""
    words = issuer.replace("&", " ").split()
    return "".join(w if w.isupper() else w[0] for w in words if w[:1].isupper())


_MENTION_RE = re.compile(r"số\s+(\d+)/([A-ZĐ][\wĐ\-]*)")


def complete_from_text(refs: list[dict], text: str) -> None:
    """Fill the number of a reference written without one from another mention in the text.

    "Quyết định ngày 01/6/2020 của Bộ GD&ĐT" is elsewhere "Quyết định số 1420/QĐ-BGDĐT":
    same type, and the symbol names the same issuer. Left empty unless exactly one fits.
    """
    numbers_by_symbol: dict[str, set[tuple[str, str]]] | None = None
    for ref in refs:
        if ref["number"] or not ref["doc_type"]:
            continue
        issuer = re.search(r"của\s+(.+)$", ref["text"])
        if not issuer:
            continue
        if numbers_by_symbol is None:  # the mentions are read once, not once per reference
            numbers_by_symbol = {}
            for m in _MENTION_RE.finditer(text):
                numbers_by_symbol.setdefault(m.group(2), set()).add((m.group(1), m.group(2)))
        wanted = f"{ref['doc_type']}-{_abbreviation(issuer.group(1))}"
        candidates = numbers_by_symbol.get(wanted, set())
        if len(candidates) == 1:
            ref["number"], ref["symbol"] = next(iter(candidates))
