"""Reading a directive's text into the structure staff check before it is tracked.

``parse_text`` returns a dict in the shape of ``fixtures/directives/*.json`` (see the README,
"Directive data"); values the text does not state are None, never guessed.
"""

import re
import unicodedata

from django.utils import formats
from django.utils.translation import gettext as _

from .appendix import find_appendix, read_indicators
from .closing import drop_chrome, is_closing_start, read_closing
from .header import (
    complete_header,
    find_school_year,
    find_theme_and_motto,
    is_header_line,
    read_header,
    type_of_line,
)
from .references import complete_from_text, find_references
from .structure import TooManyParts, read_structure
from .unsure import MISSING, collect, mark, mark_doubtful

__all__ = ["MAX_PARTS", "MAX_TEXT_CHARS", "ParseError", "parse_text"]

# A real plan is 100 000 to 300 000 characters. A text several times longer is not one directive
# (nor could staff check what was read from it): it is refused before reading.
MAX_TEXT_CHARS = 2_000_000
# Task groups, tasks, the agencies they name and indicators: each is a field to check on the
# review page, a real plan has a few hundred. Counting stops the reading of a text made of
# thousands of one-word items (linear, but a page of a million fields is not).
MAX_PARTS = 5000

_MAX_LINE = 20000
# A plan attached to the Quyết định that issues it: its caption under its title.
_ATTACHED_CAPTION_RE = re.compile(r"^\(\s*(?:Ban\s+hành\s+)?kèm\s+theo\b", re.IGNORECASE)
_ENACTING_RE = re.compile(r"^(?:QUYẾT\s+ĐỊNH|Điều\s+1\b)")
# The first heading of a body ("I. MỤC ĐÍCH", "1. Nâng cao ..."): its lead ends there.
_HEADING_RE = re.compile(r"^(?:[IVX]{1,5}|\d{1,2})[.)]\s")
_ISSUES_PLAN_RE = re.compile(r"\bban\s+hành\b", re.IGNORECASE)


