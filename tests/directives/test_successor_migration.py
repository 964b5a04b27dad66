"""An install that recorded successors in the old field keeps them: the migration turns
them into an applied reorganisation with merger lines."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
BEFORE = "0004_reorganisations_and_plan_years"


def migrate(database: Path, *target: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", *target, "--verbosity=0"],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        check=True,
        timeout=300,
    )


def test_successor_values_become_an_applied_reorganisation(tmp_path):
    """Two districts that named a successor before the field was removed: one applied
    reorganisation from the day after their last day, a merger line into the successor."""
    database = tmp_path / "old-install.sqlite3"
    migrate(database, "directives", BEFORE)
    with sqlite3.connect(database) as connection:
        insert = (
            "INSERT INTO directives_agency (code, name, short_name, kind, valid_until, "
            "is_demo, parent_id, successor_id) VALUES (?, ?, '', 'district', ?, 0, NULL, ?)"
        )
        connection.execute(insert, ("moi", "Xã mới", None, None))
        new_id = connection.execute("SELECT id FROM directives_agency WHERE code='moi'").fetchone()
        for code in ("cu-a", "cu-b"):
            connection.execute(insert, (code, f"Huyện {code}", "2025-06-30", new_id[0]))
    migrate(database)
    with sqlite3.connect(database) as connection:
        reorganisations = connection.execute(
            "SELECT id, effective_on, basis, applied_at IS NOT NULL FROM directives_reorganisation"
        ).fetchall()
        assert [row[1:] for row in reorganisations] == [("2025-07-01", "Ghi nhận từ dữ liệu cũ", 1)]
        lines = connection.execute(
            "SELECT id, kind, mapping_stated FROM directives_reorganisationline"
        ).fetchall()
        assert [row[1:] for row in lines] == [("merger", 1)]
        before = connection.execute(
            "SELECT a.code FROM directives_reorganisationline_predecessors p "
            "JOIN directives_agency a ON a.id = p.agency_id ORDER BY a.code"
        ).fetchall()
        after = connection.execute(
            "SELECT a.code FROM directives_reorganisationline_successors s "
            "JOIN directives_agency a ON a.id = s.agency_id"
        ).fetchall()
        assert (before, after) == ([("cu-a",), ("cu-b",)], [("moi",)])
        columns = [row[1] for row in connection.execute("PRAGMA table_info(directives_agency)")]
        assert "successor_id" not in columns
