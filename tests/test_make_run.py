"""`make run` starts the development server, a background worker and the daily reminders
with one command (honcho and the Procfile), and Ctrl-C stops them all: nothing outlives it."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.install import fresh_shell, project_copy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> dict[int, str]:
    """The processes below ``pid``, with their command lines (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = {}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            try:
                found[child] = (Path("/proc") / str(child) / "cmdline").read_bytes().decode()
            except OSError:
                continue
            todo.append(child)
    return {pid: line.replace("\0", " ") for pid, line in found.items()}


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def installed(tmp_path):
    if not Path("/proc").exists():
        pytest.skip("reads the process tree from /proc")
    root = project_copy(tmp_path)
    for step in (
        [".venv/bin/python", "-m", "edu_plans.local_env"],
        [".venv/bin/python", "manage.py", "migrate", "--noinput", "-v", "0"],
    ):
        done = subprocess.run(step, cwd=root, env=fresh_shell(), capture_output=True, text=True)
        assert done.returncode == 0, (step, done.stderr[-3000:])
    return root


def test_make_run_starts_the_server_worker_and_reminders_and_ctrl_c_stops_them(installed, tmp_path):
    port = free_port()
    listed = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "STAMP=", f"PORT={port}"],
        cwd=installed,
        env=fresh_shell(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    start = listed[-1]  # `make run`'s last line, as make runs it
    output = tmp_path / "make-run.log"
    with output.open("wb") as sink:
        runner = subprocess.Popen(
            start,
            shell=True,
            cwd=installed,
            env=fresh_shell(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the terminal's foreground process group
        )
    processes: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            assert runner.poll() is None, output.read_text(errors="replace")[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, output.read_text(errors="replace")[-3000:]
            time.sleep(0.3)
        processes = descendants(runner.pid)
        assert any("manage.py runserver" in line for line in processes.values()), processes
        assert any("manage.py db_worker" in line for line in processes.values()), processes
        assert any("manage.py send_reminders" in line for line in processes.values()), processes

        os.killpg(runner.pid, signal.SIGINT)  # Ctrl-C
        runner.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {pid: line for pid, line in processes.items() if alive(pid)}
        assert left == {}, (left, output.read_text(errors="replace")[-3000:])
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
        for pid in processes:  # only what this test started, by its id
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
