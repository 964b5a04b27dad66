"""Scanned pages read by OCR: Tesseract with its Vietnamese data, from Debian's packages.

A PDF page is rendered at 300 dpi by pdftoppm (poppler-utils); an image is read as it is
(enlarged when its resolution is too low for Tesseract). The rules of a table are erased
first: Tesseract reads them as "|" and "_" and loses the short cells beside them (the "2"
of a row number). Tesseract's words come with their confidence (its TSV output); those it
was unsure of become the document's ``doubtful`` words, which the reader marks "ocr".
"""

import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from directives.parsing.appendix import plain_number
from directives.parsing.unsure import _WORD_RE as FIELD_WORD_RE  # the words marks are set by

from .errors import DocumentError
from .layout import Row, Word, rows_of_words

# Each page takes a few seconds on one core; a scan of more pages is read in parts.
MAX_OCR_PAGES = 20
OCR_DPI = 300
# A clean A4 page at 300 dpi takes 2 to 5 s; a page still running after this is given up.
PAGE_TIMEOUT_SECONDS = 30
# All the pages of one file, so that an upload does not hold a worker for long.
TOTAL_TIMEOUT_SECONDS = 180
# An A4 page at 600 dpi is 35 million pixels; an image larger than this is not a page scan.
MAX_IMAGE_PIXELS = 60_000_000
# A word Tesseract is less sure of than this (0-100) is doubtful, unless the same word was
# read at least this surely elsewhere in the document.
DOUBTFUL_BELOW = 75
_LANGUAGE = "vie"
# Tesseract's "single column of text of variable sizes": it keeps a line whole across the
# columns of a header or a table, which layout.py then cuts into cells.
_PAGE_SEGMENTATION = "6"
# Words without a letter or digit that are text, not specks: dashes, bullets, signs.
_MARKS = frozenset(("-", "–", "+", "%", "•", "*", "(", ")", "…", "...", "/"))


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$"
)


@dataclass
class OcrPage:
    rows: list[Row]
    words: list[Word]


class _Deadline:
    def __init__(self) -> None:
        self.ends = time.monotonic() + TOTAL_TIMEOUT_SECONDS

    def seconds(self, page: int) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise _too_slow(page, TOTAL_TIMEOUT_SECONDS)
        return min(PAGE_TIMEOUT_SECONDS, left)


def _no_progress(step: str, percent: int) -> None:
    return None


def _reading(progress, done: int, count: int) -> None:
    progress(
        _("Recognising text (OCR) on page %(page)s/%(count)s") % {"page": done + 1, "count": count},
        done * 100 // count,
    )


