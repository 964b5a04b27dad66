from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self):
        from indicators import targets
        from reports import approved_data

        # The target pages live below reports: they learn here what approved data forbids.
        if approved_data.refuse_moving_relied_on not in targets.unit_target_guards:
            targets.unit_target_guards.append(approved_data.refuse_moving_relied_on)
