"""Evidence files (minh chứng): checked by content as well as by name before storing."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

_ZIP_MARKERS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_SIGNATURES = {
    ".pdf": [b"%PDF-"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
}
ALLOWED_SUFFIXES = sorted([*_SIGNATURES, *_ZIP_MARKERS])


def validate_evidence(upload) -> str:
    """Return the file's lower-case suffix, or raise ValidationError in Vietnamese.

    Accepted: PDF, DOCX, XLSX, JPG and PNG up to 10 MB whose content is what the name
    says; Office files with macros and zip bombs are refused.
    """
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(
            _("Only PDF, DOCX, XLSX, JPG and PNG files can be attached."), code="type"
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if suffix in _SIGNATURES:
        if not any(head.startswith(sig) for sig in _SIGNATURES[suffix]):
            raise ValidationError(
                _("The content of the file is not %(type)s.") % {"type": suffix[1:].upper()},
                code="content",
            )
        if suffix == ".pdf" and not _is_readable_pdf(upload):
            raise ValidationError(
                _("The file starts like a PDF but is not one that can be opened."),
                code="content",
            )
        return suffix
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        names, total = [], 0
    finally:
        upload.seek(0)
    if _ZIP_MARKERS[suffix] not in names:
        raise ValidationError(
            _("The content of the file is not %(type)s.") % {"type": suffix[1:].upper()},
            code="content",
        )
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Files with macros cannot be attached."), code="macro")
    if total > MAX_UNZIPPED_BYTES:
        raise ValidationError(_("The file unpacks to an unreasonable size."), code="bomb")
    return suffix


def _is_readable_pdf(upload) -> bool:
    """A PDF whose cross-reference table and pages can be read, not just its first bytes.

    Anything can be written after "%PDF-" (a web page saved under a .pdf name, say); a
    reader finds the trailer at the end of the file and the pages it points to.
    """
    from pypdf import PdfReader  # imported here: only evidence uploads need it

    try:
        upload.seek(0)
        reader = PdfReader(upload, strict=False)
        return len(reader.pages) > 0
    except Exception:  # pypdf raises many kinds for a broken file; all mean "not a PDF"
        return False
    finally:
        upload.seek(0)
