"""The workbook of a reorganisation: one row per unit after the change (new, or an
existing one that takes over or moves), read with django-import-export and previewed in a
dry run before anything is recorded.

Columns: code, name, short name, kind, parent code, the codes of the old agencies the unit
takes over ("Tiếp nhận từ", separated by ";"), whether the legal basis states it ("x" or
blank), whether the unit receives the old units' users ("x" or blank), a note (the source).
Rows that take over from the same old agencies form one change: one old agency into
several new ones is a split, several into one a merger, several into several (or any row
whose mapping is not stated) a regrouping. An existing unit whose parent code differs from
its parent today is transferred there.
"""

import csv
import io
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from import_export import fields, widgets
from import_export.formats.base_formats import XLSX
from import_export.results import Result, RowResult

from directives.models import Agency, ReorganisationLine
from directives.reorganising import LineInput, NewAgency
from directives.resources import SafeSpreadsheetResource

Kind = ReorganisationLine.Kind

COLUMNS = {
    "code": gettext_lazy("Code"),
    "name": gettext_lazy("Name"),
    "short_name": gettext_lazy("Short name"),
    "kind": gettext_lazy("Kind"),
    "parent": gettext_lazy("Parent agency code"),
    "takes_over": gettext_lazy("Takes over from"),
    "stated": gettext_lazy("Stated by the basis"),
    "receives_users": gettext_lazy("Receives the users"),
    "note": gettext_lazy("Note"),
}
REQUIRED = ("code", "name", "kind", "parent", "takes_over")
YES = {"x", "có", "co", "yes"}


def _text(value) -> str:
    return unicodedata.normalize("NFC", str(value if value is not None else "")).strip()


@dataclass
class UnitRow:
    """One row as read: the unit after the change and what it takes over."""

    number: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    takes_over: list[str]
    stated: bool
    receives_users: bool
    note: str
    exists: bool


