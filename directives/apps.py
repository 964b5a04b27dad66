from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = _("Directives")

    def ready(self):
        from directives.search import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="edu_plans_fold")
