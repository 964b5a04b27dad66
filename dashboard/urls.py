from django.urls import path, register_converter

from dashboard import views


class ExportFormat:
    regex = "pdf|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ExportFormat, "dashboard_format")

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("trends/", views.dashboard_trends, name="dashboard_trends"),
    path("export.<dashboard_format:fmt>", views.dashboard_export, name="dashboard_export"),
]
