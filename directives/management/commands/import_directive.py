import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directives.agency_matching import resolve_agencies
from directives.documents import MAX_DOCUMENT_BYTES, DocumentError, read_document
from directives.importing import import_directive
from directives.parsing import ParseError, parse_text


class Command(BaseCommand):
    help = (
        "Read a directive from a .txt, .docx or .pdf file or a scan (.png, .jpg, .tif) and "
        "create it (or only show it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the document: .txt (UTF-8), .docx, .pdf or a scan")
        parser.add_argument("--dry-run", action="store_true", help="show, create nothing")
        parser.add_argument("--json", action="store_true", help="print what was read as JSON")

    def handle(self, *args, file, dry_run, json: bool, **options):
        path = Path(file)
        try:
            if path.stat().st_size > MAX_DOCUMENT_BYTES:  # the upload's limit, before reading it
                raise DocumentError(_("The file is larger than 10 MB."))
            document = read_document(path.name, path.read_bytes())
            text = document.text
            parsed = parse_text(text, doubtful=document.doubtful)
        except (OSError, DocumentError, ParseError) as exc:
            raise CommandError(str(exc)) from exc
        parsed["source_file"] = path.name
        resolve_agencies(parsed)
        if json:
            self.stdout.write(_dumps(parsed))
        else:
            groups = parsed.get("task_groups", [])
            self.stdout.write(
                f"{parsed.get('doc_type') or '?'} {parsed.get('number') or ''}/"
                f"{parsed.get('symbol') or ''}: {len(groups)} task groups, "
                f"{sum(len(g['tasks']) for g in groups)} tasks, "
                f"{len(parsed.get('indicators', []))} indicators, "
                f"{len(parsed.get('unplaced', []))} unplaced, "
                f"{len(parsed.get('unsure', []))} to check first"
                + "".join(f"\n  check: {m['field']} ({m['reason']})" for m in parsed["unsure"])
            )
        if dry_run:
            return
        try:
            directive = import_directive(data=parsed, source_text=text)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(f"Created: {directive.reference or directive.title} (id {directive.pk})")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
