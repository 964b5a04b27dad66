from django.conf import settings
from django.core.management.base import BaseCommand

from jobs.pruning import prune_jobs


class Command(BaseCommand):
    help = "Delete background jobs finished more than JOBS_KEEP_DAYS ago, with their files."

    def handle(self, *args, **options):
        count = prune_jobs()
        self.stdout.write(
            f"{count} job(s) finished more than {settings.JOBS_KEEP_DAYS} days ago removed."
        )
