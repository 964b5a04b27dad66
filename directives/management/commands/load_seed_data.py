from django.core.management.base import BaseCommand

from directives.seed_data import load_seed_data


class Command(BaseCommand):
    help = "Load the agencies and the four source directives (idempotent)."

    def handle(self, *args, **options):
        result = load_seed_data()
        self.stdout.write(
            f"Agencies created: {result.agencies_created}; "
            f"directives created: {len(result.directives_created)}; "
            f"already present: {len(result.directives_skipped)}."
        )
