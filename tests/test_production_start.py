"""The production start, as the README's "Deployment (one machine)" gives it: gunicorn with
gunicorn.conf.py (the systemd unit's command) and the background worker beside it (its
unit's command), DEBUG off, PostgreSQL, collected static files.

Runs in the PostgreSQL run of `make test` (scripts/with_postgres.sh), in a database of its
own created in that cluster, on a copy of the project as a fresh checkout has it.
"""

import html
import http.client
import io
import json
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
import openpyxl
import psycopg2
import pytest
from psycopg2 import sql
from pypdf import PdfReader

from tests.install import PROJECT, fresh_shell, project_copy

DATABASE_URL = os.environ.get("DATABASE_URL", "")
needs_postgresql = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="needs PostgreSQL: runs in the PostgreSQL run of make test (scripts/with_postgres.sh)",
)

USERNAME = "pgd-phongtho"
PASSWORD = "Mat-khau-dai-2025"
CREATE_USER = f"""
from django.contrib.auth.models import Group
from accounts import roles
from accounts.models import User
from directives.models import Agency
user = User.objects.create_user(
    {USERNAME!r}, password={PASSWORD!r}, agency=Agency.objects.get(code="lc-phongtho-ubnd")
)
user.groups.add(Group.objects.get(name=roles.REPORTING_UNIT))
"""
STAFF = "chuyenvien-so"
OPEN_PERIOD = f"""
import datetime
from django.contrib.auth.models import Group
from accounts import roles
from accounts.models import User
from directives.models import Agency, Directive, SchoolYear
from reports import workflow
staff = User.objects.create_user(
    {STAFF!r}, password={PASSWORD!r}, agency=Agency.objects.get(code="lc-sgddt")
)
staff.groups.add(Group.objects.get(name=roles.DEPARTMENT_STAFF))
period = workflow.open_period(
    directive=Directive.objects.get(number="3707", symbol="KH-UBND"),
    school_year=SchoolYear.objects.get(start_year=2024),
    kind="semester_1",
    name="Sơ kết học kỳ I năm học 2024 - 2025",
    starts_on=datetime.date(2024, 9, 5),
    ends_on=datetime.date(2025, 1, 18),
    due_on=datetime.date(2025, 1, 25),
    locks_on=datetime.date(2025, 2, 28),
    by=staff,
)
print("PERIOD", period.pk)
"""
WAIT = 30  # seconds, at most, for gunicorn to answer