def ocr_pdf_pages(data: bytes, numbers: list[int], *, progress=_no_progress) -> list[OcrPage]:
    """The OCR'd pages of a PDF, by their numbers counted from 0; ``progress(step,
    percent)`` hears of each page begun."""
    _require_tesseract()
    deadline = _Deadline()
    pages = []
    with tempfile.TemporaryDirectory(prefix="edu-plans-ocr-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        for done, number in enumerate(numbers):
            _reading(progress, done, len(numbers))
            image = Path(folder) / f"page-{number + 1}"
            _run(
                [
                    "pdftoppm",
                    "-r",
                    str(OCR_DPI),
                    "-gray",
                    "-png",
                    "-singlefile",
                    "-f",
                    str(number + 1),
                    "-l",
                    str(number + 1),
                    str(source),
                    str(image),
                ],
                page=number + 1,
                timeout=deadline.seconds(number + 1),
            )
            from PIL import Image

            with Image.open(image.with_suffix(".png")) as rendered:
                pages.append(_ocr(rendered, OCR_DPI, number + 1, folder, deadline))
    return pages


def ocr_image(data: bytes, *, progress=_no_progress) -> list[OcrPage]:
    """The OCR'd pages of an image file (a TIFF may hold several)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    _require_tesseract()
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise DocumentError(_("The image is damaged or is not an image.")) from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise DocumentError(
            _("The image is too large (%(size)s million pixels; at most %(limit)s).")
            % {"size": width * height // 1_000_000, "limit": MAX_IMAGE_PIXELS // 1_000_000}
        )
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_OCR_PAGES:
        raise DocumentError(
            _("The image holds %(count)s pages, more than the %(limit)s accepted.")
            % {"count": frames, "limit": MAX_OCR_PAGES}
        )
    deadline = _Deadline()
    pages = []
    with image, tempfile.TemporaryDirectory(prefix="edu-plans-ocr-") as folder:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _reading(progress, number - 1, frames)
                frame.load()
                pages.append(_ocr(frame, _dpi_of(frame), number, folder, deadline))
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise DocumentError(_("The image is damaged or is not an image.")) from exc
    return pages


def _dpi_of(image) -> float:
    """The image's resolution as it says, or as an A4 page's width (8.27 in) implies."""
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and dpi[0] > 50:
        return float(dpi[0])
    return max(image.size[0], image.size[1] / 1.414) / 8.27


def _ocr(image, dpi: float, page: int, folder: str, deadline: _Deadline) -> OcrPage:
    from PIL import Image

    gray = image.convert("L")
    if dpi < OCR_DPI * 0.8:  # Tesseract misreads letters under about 20 pixels high
        scale = OCR_DPI / dpi
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.LANCZOS)
        dpi = OCR_DPI
    gray = erase_rules(gray, dpi)
    path = Path(folder) / f"ocr-{page}.png"
    gray.save(path)
    output = _run(
        [
            "tesseract",
            str(path),
            "stdout",
            "-l",
            _LANGUAGE,
            "--psm",
            _PAGE_SEGMENTATION,
            "--dpi",
            str(round(dpi)),
            "tsv",
        ],
        page=page,
        timeout=deadline.seconds(page),
    )
    return _page_of_tsv(output.decode("utf-8", errors="replace"))


def erase_rules(gray, dpi: float):
    """The image with its long straight lines (a table's rules, underlines) made white.

    Ink is kept where a run of it is long: shrinking the image along one axis by a box
    filter averages each run of ``length`` pixels, and only a rule fills one whole. Letters
    are shorter than a line of text is high; rules run across cells. The boxes are laid twice,
    the second time shifted by half a box, so that a rule's end is missed by half a box at
    most, and nothing beyond the rule is taken.
    """
    from PIL import Image, ImageChops, ImageFilter

    ink = gray.point(lambda p: 255 if p < 140 else 0)
    rules = Image.new("L", ink.size, 0)
    for across, length in ((True, round(60 * dpi / OCR_DPI)), (False, round(80 * dpi / OCR_DPI))):
        length = max(2, length)
        for shift in (0, length // 2):
            part = ink.crop(
                (shift, 0, ink.width, ink.height) if across else (0, shift, ink.width, ink.height)
            )
            width, height = part.size
            size = (
                (max(1, width // length), height) if across else (width, max(1, height // length))
            )
            found = (
                part.resize(size, Image.BOX)
                .point(lambda p: 255 if p > 235 else 0)
                .resize(
                    (size[0] * length, height) if across else (width, size[1] * length),
                    Image.NEAREST,
                )
            )
            layer = Image.new("L", ink.size, 0)
            layer.paste(found, (shift, 0) if across else (0, shift))
            rules = ImageChops.lighter(rules, layer)
    cleaned = gray.copy()
    cleaned.paste(255, mask=rules.filter(ImageFilter.MaxFilter(5)))
    return cleaned


def _page_of_tsv(tsv: str) -> OcrPage:
    """Tesseract's words (TSV level 5) in lines, rule marks left out."""
    words: list[Word] = []
    for record in tsv.splitlines()[1:]:
        parts = record.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        # "|" and "_" are what is left of a rule beside a word ("18_,"); text has neither.
        text = parts[11].replace("|", "").replace("_", "").strip()
        try:
            left, top, width, height = (int(v) for v in parts[6:10])
            confidence = float(parts[10])
        except ValueError:
            continue
        if _noise(text, confidence):
            continue
        word = Word(text, left, left + width, top, top + height, confidence)
        words.append(word)
    # Tesseract's own lines are not kept: where rows of a table sit close it takes several
    # as one line. Words are grouped into lines by their place, as in a text layer.
    return OcrPage(rows=rows_of_words(words), words=words)


def _noise(text: str, confidence: float) -> bool:
    """What Tesseract reads in specks and in what is left of a rule: marks without a letter
    or digit (but a dash or a per cent sign is text), a lone letter it is unsure of."""
    if not any(c.isalnum() for c in text):
        return text not in _MARKS
    return len(text) == 1 and text.isalpha() and confidence < DOUBTFUL_BELOW


def doubtful_words(words: list[Word]) -> set[str]:
    """The words (as the reader's fields split them) read below DOUBTFUL_BELOW and never read
    surely elsewhere; a doubtful number also as the appendix writes it ("32,7" → "32.7")."""
    sure: set[str] = set()
    unsure: set[str] = set()
    for word in words:
        tokens = FIELD_WORD_RE.findall(word.text)
        (sure if word.confidence >= DOUBTFUL_BELOW else unsure).update(tokens)
    doubtful = unsure - sure
    # Tesseract is sometimes sure of what no Vietnamese word is ("xóamù" for "xóa mù").
    doubtful |= {token for token in sure if not is_vietnamese_spelling(token)}
    doubtful |= {n for n in map(plain_number, doubtful) if n is not None}
    return doubtful


def is_vietnamese_spelling(token: str) -> bool:
    """Whether each word of a token is spelled as a Vietnamese syllable can be (an onset, one
    to three vowels, a final consonant), or is an abbreviation ("THCS", "TTg") or a number.

    Tone marks are set aside (a syllable takes any of them); the letters ă â ê ô ơ ư keep
    their marks, as they are other vowels."""
    for piece in _LETTERS_RE.findall(token):
        if piece[1:] != piece[1:].lower():
            continue  # "UBND", "TTg", "BGDĐT": abbreviations
        bare = unicodedata.normalize(
            "NFC",
            "".join(c for c in unicodedata.normalize("NFD", piece.lower()) if c not in _TONES),
        )
        if not _SYLLABLE_RE.match(bare):
            return False
    return True


def _require_tesseract() -> None:
    if shutil.which("tesseract") is None or shutil.which("pdftoppm") is None:
        raise DocumentError(
            _(
                "Text recognition (OCR) is not installed on this server, so a scan cannot be "
                "read. Ask the administrator to install Tesseract with its Vietnamese data, "
                "or upload the file with its text."
            )
        )


def _run(command: list[str], *, page: int, timeout: float) -> bytes:
    # One thread per page: on a small server, Tesseract's threads only contend.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        finished = subprocess.run(
            command, capture_output=True, timeout=timeout, check=False, env=environment
        )
    except subprocess.TimeoutExpired as exc:
        raise _too_slow(page, round(timeout)) from exc
    except OSError as exc:
        raise _failed(page) from exc
    if finished.returncode != 0:
        raise _failed(page)
    return finished.stdout


def _too_slow(page: int, seconds: float) -> DocumentError:
    return DocumentError(
        _(
            "Reading page %(page)s of the scan took longer than %(seconds)s seconds. Upload a "
            "clearer scan or fewer pages, or paste the text."
        )
        % {"page": page, "seconds": seconds}
    )


def _failed(page: int) -> DocumentError:
    return DocumentError(
        _("Text recognition (OCR) could not read page %(page)s of the scan.") % {"page": page}
    )
