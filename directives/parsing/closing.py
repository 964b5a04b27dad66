"""The closing of a directive: recipients, signer, and page chrome to drop."""

import re
import unicodedata

from .unsure import GUESSED, MISSING, mark

_CHROME_LINE_RE = re.compile(
    r"^(?:Ban biên tập|print\s+send mail|\[Admin\]|Văn bản mới|Nguồn tra cứu:.*|"
    r"(?:Chủ nhật|Thứ (?:hai|ba|tư|năm|sáu|bảy|[2-7]))[, ]+\d{1,2}/\d{1,2}/\d{4})$",
    re.IGNORECASE,
)
# A web page's list of other news items, known by its heading alone on a line, runs to the end
# of the page. The items themselves ("... (03/09/2020)") look like tasks with a dated deadline,
# so they are dropped for what precedes them, never for their shape.
_CHROME_LIST_RE = re.compile(
    r"^(?:Các tin đã đăng|Bài viết liên quan|Các bài viết liên quan|Tin liên quan|"
    r"Các tin liên quan|Tin khác|Các tin khác|Tin cùng chuyên mục|Tin mới hơn|Tin cũ hơn|"
    r"Tin mới nhất|Tin đọc nhiều|Xem thêm|Tin bài liên quan)\s*:?$",
    re.IGNORECASE,
)
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
# The offices that sign (Nghị định 30/2020/NĐ-CP): "TM." on behalf of a body, "KT." as deputy,
# "TL."/"TUQ." by delegation, "Q." acting; then the office itself.
_CAPACITY_RE = re.compile(
    r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG PHÒNG|TRƯỞNG BAN|"
    r"HIỆU TRƯỞNG|BÍ THƯ|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|CỤC TRƯỞNG|VỤ TRƯỞNG)|BỘ TRƯỞNG|"
    r"THỨ TRƯỞNG|THỦ TRƯỞNG)"
)
# Two columns pasted side by side ("Nơi nhận:        KT. GIÁM ĐỐC"): a run of spaces, a tab or
# the "|" between table cells.
_COLUMN_GAP_RE = re.compile(r"[ \t]{3,}|\t|[ \t]*\|[ \t]*")
_SIGNED_RE = re.compile(r"^\((?:đã ký|ký|đã ký và đóng dấu|ký,[^)]{0,40})\)$", re.IGNORECASE)
_NAME_RE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")


def drop_chrome(lines: list[str]) -> list[str]:
    """Lines without web-page chrome: site labels, print/mail links, and the list of other
    news from its heading on."""
    kept = []
    for line in lines:
        bare = line.replace("*", "").strip()
        if _CHROME_LIST_RE.match(bare):
            break
        if _CHROME_LINE_RE.match(bare):
            continue
        kept.append(line)
    return kept


def is_capacity_line(line: str) -> bool:
    """A signer's capacity in capitals ("KT. CHỦ TỊCH", "GIÁM ĐỐC SỞ ...")."""
    return bool(_CAPACITY_RE.match(line.replace("*", "").strip()))


def is_closing_start(line: str) -> bool:
    bare = line.replace("*", "").strip()
    return bool(_RECIPIENTS_RE.match(bare) or _CAPACITY_RE.match(bare))


def read_closing(lines: list[str]) -> tuple[dict, list[str], list[str]]:
    """(signer, recipients, lines that are neither) from the closing block."""
    signer = {"name": None, "capacity": None}
    recipients: list[str] = []
    capacity: list[str] = []
    other: list[str] = []
    in_recipients = False
    for line in _in_reading_order(lines):
        if not line or _SIGNED_RE.match(line):
            continue
        bare = line.replace("*", "").strip()
        recipient_head = _RECIPIENTS_RE.match(bare)
        if recipient_head:
            in_recipients = True
            if recipient_head.group(1):
                recipients.append(recipient_head.group(1).lstrip("-+• ").strip())
            continue
        if in_recipients and re.match(r"^[-+•]\s*", bare):
            recipients.append(re.sub(r"^[-+•]\s*", "", bare))
            continue
        in_recipients = False
        # Only offices go on a capacity: a name in capitals under it is the signer's.
        if bare.isupper() and _CAPACITY_RE.match(bare) and signer["name"] is None:
            capacity.append(bare)
            continue
        office = _office_misspelt(bare) if capacity and signer["name"] is None else None
        if office:
            # "CHỦ TICH" from a scan or a careless copy: the office it spells, said to be read
            # so, not a signer named "Chủ Tich".
            capacity.append(office)
            mark(signer, "capacity", GUESSED)
            continue
        if capacity and signer["name"] is None and _NAME_RE.match(bare):
            signer["name"] = bare
            continue
        other.append(line)
    if capacity:
        signer["capacity"] = "\n".join(capacity)
        if len(capacity) == 1 and _ON_BEHALF_RE.match(capacity[0]):
            # "TM. ỦY BAN NHÂN DÂN" with no office under it: a line of the block was lost.
            mark(signer, "capacity", MISSING)
    return signer, recipients, other


_OFFICES = (
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "HIỆU TRƯỞNG",
    "PHÓ HIỆU TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
)
_ON_BEHALF_RE = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.")


def _folded(text: str) -> str:
    """Upper-case letters without their tone and vowel marks ("CHỦ TỊCH" → "CHU TICH")."""
    decomposed = unicodedata.normalize("NFD", text.upper().replace("Đ", "D"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_FOLDED_OFFICES = {_folded(office): office for office in _OFFICES}


def _office_misspelt(line: str) -> str | None:
    """The office a capital line spells but for its marks, when it is not written right."""
    office = _FOLDED_OFFICES.get(_folded(line)) if line.isupper() else None
    return office if office and office != " ".join(line.split()) else None


def _in_reading_order(lines: list[str]) -> list[str]:
    """The closing's lines with a right column pasted beside the recipients ("- Như trên;
    <spaces> PHÓ GIÁM ĐỐC") moved after the recipients, where the signer's block reads on."""
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        cells = [cell for cell in _COLUMN_GAP_RE.split(line) if cell.strip()]
        left.append(cells[0] if cells else "")
        right.extend(cells[1:])
    if not right:
        return lines
    at = 0
    while at < len(left) and not _RECIPIENTS_RE.match(left[at].replace("*", "").strip()):
        at += 1
    at += 1
    while at < len(left) and re.match(r"^[-+•]", left[at]):
        at += 1
    return left[:at] + right + left[at:]
