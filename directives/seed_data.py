"""The province's source documents as seed data (fixtures/)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from directives.importing import import_agencies, import_directive, parse_iso_date
from directives.models import Directive, Reorganisation
from directives.reorganisation_workbook import read_workbook
from directives.reorganising import apply_reorganisation, record_reorganisation

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class SeedResult:
    agencies_created: int = 0
    directives_created: list[str] = field(default_factory=list)
    directives_skipped: list[str] = field(default_factory=list)
    reorganisations_applied: list[str] = field(default_factory=list)


@transaction.atomic
def load_seed_data(*, fixtures_dir: Path = FIXTURES_DIR) -> SeedResult:
    """Load the agencies and the seed directives that are not in the database yet.

    A directive already loaded (same source file) is skipped, edits included: running
    it twice changes nothing. Raises ValidationError on inconsistent fixtures.
    """
    result = SeedResult()
    rows = json.loads((fixtures_dir / "agencies.json").read_text(encoding="utf-8"))
    result.agencies_created = len(import_agencies(rows=rows))
    result.reorganisations_applied = load_reorganisations(fixtures_dir=fixtures_dir)
    for path in sorted((fixtures_dir / "directives").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        source = data["source_file"]
        if Directive.objects.filter(source_name=source).exists():
            result.directives_skipped.append(source)
            continue
        source_text = (fixtures_dir / "sources" / source).read_text(encoding="utf-8")
        import_directive(data=data, source_text=source_text)
        result.directives_created.append(source)
    return result


def load_reorganisations(*, fixtures_dir: Path = FIXTURES_DIR) -> list[str]:
    """Record and apply the real reorganisations of ``reorganisations.json`` not yet in the
    database (same basis and date), each from its workbook through the same reading as the
    page's import. Returns their bases. Raises ValidationError on an inconsistent workbook.
    """
    applied = []
    manifest = json.loads((fixtures_dir / "reorganisations.json").read_text(encoding="utf-8"))
    for entry in manifest:
        effective_on = parse_iso_date(entry["effective_on"])
        if Reorganisation.objects.filter(basis=entry["basis"], effective_on=effective_on).exists():
            continue
        text = (fixtures_dir / entry["workbook"]).read_text(encoding="utf-8")
        with translation.override("vi"):  # the workbook's columns are named in Vietnamese
            reading = read_workbook(
                dataset=tablib.Dataset().load(text, format="csv"), effective_on=effective_on
            )
        if reading.errors:
            raise ValidationError([f"{entry['workbook']}: {error}" for error in reading.errors])
        reorganisation = record_reorganisation(
            effective_on=effective_on,
            basis=entry["basis"],
            note=entry.get("note", ""),
            lines=reading.lines,
            by=None,
        )
        apply_reorganisation(reorganisation=reorganisation, by=None)
        applied.append(reorganisation.basis)
    return applied
