"""The load run of ``make bench``: the production start under a bounded load, page by page.

Run inside scripts/with_postgres.sh (it sets DATABASE_URL to a throwaway cluster):
    scripts/with_postgres.sh .venv/bin/python scripts/load_run.py

A database of its own in that cluster gets the demo data (43 units, the demo's plans and
periods) and one commune's report a year of history (manage.py bench_load_data); static
files are collected; gunicorn starts with gunicorn.conf.py, DEBUG off, on loopback. Each
role signs in once through the login form, and wrk loads each page with that session's
cookie. Prints, per page, requests per second, p50, p99, the ratio to the trivial page and
the count of non-2xx and 5xx responses; exits 1 if any response was a 5xx.

wrk rather than a client in Python threads, whose CPU would be taken from the server's
cores on a small machine: the run prints what wrk itself used.

Settings (environment):
    LOAD_DURATION  seconds per page (default 30)
    LOAD_CLIENTS   concurrent connections (default 8)
    LOAD_WORKERS   gunicorn workers (default 3)
    LOAD_PAGES     comma-separated page names to run, e.g. "trivial page,report form"
                   (default: all)
    LOAD_JSON      a file to write the figures to as JSON (default: none)
"""

import html
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = str(PROJECT / ".venv" / "bin" / "python")
GUNICORN = str(PROJECT / ".venv" / "bin" / "gunicorn")
LUA = str(PROJECT / "scripts" / "load_run.lua")
DATABASE = "edu_plans_load"
TRIVIAL = "trivial page"
WARM_UP = 3  # seconds of load per page before the measured run, not counted
TICKS = os.sysconf("SC_CLK_TCK")


