from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from directives.selectors import directive_by_reference
from reports.exports import pdf, xlsx


class Command(BaseCommand):
    help = "Export a directive (e.g. 3707/KH-UBND) as an official PDF or an Excel workbook."

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="number and symbol, e.g. 3707/KH-UBND")
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True)
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, symbol, format, output, **options):
        try:
            directive = directive_by_reference(symbol)
        except ObjectDoesNotExist:
            raise CommandError(f"No single directive is numbered {symbol!r}.") from None
        content = (
            pdf.directive_pdf(directive) if format == "pdf" else xlsx.directive_workbook(directive)
        )
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes")
