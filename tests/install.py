"""A local install in a temporary folder, for tests that run the project's commands as a
user types them."""

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

# What a user has in a fresh shell: none of the settings the suite itself runs with.
FRESH_SHELL = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR"]


def fresh_shell() -> dict[str, str]:
    """The environment of a new shell: none of the settings the suite runs with."""
    return {name: os.environ[name] for name in FRESH_SHELL if name in os.environ}


def project_copy(destination: Path) -> Path:
    """The project folder as a fresh checkout has it, sharing the installed .venv."""
    venv = PROJECT / ".venv"
    if not (venv / "bin" / "python").exists():
        pytest.skip("no .venv in the project folder: the README's lines start with it")
    local_state = {".git", ".venv", "db.sqlite3", "media", "staticfiles", "local.env"}
    local_state |= {"test-results", "build", ".make"}

    def ignore(folder, names):
        top = Path(folder) == PROJECT
        return [n for n in names if n == "__pycache__" or (top and n in local_state)]

    root = destination / "edu-plans"
    shutil.copytree(PROJECT, root, ignore=ignore)
    (root / ".venv").symlink_to(venv.resolve())
    return root
