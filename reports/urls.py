from django.urls import path, register_converter

from reports import views


class ExportFormat:
    """Only the formats we produce: anything else is a 404, not an error page."""

    regex = "pdf|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "export_format")

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/new/", views.period_create, name="period_create"),
    path("periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("periods/<int:pk>/rollup/", views.period_rollup, name="period_rollup"),
    path("periods/<int:pk>/settings/", views.period_settings, name="period_settings"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/reopen/", views.report_reopen, name="report_reopen"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path(
        "directives/<int:pk>/export.<export_format:fmt>",
        views.directive_export,
        name="directive_export",
    ),
    path("periods/<int:pk>/export.<export_format:fmt>", views.period_export, name="period_export"),
    path("reports/<int:pk>/export.<export_format:fmt>", views.report_export, name="report_export"),
    path("reports/<int:pk>/template.xlsx", views.report_template, name="report_template"),
    path("reports/<int:pk>/upload/", views.report_upload, name="report_upload"),
    path("reports/<int:pk>/upload/apply/", views.report_upload_apply, name="report_upload_apply"),
    path(
        "reports/<int:pk>/upload/cancel/", views.report_upload_cancel, name="report_upload_cancel"
    ),
]
