"""Time every export against the library doing the same work alone (make bench).

For a PDF the library's share is WeasyPrint rendering the very HTML our code produced;
for a workbook it is openpyxl writing the same cell values in write-only mode. The ratio
shows the overhead of our own code (queries, templates, styling).
"""

import io
import time
from contextlib import contextmanager

import openpyxl
import weasyprint
from django.core.management.base import BaseCommand

from directives.models import Directive
from reports import fill_in
from reports.bench import build_large_dataset
from reports.exports import pdf, xlsx
from reports.models import ReportingPeriod


@contextmanager
def recording_weasyprint(calls):
    """Record what our code hands to WeasyPrint, to replay it alone afterwards."""
    original = weasyprint.HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        calls.append((self, args, kwargs))
        return original(self, *args, **kwargs)

    weasyprint.HTML.write_pdf = write_pdf
    try:
        yield
    finally:
        weasyprint.HTML.write_pdf = original


RUNS = 3


def timed(function, runs: int = 1):
    """The result and the best time of ``runs`` runs (the least disturbed by the machine)."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    return result, best


def weasyprint_alone(calls) -> float:
    total = 0.0
    for document, args, kwargs in calls:
        _result, seconds = timed(
            lambda d=document, a=args, k=kwargs: d.write_pdf(*a, **k), runs=RUNS
        )
        total += seconds
    return total


def openpyxl_alone(content: bytes) -> tuple[float, float]:
    """openpyxl writing the same cells: bare values in write-only mode, and the very
    workbook we produced (values, styles, merges, validation) saved again."""
    source = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheets = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)]) for ws in source]

    def write_values():
        book = openpyxl.Workbook(write_only=True)
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(io.BytesIO())

    styled = openpyxl.load_workbook(io.BytesIO(content))
    return timed(write_values, RUNS)[1], timed(lambda: styled.save(io.BytesIO()), RUNS)[1]


class Command(BaseCommand):
    help = "Benchmark the PDF and Excel exports on the demo data and a large generated dataset."

    def handle(self, *args, **options):
        plan = Directive.objects.get(number="3707", symbol="KH-UBND")
        demo = ReportingPeriod.objects.filter(directive=plan, is_demo=True).first()
        self.stdout.write("Building the large dataset (30 units × 26 indicators × 4 periods)...")
        large_periods, seconds = timed(build_large_dataset)
        self.stdout.write(f"  built in {seconds:.1f} s")
        large = large_periods[0]
        cases = [
            ("directive PDF, 3707/KH-UBND", "pdf", lambda: pdf.directive_pdf(plan)),
            ("directive PDF, 100 tasks", "pdf", lambda: pdf.directive_pdf(large.directive)),
            ("directive workbook, 3707/KH-UBND", "xlsx", lambda: xlsx.directive_workbook(plan)),
        ]
        if demo:
            report = demo.reports.filter(status="approved").first()
            cases += [
                ("synthesis PDF, demo period", "pdf", lambda: pdf.synthesis_pdf(demo)),
                ("unit report PDF, demo", "pdf", lambda: pdf.report_pdf(report)),
                (
                    "period workbook, demo",
                    "xlsx",
                    lambda: xlsx.directive_workbook(plan, period=demo),
                ),
                ("fill-in template, demo", "xlsx", lambda: fill_in.build_template(report)),
            ]
        big_report = large.reports.first()
        cases += [
            ("synthesis PDF, 30 units", "pdf", lambda: pdf.synthesis_pdf(large)),
            ("unit report PDF, large", "pdf", lambda: pdf.report_pdf(big_report)),
            (
                "period workbook, 30 units",
                "xlsx",
                lambda: xlsx.directive_workbook(large.directive, period=large),
            ),
            ("fill-in template, large", "xlsx", lambda: fill_in.build_template(big_report)),
        ]
        self.stdout.write("")
        self.stdout.write(
            f"{'export':<36}{'ours (s)':>10}{'library (s)':>13}{'overhead':>10}{'size':>11}"
        )
        for label, kind, export in cases:
            export()  # warm caches and imports once
            content, ours = timed(export, RUNS)
            calls = []
            with recording_weasyprint(calls):
                export()
            bare = ""
            if kind == "pdf":
                alone = weasyprint_alone(calls)
            else:
                values_only, alone = openpyxl_alone(content)
                bare = f"({values_only:.3f})"
            overhead = (ours - alone) / alone * 100 if alone else 0.0
            self.stdout.write(
                f"{label:<36}{ours:>10.3f}{alone:>13.3f}{overhead:>9.0f}%"
                f"{len(content):>11,}  {bare:>14}"
            )
