from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from reports.demo import load_demo_data


class Command(BaseCommand):
    help = "Open the demo reporting period for 3707/KH-UBND (only with DEBUG on)."

    def handle(self, *args, **options):
        try:
            period = load_demo_data()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if period is None:
            self.stdout.write("Demo period already present.")
        else:
            self.stdout.write(
                f"Demo period opened: {period.name} ({period.reports.count()} units)."
            )
