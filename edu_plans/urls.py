from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import set_language

from edu_plans import views

admin.site.site_header = _("edu-plans administration")
admin.site.site_title = _("edu-plans")
admin.site.index_title = _("Data management")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:home"), name="home"),
    path("reporting/", include("reports.urls")),
    path("directives/", include("directives.urls")),
    path("indicators/", include("indicators.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("planning/", include("planning.urls")),
    path("jobs/", include("jobs.urls")),
    path("notices/", include("notifications.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    # Switching language is offered on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
