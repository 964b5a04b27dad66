"""Checking an uploaded file before openpyxl parses any XML: its size, that it is an honest
.xlsx (not an old .xls, another file renamed, a damaged archive or a workbook with
macros) and that it does not unpack to far more than a template holds."""

import io
import warnings
import zipfile

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from reports.fill_in.preview import FillInError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A template unpacks to well under 1 MB; these leave room for long answers while
# refusing zip bombs before openpyxl unpacks anything.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, and password-protected workbooks


def read_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_UPLOAD_BYTES:
            raise FillInError(_too_large())
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise FillInError(_too_large())
    return data


def _too_large() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}


def _not_xlsx() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx). Upload the template downloaded from "
        "the report page, saved as an Excel Workbook (.xlsx)."
    )


def check_package(data: bytes) -> None:
    """Refuse what is not an honest .xlsx before any XML is parsed: old .xls files,
    other files renamed, damaged archives, macros and zip bombs. Raises FillInError."""
    if data.startswith(OLE2_MAGIC):
        raise FillInError(
            _(
                "This is an old Excel file (.xls) or a workbook protected by a password. "
                "Save it as an Excel Workbook (.xlsx) without a password and upload it again."
            )
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise FillInError(_not_xlsx())
    try:
        archive = zipfile.ZipFile(buffer)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise FillInError(_damaged()) from exc
    # The sizes come from the archive's directory; zipfile never unpacks a member past
    # its stated size (a lie there fails its checksum), so these totals bound the work.
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise FillInError(
            _("The file unpacks to far more data than a report template holds; it is refused.")
        )
    names = {m.filename for m in members}
    content_types = "[Content_Types].xml"
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FillInError(_macros())
    if "xl/workbook.xml" not in names or content_types not in names:
        raise FillInError(_not_xlsx())
    try:
        declared = archive.read(content_types)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FillInError(_damaged()) from exc
    if b"macroenabled" in declared.lower():
        raise FillInError(_macros())


def _damaged() -> str:
    return _("The file is damaged and cannot be read. Save it again in Excel and upload it.")


def _macros() -> str:
    return _(
        "The workbook contains macros (.xlsm), which are not accepted. Save it as an Excel "
        "Workbook (.xlsx) and upload it again."
    )


def open_workbook(data: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            # Formulas are read as formulas (data_only=False) so they can be refused.
            return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise FillInError(_damaged()) from exc