# A forwarded or quoted e-mail around the document: its header lines, its forward markers.
_MAIL_HEADER_RE = re.compile(
    r"^(?:From|Sent|Date|To|Cc|Bcc|Subject|Người\s+gửi|Người\s+nhận|Ngày\s+gửi|Tiêu\s+đề|"
    r"Chủ\s+đề|Gửi|Từ|Đến)\s*:",
    re.IGNORECASE,
)
_MAIL_MARKER_RE = re.compile(r"^-{3,}\s*(?:Forwarded message|Original Message|Thư chuyển tiếp)")
_QUOTE_RE = re.compile(r"^(?:>\s?)+")
_MOTTO_RE = re.compile(r"^CỘNG\s+H[ÒO]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)


def _is_mail_line(line: str) -> bool:
    return bool(_MAIL_HEADER_RE.match(line) or _MAIL_MARKER_RE.match(line))


def unwrap_email(lines: list[str]) -> list[str]:
    """The document inside an e-mail: lines quoted with ">" unquoted, and the mail's header
    and covering message dropped when the document's own header (the issuer in capitals, the
    national motto) follows them."""
    filled = [line for line in lines if line]
    if filled and sum(1 for line in filled if line.startswith(">")) * 10 >= len(filled) * 3:
        lines = [_QUOTE_RE.sub("", line).strip() for line in lines]
    motto = next((i for i, line in enumerate(lines) if _MOTTO_RE.match(line)), None)
    if motto is None:
        return lines
    mail = [
        i
        for i in range(motto)
        if _MAIL_HEADER_RE.match(lines[i]) or _MAIL_MARKER_RE.match(lines[i])
    ]
    if len(mail) < 2:
        return lines
    # The document opens at its first line in capitals after the mail (the issuer), else at
    # the motto: what lies between is the covering message.
    start = next((i for i in range(mail[-1] + 1, motto) if lines[i].isupper()), motto)
    return lines[start:]


class ParseError(ValueError):
    """The text is empty or is not a directive; the message says why, for the user."""


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return [line.strip()[:_MAX_LINE] for line in text.split("\n")]


def parse_text(
    text: str,
    *,
    max_chars: int | None = MAX_TEXT_CHARS,
    max_parts: int | None = MAX_PARTS,
    doubtful: set[str] | frozenset[str] = frozenset(),
) -> dict:
    """What a directive's text says, as plain data, read in time proportional to its length.

    Raises ParseError if it says nothing, is longer than max_chars or reads into more than
    max_parts groups, tasks, agency mentions and indicators (None: no limit, for the
    benchmark). ``doubtful`` holds the words an OCR was unsure of (see unsure.mark_doubtful).
    The result's "unsure" lists the fields to check first (see unsure.py).
    """
    if not isinstance(text, str) or not text.strip():
        raise ParseError(_("Văn bản trống: hãy dán nội dung chỉ thị hoặc kế hoạch."))
    if max_chars is not None and len(text) > max_chars:
        raise ParseError(
            _(
                "Văn bản quá dài: %(size)s ký tự, trong khi chỉ đọc được văn bản đến %(limit)s "
                "ký tự (một kế hoạch thường khoảng 100.000–300.000 ký tự). Hãy kiểm tra lại "
                "tệp hoặc tách văn bản thành nhiều phần."
            )
            % {"size": _grouped(len(text)), "limit": _grouped(max_chars)}
        )
    lines = drop_chrome(unwrap_email(_clean_lines(text)))
    full_text = "\n".join(lines)
    header = read_header(lines)
    body = lines[header["body_start"] :]
    decision: list[str] = []
    plan_at = _attached_plan(body, header) if header["doc_type"] == "QĐ" else None
    if plan_at is not None:
        # A Quyết định that issues a plan: its header is the document's, the plan attached
        # to it is what is tracked (its sections, groups, tasks and appendix).
        decision, plan = body[:plan_at], body[plan_at:]
        body = _after_caption(plan[read_header(plan)["body_start"] :])
    appendix_at = find_appendix(body)
    appendix = body[appendix_at:]
    body = body[:appendix_at]
    closing_at = next((i for i, ln in enumerate(body) if is_closing_start(ln)), len(body))
    closing = body[closing_at:]
    body = body[:closing_at]

    enacting_at = _enacting_at(decision)
    decision_closing_at = next(
        (i for i in range(enacting_at, len(decision)) if is_closing_start(decision[i])),
        len(decision),
    )
    grounds = [ln for ln in decision[:enacting_at] if ln]
    lead_text = "\n".join(line for line in body[: _lead_end(body)] if line)
    complete_header(header, text=full_text, preamble=lead_text, appendix="\n".join(appendix))
    default_year = _document_year(header)
    try:
        structure = read_structure(
            body, default_year=default_year, issued_on=header["issued_on"], max_parts=max_parts
        )
    except TooManyParts:
        raise _too_many_parts(max_parts) from None
    # A text is read as far as it goes while it has a recognisable header: an issuer in the
    # header, or a type with its number line or a body.
    has_content = structure["task_groups"] or structure["sections"] or appendix
    if not header["from_header"] and not (header["doc_type"] and (header["symbol"] or has_content)):
        raise ParseError(
            _(
                "Không nhận ra văn bản chỉ đạo: không thấy loại văn bản (Chỉ thị, Kế hoạch, "
                "Quyết định, ...) hoặc các nhiệm vụ của văn bản."
            )
        )

    signer, recipients, closing_rest = read_closing(closing)
    if decision:
        signed, recipients, _rest = read_closing(decision[decision_closing_at:])
        signer = signed if signed["name"] or signed["capacity"] else signer
    if header["doc_type"] is None:
        mark(header, "doc_type", MISSING)
    if signer["capacity"] is None and (header["actor"] or "").startswith("Chủ tịch"):
        signer["capacity"] = "CHỦ TỊCH"
    indicators, after_table = read_indicators(appendix)
    if max_parts is not None and _parts(structure["task_groups"]) + len(indicators) > max_parts:
        raise _too_many_parts(max_parts)
    unplaced = structure["unplaced"] + closing_rest + after_table

    title = header["title"]
    references = find_references(
        [t for t in (title, *grounds, *structure["preamble"].split("\n")) if t]
    )
    complete_from_text(references, full_text)
    theme, motto = find_theme_and_motto(full_text)
    result = {
        "_unsure": header.get("_unsure", {}),
        "doc_type": header["doc_type"],
        "number": header["number"],
        "symbol": header["symbol"],
        "issuer": header["issuer"],
        "place": header["place"],
        "issued_on": header["issued_on"],
        "school_year": find_school_year(title or "", full_text),
        "title": title,
        "theme": theme,
        "motto": motto,
        "preamble": structure["preamble"],
        "implements": references,
        "sections": structure["sections"],
        "task_groups": structure["task_groups"],
        "indicators": indicators,
        "signer": signer,
        "recipients": recipients,
        "unplaced": unplaced,
    }
    mark_doubtful(result, set(doubtful))
    result["unsure"] = collect(result)
    return result


def _attached_plan(body: list[str], header: dict) -> int | None:
    """Where the plan a Quyết định issues begins (its own header block, then its type line
    and the caption "(Ban hành kèm theo Quyết định số ...)"), if it is attached."""
    enacted = False
    issues_plan = bool(_ISSUES_PLAN_RE.search(header["title"] or ""))
    for i, line in enumerate(body):
        if line.startswith("Điều 1"):
            enacted = True
        doc_type = type_of_line(line)[0]
        if not doc_type or doc_type == "QĐ":
            continue
        following = [ln for ln in body[i + 1 : i + 10] if ln][:4]
        if any(_ATTACHED_CAPTION_RE.match(ln) for ln in following) or (enacted and issues_plan):
            start = i
            while start > 0 and is_header_line(body[start - 1]):
                start -= 1
            return start
    return None


def _after_caption(lines: list[str]) -> list[str]:
    """The attached plan's body without its caption "(Ban hành kèm theo ...)" under the title."""
    first = next((i for i, ln in enumerate(lines) if ln), None)
    if first is None or not _ATTACHED_CAPTION_RE.match(lines[first]):
        return lines
    end = first
    while end < min(len(lines), first + 4) and not lines[end].endswith(")"):
        end += 1
    return lines[end + 1 :]


def _lead_end(body: list[str]) -> int:
    """Where the lead of a body ends (the "Thực hiện ..." of a plan, the opening of a news
    copy that names the document, a caption line above it): at its first heading, or after
    its opening paragraph and the one before it when it has none."""
    heading = next((i for i, ln in enumerate(body) if _HEADING_RE.match(ln)), None)
    if heading is not None:
        return heading
    paragraphs = [i for i, ln in enumerate(body) if ln]
    return paragraphs[1] + 1 if len(paragraphs) > 1 else len(body)


def _enacting_at(decision: list[str]) -> int:
    """Where a Quyết định's grounds ("Căn cứ ...", "Theo đề nghị ...") end."""
    return next((i for i, ln in enumerate(decision) if _ENACTING_RE.match(ln)), len(decision))


def _document_year(header: dict) -> int | None:
    if header["issued_on"]:
        return int(header["issued_on"][:4])
    return header["year"]


def _grouped(number: int) -> str:
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def _parts(groups: list[dict]) -> int:
    tasks = [task for group in groups for task in group["tasks"]]
    return len(groups) + len(tasks) + sum(len(task["agencies"]) for task in tasks)


def _too_many_parts(limit: int) -> ParseError:
    return ParseError(
        _(
            "Văn bản có hơn %(limit)s mục (nhóm nhiệm vụ, nhiệm vụ, cơ quan được giao và chỉ "
            "tiêu), quá nhiều để kiểm tra trên một trang; một kế hoạch thường chỉ có vài trăm. "
            "Hãy kiểm tra lại tệp hoặc tách văn bản thành nhiều phần."
        )
        % {"limit": _grouped(limit)}
    )
