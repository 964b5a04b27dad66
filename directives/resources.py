"""Agencies as rows of a workbook (django-import-export), keyed by their code."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from directives.models import Agency

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore_neutralized(value):
    """The reverse of neutralize_formula, for workbooks coming back in."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class SafeSpreadsheetResource(resources.ModelResource):
    """Exports that cannot inject formulas, and imports that undo the protection.

    django-import-export's own escaping only strips a leading "="; "+", "-" and "@" start
    formulas too.
    """

    def export_field(self, field, instance, **kwargs):
        return neutralize_formula(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key in list(row.keys()):
            row[key] = restore_neutralized(row[key])
        super().before_import_row(row, **kwargs)


class AgencyResource(SafeSpreadsheetResource):
    code = fields.Field(attribute="code", column_name=_("Code"))
    name = fields.Field(attribute="name", column_name=_("Name"))
    short_name = fields.Field(
        attribute="short_name",
        column_name=_("Short name"),
        widget=widgets.CharWidget(allow_blank=True),
    )
    kind = fields.Field(attribute="kind", column_name=_("Kind"))
    parent = fields.Field(
        attribute="parent",
        column_name=_("Parent agency code"),
        widget=widgets.ForeignKeyWidget(Agency, field="code"),
    )
    valid_from = fields.Field(
        attribute="valid_from", column_name=_("Valid from"), widget=widgets.DateWidget("%d/%m/%Y")
    )
    valid_until = fields.Field(
        attribute="valid_until",
        column_name=_("Valid until"),
        widget=widgets.DateWidget("%d/%m/%Y"),
    )

    class Meta:
        model = Agency
        import_id_fields = ["code"]
        fields = (
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
