"""The province's source documents as seed data (fixtures/)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from directives.importing import import_agencies, import_directive
from directives.models import Directive

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class SeedResult:
    agencies_created: int = 0
    directives_created: list[str] = field(default_factory=list)
    directives_skipped: list[str] = field(default_factory=list)


@transaction.atomic
def load_seed_data(*, fixtures_dir: Path = FIXTURES_DIR) -> SeedResult:
    """Load the agencies and the seed directives that are not in the database yet.

    A directive already loaded (same source file) is skipped, edits included: running
    it twice changes nothing. Raises ValidationError on inconsistent fixtures.
    """
    result = SeedResult()
    rows = json.loads((fixtures_dir / "agencies.json").read_text(encoding="utf-8"))
    result.agencies_created = len(import_agencies(rows=rows))
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
