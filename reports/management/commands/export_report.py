from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from directives.selectors import directive_by_reference
from reports.exports import pdf, xlsx
from reports.models import ReportingPeriod


class Command(BaseCommand):
    help = (
        "Export the province synthesis of a directive for a period, or with --unit one "
        "unit's report, as PDF or Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="number and symbol, e.g. 3707/KH-UBND")
        parser.add_argument("--period", type=int, required=True, help="reporting period id")
        parser.add_argument(
            "--unit", help="agency code of the reporting unit, e.g. lc-phongtho-ubnd"
        )
        parser.add_argument(
            "--number", default="", help="the report's number, when the office has given one"
        )
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True)
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, symbol, period, unit, number, format, output, **options):
        try:
            directive = directive_by_reference(symbol)
        except ObjectDoesNotExist:
            raise CommandError(f"No single directive is numbered {symbol!r}.") from None
        found = ReportingPeriod.objects.filter(pk=period, directive=directive).first()
        if found is None:
            raise CommandError(f"Period {period} is not a period of {symbol}.")
        if unit is None:
            content = (
                pdf.synthesis_pdf(found, number=number)
                if format == "pdf"
                else xlsx.directive_workbook(directive, period=found)
            )
        else:
            report = found.reports.filter(agency__code=unit).first()
            if report is None:
                raise CommandError(f"No unit with the code {unit!r} reports in period {period}.")
            content = (
                pdf.report_pdf(report, number=number)
                if format == "pdf"
                else xlsx.report_workbook(report)
            )
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes")
