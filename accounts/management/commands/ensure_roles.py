from django.core.management.base import BaseCommand

from accounts.roles import ensure_role_groups


class Command(BaseCommand):
    help = "Create or update the role groups and their permissions (idempotent)."

    def handle(self, *args, **options):
        groups = ensure_role_groups()
        self.stdout.write("Role groups: " + ", ".join(groups))
