"""The documents a directive implements ("Thực hiện Chỉ thị số 31/CT-TTg ngày 04/9/2024 ...")."""

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
_TYPE_RE = re.compile(r"^(" + "|".join(DOC_TYPES) + r")\b", re.IGNORECASE)
# "số 31/CT-TTg", "số 29-NQ/TW", "67-KH/HU"
_NUMBER_RE = re.compile(r"(?:số\s+)?(\d+)(?:/((?:\d{4}/)?[A-ZĐ][\w\-]*\w)|-([A-ZĐ]+/[A-ZĐ]+))")
_DATE_RE = re.compile(r"ngày\s+" + DATE)
# What introduces the documents a text rests on, at the start of a paragraph or mid-sentence.
_TRIGGER_RE = re.compile(
    r"(?:(?P<lead>^(?:Nhằm\s+)?(?:tiếp\s+tục\s+)?(?:[Tt]riển\s+khai\s+)?)"
    r"|(?<=\s))(?:[Tt]hực\s+hiện|Triển\s+khai\s+thực\s+hiện|[Cc]ăn\s+cứ)\s+(?:có\s+hiệu\s+quả\s+)?"
    r"(?=[A-ZĐÀ-Ỹ])"
)


def doc_type_of(words: str) -> str | None:
    """The abbreviation (CT, KH, ...) of the document type words open with."""
    match = _TYPE_RE.match(words.strip())
    return DOC_TYPES[match.group(1).lower()] if match else None


def _reference(text: str) -> dict:
    doc_type = doc_type_of(text)
    number = symbol = issued_on = None
    head = text[:120]
    match = _NUMBER_RE.search(head)
    if doc_type and match and match.start() < 40:
        number = match.group(1)
        symbol = match.group(2) or match.group(3)
    date = _DATE_RE.search(text[:160])
    if date:
        issued_on = date_from_match(date.groups())
    return {
        "doc_type": doc_type,
        "number": number,
        "symbol": symbol,
        "issued_on": issued_on,
        "text": text,
    }


def _split_items(text: str) -> list[str]:
    """Items of a list of references: by ";" when the list uses it (titles then keep their
    commas), else by ","."""
    separator = r";\s*" if ";" in text else r",\s+"
    return [item.strip() for item in re.split(separator, text)]


def find_references(paragraphs: list[str]) -> list[dict]:
    """References introduced by "Thực hiện", "Căn cứ", ... in the title and preamble."""
    found: list[dict] = []
    for paragraph in paragraphs:
        pos = 0
        while True:
            match = _TRIGGER_RE.search(paragraph, pos)
            if not match:
                break
            at_start = match.group("lead") is not None
            rest = paragraph[match.end() :]
            end_sentence = re.search(r"\.(?:\s|$)(?![^“”]*”)", rest)
            body = rest[: end_sentence.start()] if end_sentence else rest
            consumed = 0
            for index, item in enumerate(_split_items(body)):
                ref = _reference(item.rstrip(" ."))
                has_anchor = ref["number"] or ref["issued_on"]
                if index == 0 and not (has_anchor or at_start):
                    break
                if index > 0 and not (ref["doc_type"] and has_anchor):
                    break
                found.append(ref)
                consumed = body.find(item) + len(item)
            pos = match.end() + max(consumed, 1)
    return _dedupe(found)


def _dedupe(refs: list[dict]) -> list[dict]:
    out: list[dict] = []
    for ref in refs:
        key = (ref["doc_type"], ref["number"], ref["symbol"], ref["issued_on"])
        if ref["number"] and any((r["doc_type"], r["number"], r["symbol"]) == key[:3] for r in out):
            continue
        if not ref["number"] and any(r["text"] == ref["text"] for r in out):
            continue
        out.append(ref)
    return out


def _abbreviation(issuer: str) -> str:
    """ "Bộ GD&ĐT" → "BGDĐT": the issuer part of a symbol."""
    words = issuer.replace("&", " ").split()
    return "".join(w if w.isupper() else w[0] for w in words if w[:1].isupper())


def complete_from_text(refs: list[dict], text: str) -> None:
    """Fill the number of a reference written without one from another mention in the text.

    "Quyết định ngày 01/6/2020 của Bộ GD&ĐT" is elsewhere "Quyết định số 1420/QĐ-BGDĐT":
    same type, and the symbol names the same issuer. Left empty unless exactly one fits.
    """
    for ref in refs:
        if ref["number"] or not ref["doc_type"]:
            continue
        issuer = re.search(r"của\s+(.+)$", ref["text"])
        if not issuer:
            continue
        wanted = f"{ref['doc_type']}-{_abbreviation(issuer.group(1))}"
        candidates = {
            (m.group(1), m.group(2))
            for m in re.finditer(r"số\s+(\d+)/([A-ZĐ][\wĐ\-]*)", text)
            if m.group(2) == wanted
        }
        if len(candidates) == 1:
            ref["number"], ref["symbol"] = candidates.pop()
