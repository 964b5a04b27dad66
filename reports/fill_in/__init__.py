"""The Excel fill-in template of a report, and reading it back: the offline path for
district offices with poor connections.

A unit downloads its template, fills it in Excel, uploads it; the upload is checked and
shown as a preview (every change old → new, every problem with its cell) before
``apply_upload`` saves it through ``workflow.save_report``, with the same rules, version
check and history as the browser form.

Sheet protection and drop-down lists only help the person filling the template: anyone
can lift them, so every cell read back is validated here as if they were not there.

- ``layout``: what identifies a template, its sheets, rows and columns.
- ``template``: building the template (``build_template``, ``input_cells``).
- ``package_check``: refusing what is not an honest .xlsx before openpyxl reads it.
- ``preview``: ``FillInPreview``, ``Problem``, ``Change`` and ``FillInError``.
- ``reading``: reading the sheets back, cell by cell.
- ``upload``: ``read_upload`` and ``apply_upload``.
- ``pending``: the uploaded workbook kept between its preview and its confirmation, and
  the cleaning of those abandoned (``manage.py clean_uploads``).
"""

from reports.fill_in.layout import (
    FIRST_ROW,
    HEADER_ROW,
    INDICATOR_HEADERS,
    INDICATOR_SHEET,
    KEY,
    META_SHEET,
    TASK_COLUMNS,
    TASK_HEADERS,
    TASK_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    VALUE_COLUMNS,
)
from reports.fill_in.package_check import (
    MAX_MEMBERS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    OLE2_MAGIC,
    check_package,
)
from reports.fill_in.preview import Change, FillInError, FillInPreview, Problem
from reports.fill_in.reading import PLACES
from reports.fill_in.template import build_template, input_cells
from reports.fill_in.upload import apply_upload, read_upload

__all__ = [
    # layout
    "FIRST_ROW",
    "HEADER_ROW",
    "INDICATOR_HEADERS",
    "INDICATOR_SHEET",
    "KEY",
    "META_SHEET",
    "TASK_COLUMNS",
    "TASK_HEADERS",
    "TASK_SHEET",
    "TEMPLATE_KIND",
    "TEMPLATE_VERSION",
    "VALUE_COLUMNS",
    # the template
    "build_template",
    "input_cells",
    # checking the file
    "MAX_MEMBERS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_UPLOAD_BYTES",
    "OLE2_MAGIC",
    "check_package",
    # reading it back
    "PLACES",
    "Change",
    "FillInError",
    "FillInPreview",
    "Problem",
    "apply_upload",
    "read_upload",
]
