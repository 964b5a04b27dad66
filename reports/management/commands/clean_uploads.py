from django.core.management.base import BaseCommand

from reports.fill_in import pending


class Command(BaseCommand):
    help = (
        "Remove uploaded workbooks whose preview was never applied nor cancelled, once "
        "they are older than the preview's maximum age. Safe to run at any time, e.g. daily."
    )

    def handle(self, *args, **options):
        removed = pending.clean_abandoned()
        self.stdout.write(f"Removed {removed} abandoned upload(s) of filled-in templates.")