@dataclass
class WorkbookReading:
    """What the dry run made of a workbook: each row's fate, the errors, the changes."""

    result: Result | None
    rows: list[UnitRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: list[LineInput] = field(default_factory=list)

    @property
    def row_preview(self) -> list[tuple[UnitRow | None, str]]:
        """Each row read with what the import would do with it: new, unchanged, invalid."""
        labels = {
            RowResult.IMPORT_TYPE_NEW: _("new agency"),
            RowResult.IMPORT_TYPE_SKIP: _("existing agency"),
            RowResult.IMPORT_TYPE_INVALID: pgettext("workbook row", "error"),
            RowResult.IMPORT_TYPE_ERROR: pgettext("workbook row", "error"),
        }
        fates = {}
        if self.result is not None:
            for number, row_result in enumerate(self.result.rows, start=2):
                fates[number] = labels.get(row_result.import_type, row_result.import_type)
        return [(row, fates.get(row.number, "")) for row in self.rows]


class ReorganisationUnitResource(SafeSpreadsheetResource):
    """The units of a reorganisation's workbook as agencies; existing ones are left as they
    are (a transfer moves them, when the reorganisation is applied)."""

    code = fields.Field(attribute="code", column_name=COLUMNS["code"])
    name = fields.Field(attribute="name", column_name=COLUMNS["name"])
    short_name = fields.Field(
        attribute="short_name",
        column_name=COLUMNS["short_name"],
        widget=widgets.CharWidget(allow_blank=True),
    )
    kind = fields.Field(attribute="kind", column_name=COLUMNS["kind"])
    parent = fields.Field(
        attribute="parent",
        column_name=COLUMNS["parent"],
        widget=widgets.ForeignKeyWidget(Agency, field="code"),
    )

    class Meta:
        model = Agency
        import_id_fields = ["code"]
        fields = ("code", "name", "short_name", "kind", "parent")
        report_skipped = True
        clean_model_instances = True
        skip_diff = True

    def __init__(self, *, effective_on):
        super().__init__()
        self.effective_on = effective_on
        self.units: list[UnitRow] = []
        self.seen_codes: set[str] = set()

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        number = kwargs.get("row_number", 0) + 1  # the header is the sheet's first row
        value = {key: _text(row.get(str(column))) for key, column in COLUMNS.items()}
        errors = {}
        if value["code"] in self.seen_codes:
            errors["code"] = _("The code “%(code)s” appears twice.") % {"code": value["code"]}
        self.seen_codes.add(value["code"])
        kinds = {str(label).casefold(): key for key, label in Agency.Kind.choices}
        kind = value["kind"] if value["kind"] in Agency.Kind.values else None
        kind = kind or kinds.get(value["kind"].casefold())
        if kind is None:
            errors["kind"] = _("“%(value)s” is not a kind of agency.") % {"value": value["kind"]}
        else:
            row[str(COLUMNS["kind"])] = kind
        if value["parent"] and not Agency.objects.filter(code=value["parent"]).exists():
            errors["parent"] = _("No agency has the code “%(code)s”.") % {"code": value["parent"]}
        takes_over = [code.strip() for code in value["takes_over"].split(";") if code.strip()]
        known = set(Agency.objects.filter(code__in=takes_over).values_list("code", flat=True))
        unknown = [code for code in takes_over if code not in known]
        if unknown:
            errors["takes_over"] = _("No agency has the code %(codes)s.") % {
                "codes": ", ".join(f"“{code}”" for code in unknown)
            }
        flags = {}
        for key in ("stated", "receives_users"):
            if value[key] and value[key].casefold() not in YES:
                errors[key] = _("Write “x” or leave it blank, not “%(value)s”.") % {
                    "value": value[key]
                }
            flags[key] = value[key].casefold() in YES
        exists = Agency.objects.filter(code=value["code"]).exists()
        if not exists and not takes_over:
            errors["takes_over"] = _("A new agency must take over from at least one agency.")
        if errors:
            raise ValidationError(
                "; ".join(f"{COLUMNS[key]}: {message}" for key, message in errors.items())
            )
        self.units.append(
            UnitRow(
                number=number,
                code=value["code"],
                name=value["name"],
                short_name=value["short_name"],
                kind=kind,
                parent_code=value["parent"],
                takes_over=takes_over,
                stated=flags["stated"],
                receives_users=flags["receives_users"],
                note=value["note"],
                exists=exists,
            )
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return instance.pk is not None and not import_validation_errors

    def before_save_instance(self, instance, row, **kwargs):
        instance.valid_from = self.effective_on


def read_workbook(*, dataset: tablib.Dataset, effective_on) -> WorkbookReading:
    """Read a reorganisation's workbook in a dry run: nothing is written. The reading holds
    each row's fate, the errors in Vietnamese by row, and the changes the rows make."""
    headers = [_text(header) for header in dataset.headers or []]
    missing = [str(COLUMNS[key]) for key in REQUIRED if str(COLUMNS[key]) not in headers]
    if missing:
        return WorkbookReading(
            result=None,
            errors=[
                _("The workbook has no column %(names)s.")
                % {"names": ", ".join(f"“{name}”" for name in missing)}
            ],
        )
    dataset.headers = headers
    resource = ReorganisationUnitResource(effective_on=effective_on)
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=True, raise_errors=False, use_transactions=True
        )
        transaction.set_rollback(True)
    reading = WorkbookReading(result=result, rows=resource.units)
    for invalid in result.invalid_rows:
        for message in invalid.error.messages:
            reading.errors.append(
                _("Row %(row)s: %(message)s") % {"row": invalid.number + 1, "message": message}
            )
    for number, row_errors in result.row_errors():
        for error in row_errors:
            reading.errors.append(
                _("Row %(row)s: %(message)s") % {"row": number + 1, "message": error.error}
            )
    if not reading.errors:
        try:
            reading.lines = lines_from_rows(reading.rows)
        except ValidationError as exc:
            reading.errors.extend(exc.messages)
    if not reading.errors and not reading.lines:
        reading.errors.append(_("The workbook changes nothing: no row takes over or moves."))
    return reading


def lines_from_rows(rows: list[UnitRow]) -> list[LineInput]:
    """The changes the rows make: transfers first, then one change per group of rows that
    take over from the same old agencies, in the order of the workbook.

    Raises ValidationError when more than one unit of a change receives the users.
    """
    existing = {
        a.code: a
        for a in Agency.objects.select_related("parent").filter(
            code__in=[row.code for row in rows]
            + [row.parent_code for row in rows]
            + [code for row in rows for code in row.takes_over]
        )
    }
    lines = []
    for row in rows:
        agency = existing.get(row.code) if row.exists else None
        if agency is None or not row.parent_code:
            continue
        if agency.parent is None or agency.parent.code != row.parent_code:
            if row.parent_code not in existing:
                raise ValidationError(
                    _("Row %(row)s: an existing agency can only move under an existing one.")
                    % {"row": row.number}
                )
            lines.append(
                LineInput(
                    kind=Kind.TRANSFER,
                    predecessors=[agency],
                    new_parent=existing[row.parent_code],
                    note=row.note,
                )
            )
    # Rows sharing an old agency belong to one change (connected components).
    group_of: dict[str, int] = {}
    groups: dict[int, list[UnitRow]] = defaultdict(list)
    for index, row in enumerate(rows):
        if not row.takes_over:
            continue
        joined = {group_of[code] for code in row.takes_over if code in group_of}
        target = min(joined) if joined else index
        for other in joined - {target}:
            groups[target].extend(groups.pop(other))
        groups[target].append(row)
        for member in groups[target]:
            for code in member.takes_over:
                group_of[code] = target
    for members in (groups[key] for key in sorted(groups)):
        members.sort(key=lambda row: row.number)
        before = list(dict.fromkeys(code for row in members for code in row.takes_over))
        stated = all(row.stated for row in members)
        if not stated or (len(before) > 1 and len(members) > 1):
            kind = Kind.REGROUPING
        elif len(members) == 1:
            kind = Kind.MERGER
        else:
            kind = Kind.SPLIT
        receivers = [row for row in members if row.receives_users]
        if len(receivers) > 1:
            raise ValidationError(
                _("Rows %(rows)s: only one unit receives the users of the agencies it takes over.")
                % {"rows": ", ".join(str(row.number) for row in receivers)}
            )
        users_to = receivers[0] if receivers else None
        lines.append(
            LineInput(
                kind=kind,
                predecessors=[existing[code] for code in before],
                successors=[existing[row.code] for row in members if row.exists],
                new_agencies=[
                    NewAgency(
                        code=row.code,
                        name=row.name,
                        short_name=row.short_name,
                        kind=row.kind,
                        parent_code=row.parent_code,
                        receives_users=row is users_to,
                    )
                    for row in members
                    if not row.exists
                ],
                users_to=existing[users_to.code] if users_to and users_to.exists else None,
                mapping_stated=stated,
                note="\n".join(dict.fromkeys(row.note for row in members if row.note)),
            )
        )
    return lines


MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_MEMBERS = 200
MAX_UNCOMPRESSED_BYTES = 30 * 1024 * 1024


def dataset_from_upload(upload) -> tablib.Dataset:
    """The rows of an uploaded workbook (.xlsx, its first sheet as saved, or .csv in UTF-8).

    Raises ValidationError for a file too large, damaged, or of another kind; an .xlsx that
    would unpack to far more than a list of units is refused before it is opened.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is too large for a list of units (at most 2 MB)."))
    data = upload.read()
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        try:
            return tablib.Dataset().load(data.decode("utf-8-sig"), format="csv")
        except (UnicodeDecodeError, tablib.InvalidDimensions, csv.Error) as exc:
            raise ValidationError(_("The CSV file cannot be read: save it in UTF-8.")) from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file."))
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(_("The workbook is damaged and cannot be read.")) from exc
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            _("The file unpacks to far more data than a list of units holds; it is refused.")
        )
    try:
        return XLSX().create_dataset(data)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("The workbook is damaged and cannot be read.")) from exc
