"""Where the reader is unsure: fields it guessed, could not place, or read from a poor scan.

A reading step marks a field of the dict it builds with ``mark(item, "due_on", GUESSED)``;
``parse_text`` collects every mark into the result's ``"unsure"`` list, each with the path of
the field ("issuer", "task_groups[2].tasks[0].due_on", "indicators[3].target"), and removes
the private ``_unsure`` keys. Staff look at these fields first on the review page.
"""

import re

# The reader inferred the value from elsewhere than where the document states it.
GUESSED = "guessed"
# The document should state it here (a plan's date, an indicator's target) and it was not found.
MISSING = "missing"
# The value was read from a scan, and the OCR was not sure of some of its characters.
OCR = "ocr"
# The text allows more than one reading; the reader took one.
AMBIGUOUS = "ambiguous"
REASONS = (GUESSED, MISSING, OCR, AMBIGUOUS)

_KEY = "_unsure"
_WORD_RE = re.compile(r"\w[\w./,%-]*\w|\w")


def mark(item: dict, field: str, reason: str) -> None:
    """Say that item[field] is unsure, for this reason (the first reason given is kept)."""
    if reason not in REASONS:
        raise ValueError(reason)
    item.setdefault(_KEY, {}).setdefault(field, reason)


def marks_of(item: dict) -> dict[str, str]:
    return dict(item.get(_KEY, {}))


def collect(result: dict) -> list[dict]:
    """Every mark in the result as {"field": path, "reason": ...}, in document order; the
    private keys are removed."""
    found: list[dict] = []
    _walk(result, "", found)
    return found


def _walk(value, path: str, found: list[dict]) -> None:
    if isinstance(value, dict):
        marks = value.pop(_KEY, None) or {}
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else key, found)
        found.extend({"field": f"{path}.{k}" if path else k, "reason": r} for k, r in marks.items())
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}[{index}]", found)


def mark_doubtful(result: dict, doubtful: set[str]) -> None:
    """Mark OCR on every text field holding a word the OCR was unsure of.

    ``doubtful`` holds such words as they stand in the text (a word read well elsewhere in the
    document should not be in it). Each field is split into words once: linear in the text.
    """
    if not doubtful:
        return
    _doubt(result, doubtful, top=True)


_SKIP = frozenset(("unsure", "preamble", "sections", "unplaced", "implements"))


def _doubt(value, doubtful: set[str], *, top: bool = False) -> None:
    if isinstance(value, dict):
        for key, item in list(value.items()):  # mark() adds a key to the dict
            if top and key in _SKIP or key == _KEY:
                continue
            if isinstance(item, str) and any(w in doubtful for w in _WORD_RE.findall(item)):
                mark(value, key, OCR)
            elif isinstance(item, (dict, list)):
                _doubt(item, doubtful)
    elif isinstance(value, list):
        for item in value:
            _doubt(item, doubtful)
