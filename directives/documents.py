"""The text of a document as received: pasted, a .txt file or a Word .docx file.

A Word table is flattened one cell per line, the shape in which the appendix of
3707/KH-UBND arrived as text, so that one reader handles both.
"""

import io
import unicodedata
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class DocumentError(Exception):
    """The file cannot be read as a document; the message says why, in Vietnamese."""


def text_from_docx(data: bytes) -> str:
    """Paragraphs and tables of a .docx in the order of the document."""
    import docx  # python-docx; imported here so that pages without uploads stay light
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(_("The file is not a Word document (.docx)."))
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise DocumentError(_("The Word file is damaged and cannot be read.")) from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines.append(cell.text)
    return "\n".join(lines)


def text_from_upload(upload) -> str:
    """The text of an uploaded .txt or .docx file, in NFC."""
    name = PurePath(getattr(upload, "name", "") or "").suffix.lower()
    if upload.size > MAX_DOCUMENT_BYTES:
        raise DocumentError(_("The file is larger than 10 MB."))
    data = upload.read()
    if name == ".docx":
        text = text_from_docx(data)
    elif name in (".txt", ".text", ""):
        text = decode_text(data)
    else:
        raise DocumentError(_("Upload a .docx or .txt file, or paste the text."))
    return unicodedata.normalize("NFC", text)


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
