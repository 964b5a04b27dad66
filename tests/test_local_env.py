"""local.env: the settings of a local install, written once by `make run`, never in
production; without it and without SECRET_KEY the app still refuses to start."""

import os
import stat
import subprocess

from edu_plans import local_env
from tests.install import fresh_shell, project_copy


def test_make_run_writes_debug_and_a_generated_key_once(tmp_path):
    path = tmp_path / "local.env"
    assert local_env.write_local_env(path)
    first = local_env.read_local_env(path)
    assert first["DEBUG"] == "1"
    assert len(first["SECRET_KEY"]) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A second run keeps the file, its key and the user's own edits.
    path.write_text(path.read_text() + "ALLOWED_HOSTS=edu-plans.lan\n")
    assert not local_env.write_local_env(path)
    assert local_env.read_local_env(path) == {**first, "ALLOWED_HOSTS": "edu-plans.lan"}
    assert local_env.read_local_env(tmp_path / "other.env") != first


def test_two_installs_get_different_keys(tmp_path):
    local_env.write_local_env(tmp_path / "a.env")
    local_env.write_local_env(tmp_path / "b.env")
    a, b = (local_env.read_local_env(tmp_path / n)["SECRET_KEY"] for n in ("a.env", "b.env"))
    assert a != b


def test_the_environment_wins_over_the_file(tmp_path, monkeypatch):
    path = tmp_path / "local.env"
    path.write_text("# a comment\n\nDEBUG=1\nSECRET_KEY='from-the-file'\nMEDIA_ROOT=media\n")
    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    merged = local_env.environment(path)
    assert merged["DEBUG"] == "0"
    assert merged["SECRET_KEY"] == "from-the-file"
    assert merged["PATH"] == os.environ["PATH"]
    assert local_env.environment(tmp_path / "missing.env") == dict(os.environ)


def check(root, **extra):
    return subprocess.run(
        [".venv/bin/python", "manage.py", "check"],
        cwd=root,
        env={**fresh_shell(), **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_production_start_without_a_key_still_refuses(tmp_path):
    root = project_copy(tmp_path)
    refused = check(root)
    assert refused.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in refused.stderr
    assert check(root, SECRET_KEY="k" * 50, ALLOWED_HOSTS="edu-plans.lan").returncode == 0
    # The file make run writes is what makes the same command work on a local install.
    subprocess.run([".venv/bin/python", "-m", "edu_plans.local_env"], cwd=root, check=True)
    local = check(root)
    assert local.returncode == 0, local.stderr[-2000:]
