"""The text of a document as received: pasted, a .txt, a Word .docx, a PDF or a scan.

``read_document`` is the one entry for a file: its text, the words a reading of a scan was
unsure of (for the reader's "unsure" marks), and how the text was obtained.

A Word table is flattened one cell per line, the shape in which the appendix of
3707/KH-UBND arrived as text, so that one reader handles both; a two-column layout table
(the header, the signature block) by columns, and list labels Word draws are written out
(word.py). A PDF's table comes out one row per line, its cells joined by " | " (pdf.py,
layout.py); scans are read by OCR (ocr.py).
"""

import io
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils import formats
from django.utils.translation import gettext as _

from directives.parsing import MAX_TEXT_CHARS

from .errors import DocumentError

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "Progress",
    "UPLOAD_SUFFIXES",
    "DocumentError",
    "ReadDocument",
    "document_from_upload",
    "no_progress",
    "read_document",
    "text_from_docx",
]

# What a reading reports as it goes: a step in words and how far it has gone (0-100).
Progress = Callable[[str, int], None]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A .docx is a zip: 60 KB of it can unpack to 14 million characters. Its declared sizes are
# checked before python-docx reads it (zipfile never inflates a member past its declared size).
# A real plan's Word file unpacks to a few MB, its text part (word/document.xml) to less.
MAX_DOCX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_DOCX_BODY_BYTES = 15 * 1024 * 1024
MAX_DOCX_MEMBERS = 1000
_DOCX_BODY = "word/document.xml"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
# What the upload field offers to choose (read_document also takes a name without suffix).
UPLOAD_SUFFIXES = (".docx", ".pdf", ".txt", *IMAGE_SUFFIXES)


@dataclass
class ReadDocument:
    """What was read from a file: its text in NFC, how, and the words an OCR doubted."""

    text: str
    method: str  # "text", "docx", "pdf" (its text layer) or "ocr" (a scan, or a PDF with one)
    doubtful: set[str] = field(default_factory=set)


def no_progress(step: str, percent: int) -> None:
    """The default ``progress``: nobody is following."""


def read_document(name: str, data: bytes, *, progress: Progress = no_progress) -> ReadDocument:
    """The text of a file by its name's suffix; DocumentError for what cannot be read.

    ``progress(step, percent)`` hears where the reading is ("Đang đọc trang 3/12", "Đang
    nhận dạng chữ (OCR) trang 2/5"; 0-100 of the reading), for a background job to show.
    """
    suffix = PurePath(name or "").suffix.lower()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(_("The file is larger than 10 MB."))
    if suffix == ".docx":
        progress(_("Reading the Word file"), 10)
        return ReadDocument(unicodedata.normalize("NFC", text_from_docx(data)), "docx")
    if suffix == ".pdf":
        from .pdf import read_pdf

        if data.lstrip()[:5] != b"%PDF-":
            raise DocumentError(_("The file is not a PDF."))
        text, scanned, doubtful = read_pdf(data, progress=progress)
        return _checked(
            ReadDocument(unicodedata.normalize("NFC", text), "ocr" if scanned else "pdf", doubtful)
        )
    if suffix in IMAGE_SUFFIXES:
        from .pdf import read_image

        text, doubtful = read_image(data, progress=progress)
        return _checked(ReadDocument(unicodedata.normalize("NFC", text), "ocr", doubtful))
    if suffix in (".txt", ".text", ""):
        return ReadDocument(unicodedata.normalize("NFC", decode_text(data)), "text")
    raise DocumentError(
        _(
            "Upload a Word (.docx), PDF, scanned image (.png, .jpg, .tif) or .txt file, or "
            "paste the text."
        )
    )


def _checked(document: ReadDocument) -> ReadDocument:
    """A PDF or scan from which no text came is refused with a reason, not read as empty."""
    if not document.text.strip():
        raise DocumentError(
            _(
                "No text could be read from the file: it may be blank, or a scan too poor "
                "for text recognition. Upload a clearer scan, or paste the text."
            )
        )
    if len(document.text) > MAX_TEXT_CHARS:
        raise DocumentError(
            _(
                "The file holds more than %(limit)s characters of text, more than a "
                "directive has. Check that it is the right file, or split it."
            )
            % {"limit": formats.number_format(MAX_TEXT_CHARS, force_grouping=True)}
        )
    return document


def text_from_docx(data: bytes) -> str:
    """Paragraphs and tables of a .docx in the order of the document.

    Raises DocumentError for what is not a Word file, is damaged, unpacks beyond the limits
    above, or holds more text than the reader takes (MAX_TEXT_CHARS).
    """
    import docx  # python-docx; imported here so that pages without uploads stay light
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(_("The file is not a Word document (.docx)."))
    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise DocumentError(_("The Word file is damaged and cannot be read.")) from exc
    from .word import Numbering, paragraph_line, table_lines

    numbering = Numbering(document)
    lines = []
    length = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts = [paragraph_line(block, numbering)]
        elif isinstance(block, Table):
            texts = table_lines(block, numbering)
        else:
            continue
        lines.extend(texts)
        length += sum(len(text) + 1 for text in texts)
        if length > MAX_TEXT_CHARS + 1:  # no need to read further to refuse it
            raise DocumentError(
                _(
                    "The Word file holds more than %(limit)s characters of text, more than a "
                    "directive has. Check that it is the right file, or split it."
                )
                % {"limit": formats.number_format(MAX_TEXT_CHARS, force_grouping=True)}
            )
    return "\n".join(lines)


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a package whose parts would unpack beyond the limits, before unpacking any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(_("The Word file is damaged and cannot be read.")) from exc
    if len(members) > MAX_DOCX_MEMBERS:
        raise DocumentError(
            _("The Word file has too many parts (%(count)s; at most %(limit)s).")
            % {"count": len(members), "limit": MAX_DOCX_MEMBERS}
        )
    unpacked = sum(member.file_size for member in members)
    body = sum(member.file_size for member in members if member.filename == _DOCX_BODY)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise DocumentError(
            _(
                "The Word file unpacks to %(size)s MB, more than the %(limit)s MB accepted. "
                "Check that it is the right file."
            )
            % {"size": _megabytes(unpacked), "limit": MAX_DOCX_UNPACKED_BYTES // 2**20}
        )
    if body > MAX_DOCX_BODY_BYTES:
        raise DocumentError(
            _(
                "The text of the Word file unpacks to %(size)s MB, more than the %(limit)s MB "
                "accepted. Check that it is the right file, or split it."
            )
            % {"size": _megabytes(body), "limit": MAX_DOCX_BODY_BYTES // 2**20}
        )


def _megabytes(size: int) -> str:
    return formats.number_format(size / 2**20, decimal_pos=1)


def document_from_upload(upload) -> ReadDocument:
    """read_document for an uploaded file, refusing one over the limit before reading it."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DocumentError(_("The file is larger than 10 MB."))
    return read_document(getattr(upload, "name", "") or "", upload.read())


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(
            _("The text file is not in UTF-8; save it as UTF-8 and try again.")
        ) from None
