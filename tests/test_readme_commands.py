"""The README's command lines run as printed, in a fresh shell, after `make run`.

The project folder is copied to a temporary folder (with its own SQLite database and no
local.env), `make run`'s own steps run there as `make -n run` lists them (all but
starting the server and the worker, and installing system packages), and then every
``.venv/bin/python manage.py`` line of the README's ``sh`` blocks runs word for word in
a shell whose environment has no DEBUG, SECRET_KEY or DATABASE_URL.
"""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.install import PROJECT, fresh_shell, project_copy

PREFIX = ".venv/bin/python manage.py "

# Lines that are not run here, each with its reason. They are the production setup
# against PostgreSQL (see "Pointing it at PostgreSQL"), typed after the exports above it.
NOT_RUN = {
    ".venv/bin/python manage.py migrate": "production setup, on the PostgreSQL server",
    ".venv/bin/python manage.py load_seed_data": "production setup, on the PostgreSQL server",
    ".venv/bin/python manage.py ensure_roles": "production setup, on the PostgreSQL server",
    ".venv/bin/python manage.py createsuperuser": "asks for a name and a password",
    ".venv/bin/python manage.py collectstatic --noinput": "production setup: static files",
    ".venv/bin/python manage.py send_reminders --every-day-at 07:00": "runs until stopped",
}

# The document the import lines read (the README names it plan.pdf / plan.docx / plan.txt).
PLAN = [
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Số: 95/KH-UBND",
    "Lai Châu, ngày 06 tháng 10 năm 2025",
    "KẾ HOẠCH",
    "Triển khai chuyển đổi số trong giáo dục năm học 2025 - 2026",
    "I. NHIỆM VỤ",
    "1. Chuyển đổi số trong quản lý",
    "Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai học bạ số.",
]


def readme_lines() -> list[str]:
    """Every line of the README's ``sh`` blocks that starts with the manage.py prefix."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    return [
        line.strip()
        for block in blocks
        for line in block.splitlines()
        if line.strip().startswith(PREFIX)
    ]


def command_of(line: str) -> str:
    """The line without its trailing comment, spaces collapsed."""
    return " ".join(line.split("#", 1)[0].split())


def lines_to_run() -> list[str]:
    return [line for line in readme_lines() if command_of(line) not in NOT_RUN]


def shell(line: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        line, shell=True, cwd=cwd, env=fresh_shell(), capture_output=True, text=True, timeout=600
    )


def make_run_steps(root: Path) -> list[str]:
    """`make run`'s commands, as make would run them, but the server and system packages."""
    # STAMP= : the shared .venv is installed already; make must not reinstall it.
    listed = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "STAMP="],
        cwd=root,
        env=fresh_shell(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    # Last, the web server and the worker, together (the Procfile, tests/test_make_run.py).
    assert "honcho start --procfile Procfile" in listed[-1], listed
    return [line for line in listed if line.startswith(".venv/bin/python")]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A copy of the project after `make run` (without the server), with the files the
    README's lines read."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = project_copy(tmp_path_factory.mktemp("readme"))
    for step in make_run_steps(root):
        result = shell(step, root)
        assert result.returncode == 0, (step, result.stdout[-2000:], result.stderr[-3000:])
    assert (root / "local.env").exists()
    (root / "plan.txt").write_text("\n".join(PLAN) + "\n", encoding="utf-8")
    document = docx.Document()
    for paragraph in PLAN:
        document.add_paragraph(paragraph)
    document.save(root / "plan.docx")
    # A PDF with a text layer, as a signed plan circulates.
    import html

    import weasyprint

    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in PLAN)
    page = f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>"
    weasyprint.HTML(string=page).write_pdf(root / "plan.pdf")
    return root


def test_every_readme_manage_py_line_is_run_or_excused():
    """A line added to the README is run by the test below unless it is excused here, and
    an excuse for a line the README no longer has is an error."""
    found = {command_of(line) for line in readme_lines()}
    assert len(lines_to_run()) >= 5
    assert set(NOT_RUN) <= found, set(NOT_RUN) - found


@pytest.mark.parametrize("line", lines_to_run())
def test_a_readme_line_runs_as_printed_after_make_run(installed, line):
    result = shell(line, installed)
    assert result.returncode == 0, result.stderr[-3000:]
    words = shlex.split(command_of(line))
    if "--output" in words:
        output = installed / words[words.index("--output") + 1]
        assert output.stat().st_size > 0
