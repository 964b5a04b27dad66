from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from planning.demo import load_later_years
from reports.demo import load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo school years of 3707/KH-UBND: 2024 - 2025 with its districts, then "
        "2025 - 2026 and 2026 - 2027 rolled forward to the communes (only with DEBUG on)."
    )

    def handle(self, *args, **options):
        try:
            first = load_demo_data()
            current = load_later_years()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if first is None and current is None:
            self.stdout.write("Demo periods already present.")
            return
        if first is not None:
            self.stdout.write(f"Demo school year 2024 - 2025: {first.directive.reference}.")
        if current is not None:
            self.stdout.write(
                f"Demo period open now: {current.name} ({current.reports.count()} units)."
            )