def service_command(unit_name: str = "edu-plans-web.service") -> list[str]:
    """The unit's ExecStart, run in the project folder as the unit's WorkingDirectory."""
    unit = (PROJECT / "deploy" / unit_name).read_text(encoding="utf-8")
    (command,) = re.findall(r"^ExecStart=(.+)$", unit, flags=re.MULTILINE)
    (folder,) = re.findall(r"^WorkingDirectory=(.+)$", unit, flags=re.MULTILINE)
    return command.replace(folder.rstrip("/") + "/", "").split()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database():
    """A new database in the suite's PostgreSQL cluster, dropped afterwards."""
    cluster = dj_database_url.parse(DATABASE_URL)
    name = f"edu_plans_prod_{uuid.uuid4().hex[:8]}"
    # The cluster's own maintenance database: the one DATABASE_URL names may not exist.
    admin = psycopg2.connect(
        dbname="postgres",
        user=cluster["USER"],
        password=cluster["PASSWORD"],
        host=cluster["HOST"],
        port=cluster["PORT"],
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield DATABASE_URL.rsplit("/", 1)[0] + "/" + name
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        admin.close()


class Started:
    """What the production start is made of: gunicorn's port, and each unit's output."""

    def __init__(self, port: int, output: Path, worker_output: Path, period_pk: int):
        self.port, self.output, self.worker_output = port, output, worker_output
        self.period_pk = period_pk


def start_unit(unit_name: str, root: Path, env: dict, output: Path) -> subprocess.Popen:
    with output.open("wb") as sink:
        return subprocess.Popen(
            service_command(unit_name),
            cwd=root,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_unit(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@pytest.fixture
def server(tmp_path, database):
    """gunicorn serving a migrated, seeded copy of the project, with the worker beside it."""
    root = project_copy(tmp_path)
    port = free_port()
    env = fresh_shell() | {
        "DATABASE_URL": database,
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        "STATIC_ROOT": str(tmp_path / "staticfiles"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    manage = [".venv/bin/python", "manage.py"]
    period_pk = None
    for step in (
        ["migrate", "--noinput", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["ensure_roles"],
        ["load_seed_data"],
        ["shell", "-c", CREATE_USER],
        ["shell", "-c", OPEN_PERIOD],
    ):
        done = subprocess.run(
            manage + step, cwd=root, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (step, done.stdout[-2000:], done.stderr[-3000:])
        period_pk = period_pk or next(
            (
                int(line.split()[1])
                for line in done.stdout.splitlines()
                if line.startswith("PERIOD ")
            ),
            None,
        )

    output, worker_output = tmp_path / "gunicorn.log", tmp_path / "worker.log"
    process = start_unit("edu-plans-web.service", root, env, output)
    worker = start_unit("edu-plans-worker.service", root, env, worker_output)
    try:
        deadline = time.monotonic() + WAIT
        while True:
            assert process.poll() is None, output.read_text(errors="replace")[-3000:]
            assert worker.poll() is None, worker_output.read_text(errors="replace")[-3000:]
            try:
                if get(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, output.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        yield Started(port, output, worker_output, period_pk)
    finally:
        stop_unit(process)
        stop_unit(worker)


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read().decode("utf-8", errors="replace")


def get(port: int, path: str, *, cookies: dict | None = None, method="GET", form=None):
    """One request on a new connection, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        return Response(connection.getresponse())
    finally:
        connection.close()


def cookies_set(response: Response) -> dict[str, str]:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(port: int, username: str, login_page: Response | None = None):
    """Signs in through the login form (read first unless given); returns the session's
    cookies and the form's answer."""
    login_page = login_page or get(port, "/accounts/login/")
    cookies = cookies_set(login_page)
    (form,) = re.findall(
        r'<form method="post" action="/accounts/login/".*?</form>', login_page.body, flags=re.DOTALL
    )
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    signed_in = get(
        port,
        "/accounts/login/",
        method="POST",
        cookies=cookies,
        form={
            "csrfmiddlewaretoken": html.unescape(token),
            "username": username,
            "password": PASSWORD,
            "next": "",
        },
    )
    assert signed_in.status == 302, signed_in.body[-2000:]
    return cookies | cookies_set(signed_in), signed_in


@needs_postgresql
def test_the_production_start_serves_static_files_and_a_signed_in_page(server):
    port, output = server.port, server.output
    health = json.loads(get(port, "/healthz").body)
    assert health["status"] == "ok" and health["database"] == "ok"

    login_page = get(port, "/accounts/login/")
    assert login_page.status == 200
    # Static files carry their content's hash in the name and are cached for years.
    (stylesheet,) = re.findall(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', login_page.body)
    css = get(port, stylesheet)
    assert css.status == 200
    assert "max-age=315360000" in css.headers["Cache-Control"]
    assert "immutable" in css.headers["Cache-Control"]

    cookies, signed_in = log_in(port, USERNAME, login_page)
    assert signed_in.headers["Location"] == "/reporting/"

    home = get(port, "/reporting/", cookies=cookies)
    assert home.status == 200
    assert "<title>Trang chủ · edu-plans</title>" in home.body
    assert "Xin chào, pgd-phongtho" in home.body

    # The home page's request is logged as a JSON line with the id sent in the response.
    request_id = home.headers["X-Request-ID"]
    deadline = time.monotonic() + 5
    while True:
        logged = [
            json.loads(line)
            for line in output.read_text(errors="replace").splitlines()
            if line.startswith("{")
        ]
        mine = [entry for entry in logged if entry["request_id"] == request_id]
        if mine or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    (entry,) = mine
    # gunicorn's own messages are JSON lines too (gunicorn.conf.py's logconfig_dict).
    assert any(
        line["logger"] == "gunicorn.error" and line["message"].startswith("Booting worker")
        for line in logged
    )
    assert entry["logger"] == "edu_plans.requests"
    assert entry["level"] == "INFO"
    assert entry["message"].startswith("GET /reporting/ 200 ")
    assert entry["time"].endswith("+07:00")


def test_the_service_runs_gunicorn_from_the_project_venv_with_its_settings_file():
    unit = (PROJECT / "deploy" / "edu-plans-web.service").read_text(encoding="utf-8")
    assert "EnvironmentFile=/etc/edu-plans.env" in unit
    assert service_command() == [".venv/bin/gunicorn", "-c", "gunicorn.conf.py"]
    assert Path(PROJECT / "gunicorn.conf.py").exists()


def test_the_worker_runs_db_worker_from_the_project_venv_with_the_same_settings_file():
    unit = (PROJECT / "deploy" / "edu-plans-worker.service").read_text(encoding="utf-8")
    assert "EnvironmentFile=/etc/edu-plans.env" in unit
    assert "Restart=on-failure" in unit
    assert service_command("edu-plans-worker.service") == [
        ".venv/bin/python",
        "manage.py",
        "db_worker",
        "--no-reload",
    ]


def wait_for_job(port: int, job_path: str, cookies: dict) -> dict:
    """The job's status, polled as the progress page's script does, once it has finished."""
    deadline = time.monotonic() + 120
    while True:
        status = json.loads(get(port, f"{job_path}status", cookies=cookies).body)
        if status["finished"] or time.monotonic() > deadline:
            return status
        time.sleep(0.5)


@needs_postgresql
def test_a_period_export_is_made_by_the_worker_of_the_production_start(server):
    port = server.port
    cookies, _signed_in = log_in(port, STAFF)
    board = get(port, f"/reporting/periods/{server.period_pk}/", cookies=cookies)
    assert board.status == 200
    for fmt in ("pdf", "xlsx"):
        action = f"/reporting/periods/{server.period_pk}/export.{fmt}"
        (form,) = re.findall(
            rf'<form method="post" action="{re.escape(action)}".*?</form>', board.body, re.DOTALL
        )
        (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        started = get(
            port,
            action,
            method="POST",
            cookies=cookies,
            form={"csrfmiddlewaretoken": html.unescape(token)},
        )
        assert started.status == 302, started.body[-2000:]
        job_path = started.headers["Location"]
        assert re.fullmatch(r"/jobs/[0-9a-f-]{36}/", job_path)
        status = wait_for_job(port, job_path, cookies)
        assert status["status"] == "done", (status, server.worker_output.read_text()[-3000:])

        download = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            download.request(
                "GET",
                f"{job_path}download",
                headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
            )
            response = download.getresponse()
            content = response.read()
        finally:
            download.close()
        assert response.status == 200
        assert status["download_name"] in response.headers["Content-Disposition"]
        if fmt == "pdf":
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
            assert "3707/KH-UBND" in " ".join(text.split())
        else:
            workbook = openpyxl.load_workbook(io.BytesIO(content))
            assert len(workbook.sheetnames) >= 3

    # The health check now knows a worker took a job, and nothing waits.
    health = json.loads(get(port, "/healthz").body)
    assert health["status"] == "ok"
    assert health["worker"]["waiting"] == 0
    assert health["worker"]["last_took_a_job_at"].endswith("+07:00")