def setting(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def fresh_database(cluster_url: str) -> str:
    """The load run's database, created anew in the cluster: its URL."""
    parts = urlsplit(cluster_url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(DATABASE)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    finally:
        admin.close()
    return urlunsplit(parts._replace(path="/" + DATABASE))


def manage(env: dict, *arguments: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, path, *, cookies=None, form=None):
    """One request, redirects not followed: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie_header(cookies)} if cookies else {}
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request("POST" if form is not None else "GET", path, body, headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def cookies_set(headers) -> dict:
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(port: int, username: str, password: str) -> dict:
    """The cookies of a session opened through the login form, as a user would."""
    status, headers, body = request(port, "/accounts/login/")
    assert status == 200, status
    cookies = cookies_set(headers)
    (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[:1]
    form = {"csrfmiddlewaretoken": html.unescape(token), "username": username}
    status, headers, body = request(
        port, "/accounts/login/", cookies=cookies, form=form | {"password": password, "next": ""}
    )
    if status != 302:
        sys.exit(f"{username} could not sign in ({status}).")
    return cookies | cookies_set(headers)


def cpu_ticks(pids) -> int:
    """User and system CPU time of the processes, in clock ticks."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def machine_busy_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def wrk(port, path, cookies, *, seconds, clients) -> dict:
    command = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "10s"]
    command += ["-s", LUA, "--latency"]
    if cookies:
        command += ["-H", f"Cookie: {cookie_header(cookies)}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    before = os.times()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    after = os.times()
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["wrk_cpu_s"] = (after.children_user + after.children_system) - (
        before.children_user + before.children_system
    )
    return figures


def main() -> int:
    cluster = os.environ.get("DATABASE_URL", "")
    if not cluster.startswith("postgres"):
        sys.exit("Run inside scripts/with_postgres.sh: the load run needs PostgreSQL.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: scripts/ensure_system_deps.sh bench installs it.")
    seconds, clients = setting("LOAD_DURATION", 30), setting("LOAD_CLIENTS", 8)
    workers = setting("LOAD_WORKERS", 3)
    chosen = {n.strip() for n in os.environ.get("LOAD_PAGES", "").split(",") if n.strip()}
    folder = Path(tempfile.mkdtemp(prefix="edu-plans-load."))
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(folder)),
        "LANG": "C.UTF-8",
        "DATABASE_URL": fresh_database(cluster),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
    }
    # The demo data and its accounts exist only with DEBUG on; the server runs without.
    started = time.monotonic()
    demo = env | {"DEBUG": "1"}
    manage(demo, "migrate", "--noinput", "-v", "0")
    manage(demo, "load_seed_data")
    manage(demo, "create_demo_accounts")
    manage(demo, "load_demo_data")
    plan = json.loads(manage(demo, "bench_load_data"))
    manage(env | {"DEBUG": "0"}, "collectstatic", "--noinput", "-v", "0")
    print(f"Database ready in {time.monotonic() - started:.0f} s.", flush=True)

    server_env = env | {
        "DEBUG": "0",
        "LOG_FORMAT": "json",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    log = folder / "gunicorn.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [GUNICORN, "-c", "gunicorn.conf.py"],
            cwd=PROJECT,
            env=server_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    results = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("gunicorn did not start:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        sessions = {
            user: sign_in(port, user, plan["password"])
            for user in {page["user"] for page in plan["pages"]}
            if user
        }
        pages = [p for p in plan["pages"] if not chosen or p["name"] in chosen | {TRIVIAL}]
        for page in pages:
            cookies = sessions.get(page["user"])
            status, _headers, _body = request(port, page["path"], cookies=cookies)
            if status != 200:
                sys.exit(f"{page['name']} ({page['path']}) answered {status}, not 200.")
            wrk(port, page["path"], cookies, seconds=WARM_UP, clients=clients)
            server_pids = [server.pid, *children(server.pid)]
            server_before, machine_before = cpu_ticks(server_pids), machine_busy_ticks()
            figures = wrk(port, page["path"], cookies, seconds=seconds, clients=clients)
            busy, total = (a - b for a, b in zip(machine_busy_ticks(), machine_before, strict=True))
            figures |= {
                "name": page["name"],
                "path": page["path"],
                "user": page["user"],
                "requests_per_s": figures["requests"] / (figures["duration_us"] / 1e6),
                "server_cpu_s": (cpu_ticks(server_pids) - server_before) / TICKS,
                "machine_busy": busy / total if total else 0,
            }
            results.append(figures)
            print(
                f"  {page['name']}: {figures['requests_per_s']:.1f} req/s, "
                f"p99 {figures['p99_us'] / 1000:.0f} ms",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)

    report(results, seconds=seconds, clients=clients, workers=workers)
    if os.environ.get("LOAD_JSON"):
        Path(os.environ["LOAD_JSON"]).write_text(json.dumps(results, indent=2) + "\n")
    return 1 if any(r["server_errors"] for r in results) else 0


def report(results: list[dict], *, seconds: int, clients: int, workers: int) -> None:
    trivial = next((r["requests_per_s"] for r in results if r["name"] == TRIVIAL), None)
    print(
        f"\nLoad run: gunicorn ({workers} workers, DEBUG off, PostgreSQL), {clients} clients, "
        f"{seconds} s a page, {os.cpu_count()} cores"
    )
    header = f"{'page':<16} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}"
    header += f" {'non-2xx':>7} {'5xx':>5}  {'CPU ms/req':>10} {'CPU ratio':>9}"
    print(header + f"  {'wrk CPU':>7} {'server CPU':>10} {'machine':>7}")
    trivial_cpu = next((cpu_per_request(r) for r in results if r["name"] == TRIVIAL), None)
    for r in results:
        ratio = f"{r['requests_per_s'] / trivial:.2f}" if trivial else "-"
        cpu = cpu_per_request(r)
        cpu_ratio = f"{trivial_cpu / cpu:.2f}" if trivial_cpu and cpu else "-"
        duration = r["duration_us"] / 1e6
        print(
            f"{r['name']:<16} {r['requests_per_s']:>8.1f} {r['p50_us'] / 1000:>7.0f} "
            f"{r['p99_us'] / 1000:>7.0f} {ratio:>6} {r['non_2xx']:>7} {r['server_errors']:>5}  "
            f"{cpu:>10.1f} {cpu_ratio:>9}  "
            f"{r['wrk_cpu_s'] / duration:>7.0%} {r['server_cpu_s'] / duration:>10.0%} "
            f"{r['machine_busy']:>7.0%}"
        )
    print(
        "ratio: requests per second against the trivial page's. CPU ms/req: gunicorn's CPU "
        "time per request, and CPU ratio the trivial page's against it: steadier than req/s "
        "when other work shares the cores. wrk and server CPU: share of one core; machine: "
        "share of all cores busy, other work included."
    )
    if any(r["socket_errors"] or r["timeouts"] for r in results):
        print("Some connections failed or timed out: see socket_errors and timeouts in LOAD_JSON.")


def cpu_per_request(figures: dict) -> float:
    """Milliseconds of gunicorn's CPU time per request served."""
    return figures["server_cpu_s"] * 1000 / figures["requests"] if figures["requests"] else 0.0


if __name__ == "__main__":
    sys.exit(main())
