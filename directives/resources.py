"""Agencies as rows of a workbook (django-import-export), keyed by their code."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from directives.models import Agency


class AgencyResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name=_("Code"))
    name = fields.Field(attribute="name", column_name=_("Name"))
    short_name = fields.Field(attribute="short_name", column_name=_("Short name"))
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
    successor = fields.Field(
        attribute="successor",
        column_name=_("Successor code"),
        widget=widgets.ForeignKeyWidget(Agency, field="code"),
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
            "successor",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
