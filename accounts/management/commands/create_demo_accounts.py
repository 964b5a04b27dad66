from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, create_demo_accounts


class Command(BaseCommand):
    help = "Create the demo accounts (only with DEBUG on) and print them."

    def handle(self, *args, **options):
        try:
            results = create_demo_accounts()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for spec, created in results:
            agency = spec.agency.short_name if spec.agency else "-"
            note = "created" if created else "exists"
            self.stdout.write(f"  {spec.username:<22} {spec.role_names:<36} {agency:<34} {note}")
