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
        communes = [(spec, created) for spec, created in results if _is_commune(spec)]
        examples = [pair for pair in communes if pair[0].username in COMMUNE_EXAMPLES]
        shown = [pair for pair in results if not _is_commune(pair[0])] + (examples or communes[:2])
        for spec, created in shown:
            agency = spec.agency.short_name if spec.agency else "-"
            note = "created" if created else "exists"
            self.stdout.write(f"  {spec.username:<22} {spec.role_names:<36} {agency:<34} {note}")
        hidden = len(communes) - len(examples or communes[:2])
        if hidden:
            self.stdout.write(
                f"  ... and {hidden} more commune and ward accounts named the "
                "same way (xa_<name>, phuong_<name>, e.g. xa_binhlu, phuong_doanket)."
            )


COMMUNE_EXAMPLES = ("xa_binhlu", "phuong_doanket")


def _is_commune(spec) -> bool:
    return spec.username.startswith(("xa_", "phuong_"))
