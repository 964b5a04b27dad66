"""The text of a PDF: its text layer where it has one, OCR for the pages that are scans;
and of a scanned image, laid out the same way.

pdfplumber gives each word with its box and the tables drawn with rules; layout.py puts the
words in reading order. A page with (almost) no text in its layer is a scan: it is rendered
and read by OCR (ocr.py).
"""

import io
import logging

from django.utils.translation import gettext as _

from .errors import DocumentError
from .layout import (
    Cell,
    Row,
    Word,
    drop_page_furniture,
    drop_repeated_heads,
    join_wrapped,
    lines_of_rows,
    rows_of_words,
)
from .ocr import MAX_OCR_PAGES, OcrPage, doubtful_words, ocr_image, ocr_pdf_pages

logger = logging.getLogger(__name__)

# A plan with its appendices is 10 to 60 pages; a file several times longer is not one.
MAX_PDF_PAGES = 200
# A page whose text layer has fewer words than this is a scan (a stamp, a page number).
_SCANNED_PAGE_WORDS = 5
# A page mostly covered by an image, with no more words than a digital signature's box
# ("Người ký: ... Thời gian ký: ...") or a stamp adds to a scan, is a scan too.
_SIGNATURE_WORDS = 60
_SCAN_COVER = 0.5


def _no_progress(step: str, percent: int) -> None:
    return None


# The share of a PDF's reading its text layer takes; OCR of its scanned pages the rest.
_TEXT_LAYER_SHARE = 40


def read_pdf(data: bytes, *, progress=_no_progress) -> tuple[str, bool, set[str]]:
    """(text, whether OCR read any page, the words OCR doubted) of a PDF file;
    ``progress(step, percent)`` hears of each page read (documents.read_document).

    Raises DocumentError for a file that is not a PDF, is damaged or protected by a
    password, has more than MAX_PDF_PAGES pages, or whose scanned pages cannot be read.
    """
    pages, scanned = _text_layer(data, progress)
    ocr_pages: dict[int, OcrPage] = {}
    if scanned:
        if len(scanned) > MAX_OCR_PAGES:
            raise DocumentError(
                _(
                    "The PDF has %(count)s scanned pages to read by text recognition, more "
                    "than the %(limit)s accepted. Upload the pages in parts, or the file with "
                    "its text (not a scan)."
                )
                % {"count": len(scanned), "limit": MAX_OCR_PAGES}
            )
        ocr_pages = dict(
            zip(
                scanned,
                ocr_pdf_pages(
                    data,
                    scanned,
                    progress=lambda step, percent: progress(
                        step, _TEXT_LAYER_SHARE + percent * (100 - _TEXT_LAYER_SHARE) // 100
                    ),
                ),
                strict=True,
            )
        )
        for number, page in ocr_pages.items():
            pages[number] = page.rows
    lines: list[str] = []
    for rows in drop_repeated_heads(drop_page_furniture(pages)):
        lines.extend(lines_of_rows(rows))
    doubtful = doubtful_words([w for page in ocr_pages.values() for w in page.words])
    return "\n".join(lines), bool(ocr_pages), doubtful


def read_image(data: bytes, *, progress=_no_progress) -> tuple[str, set[str]]:
    """(text, the words OCR doubted) of a scanned image, laid out as a PDF's pages are."""
    pages = ocr_image(data, progress=progress)
    rows = drop_repeated_heads(drop_page_furniture([page.rows for page in pages]))
    lines = [line for page_rows in rows for line in lines_of_rows(page_rows)]
    return "\n".join(lines), doubtful_words([w for page in pages for w in page.words])


def _text_layer(data: bytes, progress=_no_progress) -> tuple[list[list[Row]], list[int]]:
    """The rows of each page from the text layer, and the numbers of the scanned pages."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise _refusal(exc) from exc
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise _damaged() from exc
        if count == 0:
            raise _damaged()
        if count > MAX_PDF_PAGES:
            raise DocumentError(
                _(
                    "The PDF has %(count)s pages, more than the %(limit)s accepted. Check "
                    "that it is the right file, or split it."
                )
                % {"count": count, "limit": MAX_PDF_PAGES}
            )
        pages: list[list[Row]] = []
        scanned: list[int] = []
        for number, page in enumerate(pdf.pages):
            progress(
                _("Reading page %(page)s/%(count)s") % {"page": number + 1, "count": count},
                number * _TEXT_LAYER_SHARE // count,
            )
            try:
                rows, words = _page_rows(page)
            except Exception as exc:
                logger.warning("PDF page %s unreadable", number + 1, exc_info=True)
                raise _refusal(exc) from exc
            if _is_scan(page, words):
                scanned.append(number)
            pages.append(rows)
            page.flush_cache()
    return pages, scanned


def _page_rows(page) -> tuple[list[Row], int]:
    """A page's rows, its ruled tables as rows of their cells, and its number of words."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)

    def in_table(word: dict) -> bool:
        x = (word["x0"] + word["x1"]) / 2
        y = (word["top"] + word["bottom"]) / 2
        return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    free = [
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words if not in_table(w)
    ]
    rows = rows_of_words(free)
    for table in tables:
        for cells, table_row in zip(table.extract(), table.rows, strict=False):
            present = [
                (join_wrapped(text.split("\n")), box)
                for text, box in zip(cells, table_row.cells, strict=False)
                if text is not None and box is not None
            ]
            if not present:
                continue
            _, top, _, bottom = table_row.bbox
            rows.append(
                Row(
                    cells=[Cell(text, box[0], box[2]) for text, box in present],
                    top=top,
                    bottom=bottom,
                    ruled=True,
                )
            )
    rows.sort(key=lambda row: row.top)
    return rows, len(words)


def _refusal(exc: Exception) -> DocumentError:
    """Protected or damaged: pdfplumber wraps pdfminer's password errors in its own."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
        return _protected()
    return _damaged()


def _is_scan(page, words: int) -> bool:
    if words < _SCANNED_PAGE_WORDS:
        return True
    if words > _SIGNATURE_WORDS:
        return False
    area = float(page.width * page.height) or 1.0
    covered = sum(
        max(0.0, float(i["x1"] - i["x0"])) * max(0.0, float(i["bottom"] - i["top"]))
        for i in page.images
    )
    return covered / area >= _SCAN_COVER


def _protected() -> DocumentError:
    return DocumentError(
        _(
            "The PDF is protected by a password. Open it, print it to a new PDF without "
            "protection, and upload that file."
        )
    )


def _damaged() -> DocumentError:
    return DocumentError(_("The PDF file is damaged and cannot be read."))
