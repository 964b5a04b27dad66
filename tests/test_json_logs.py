"""Production logs are JSON lines, each carrying the id of the request that wrote it."""

import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from edu_plans.logs import JsonFormatter, RequestIdFilter
from tests.install import PROJECT, fresh_shell

pytestmark = pytest.mark.urls("tests.logging_urls")


@pytest.fixture
def json_log():
    """What the logger of the logging page writes, through the production formatter and
    filter, on a real handler."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter(time_zone=settings.TIME_ZONE))
    logger = logging.getLogger("tests.logging_page")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_log_line_carries_the_request_id_sent_back_in_the_response(client, json_log):
    response = client.get("/logs/")

    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    (line,) = lines(json_log)
    assert line == {
        "time": line["time"],
        "level": "WARNING",
        "logger": "tests.logging_page",
        "message": "rapport Báo cáo 7 reçu",
        "request_id": request_id,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00", line["time"])


def test_a_logged_exception_is_in_the_line(client, json_log):
    response = client.get("/logs/?error=1")

    (line,) = lines(json_log)
    assert line["level"] == "ERROR"
    assert line["request_id"] == response["X-Request-ID"]
    assert "Traceback" in line["exception"]
    assert "ValueError: bad figure" in line["exception"]


def test_a_safe_request_id_from_the_proxy_is_kept(client, json_log):
    response = client.get("/logs/", headers={"X-Request-ID": "9f1c2e-nginx.01"})

    assert response["X-Request-ID"] == "9f1c2e-nginx.01"
    assert {line["request_id"] for line in lines(json_log)} == {"9f1c2e-nginx.01"}


@pytest.mark.parametrize("given", ["a b", "x" * 65, 'id"}\n{"level":"ERROR', "ид"])
def test_an_unsafe_request_id_is_replaced_by_a_new_one(client, json_log, given):
    response = client.get("/logs/", headers={"X-Request-ID": given})

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert {line["request_id"] for line in lines(json_log)} == {response["X-Request-ID"]}


def test_each_request_has_its_own_id_and_none_is_left_after_it(client, json_log):
    first = client.get("/logs/")["X-Request-ID"]
    second = client.get("/logs/")["X-Request-ID"]
    logging.getLogger("tests.logging_page").warning("outside a request")

    assert first != second
    assert [line["request_id"] for line in lines(json_log)] == [first, second, "-"]


@pytest.fixture
def request_log():
    """The one line a request writes (logger edu_plans.requests, INFO in production)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter(time_zone=settings.TIME_ZONE))
    logger = logging.getLogger("edu_plans.requests")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_each_request_is_logged_once_with_its_status(client, request_log):
    response = client.get("/logs/?figure=7")

    (line,) = lines(request_log)
    assert line["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"GET /logs/ 200 \d+ ms", line["message"])


@pytest.mark.urls("edu_plans.urls")
def test_a_password_reset_token_is_not_logged(client, request_log, db):
    response = client.get("/accounts/reset/MQ/cz1k2q-0123456789abcdef/")

    assert response.status_code == 200
    (line,) = lines(request_log)
    assert "0123456789abcdef" not in line["message"]
    assert line["message"].startswith("GET /accounts/reset/<uidb64>/<token>/ ")


def test_the_tests_log_plain_text():
    assert settings.LOG_FORMAT == "text"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"DEBUG": "0"}, "json"),
        ({"DEBUG": "1"}, "text"),
        ({"DEBUG": "0", "LOG_FORMAT": "text"}, "text"),
    ],
)
def test_production_logs_json_and_development_plain_text(environment, expected):
    """Outside the tests the format follows DEBUG unless LOG_FORMAT says otherwise."""
    env = fresh_shell() | environment | {"SECRET_KEY": "x" * 50}
    env["DJANGO_SETTINGS_MODULE"] = "edu_plans.settings"
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.LOG_FORMAT)"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.strip() == expected


@pytest.mark.parametrize(("log_format", "is_json"), [("json", True), ("text", False)])
def test_gunicorns_own_messages_follow_the_log_format(tmp_path, log_format, is_json):
    """gunicorn's start and worker boot lines are JSON when the application's are."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = fresh_shell() | {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "LOG_FORMAT": log_format,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "STATIC_ROOT": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    output = tmp_path / "gunicorn.log"
    with output.open("wb") as sink:
        server = subprocess.Popen(
            [str(PROJECT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=PROJECT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while "Booting worker" not in output.read_text() and time.monotonic() < deadline:
            assert server.poll() is None, output.read_text()
            time.sleep(0.1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    started = [line for line in output.read_text().splitlines() if "Booting worker" in line]
    assert started, output.read_text()
    if not is_json:
        assert not started[0].startswith("{")
        return
    for line in output.read_text().splitlines():
        json.loads(line)  # every line written, the start's and the shutdown's
    entry = json.loads(started[0])
    assert entry["logger"] == "gunicorn.error"
    assert entry["level"] == "INFO"
    assert entry["time"].endswith("+07:00")
    assert entry["request_id"] == "-"
