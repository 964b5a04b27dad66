"""gunicorn's settings for edu-plans: ``gunicorn -c gunicorn.conf.py edu_plans.wsgi``.

Read from the environment, like the application's own settings:
    GUNICORN_BIND     address to listen on (default 127.0.0.1:8000: the department's web
                      server in front of it proxies to loopback)
    GUNICORN_WORKERS  worker processes (default 2 × cores + 1, at most 9)
    GUNICORN_TIMEOUT  seconds a request may take before its worker is restarted (default 120)
"""

import gc
import multiprocessing
import os

# Only the module's values (the log format and time zone): Django itself is not set up in
# the master process.
from edu_plans import settings as project_settings

wsgi_app = "edu_plans.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, each holding one PostgreSQL connection (CONN_MAX_AGE): past about nine the
# database, not gunicorn, is what a provincial server runs short of.
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9)))
# A synthesis PDF of a large province is built inside the request until the background
# jobs arrive: long enough for it, short enough that a stuck worker comes back.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Each worker imports the application itself: a restart picks up new code, and no database
# connection opened in the master is shared by forked workers.
preload_app = False
# The application logs each request itself, as JSON with its request id
# (edu_plans.middleware.RequestIdMiddleware); gunicorn's own messages (start, workers
# booted and restarted, errors) go to stderr, as JSON lines too when the application's
# are (LOG_FORMAT, decided by the settings module alone).
accesslog = None
errorlog = "-"
if project_settings.LOG_FORMAT == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "edu_plans.logs.JsonFormatter",
                "time_zone": project_settings.TIME_ZONE,
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "WARNING", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        },
    }
# The garbage collector, tuned once the worker has imported the application: the objects
# loaded by then (Django, the project, the translations) live as long as the worker, so
# gc.freeze() keeps every later collection from walking them again; and a page that builds
# thousands of short-lived rows (the dashboard, a report form) no longer starts a full
# collection every few hundred of them. Measured by make bench-load (README, "Speed under
# load").
GC_THRESHOLDS = (10_000, 10, 10)


def post_worker_init(worker):
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


# A socket under the account's home, shared by every gunicorn it starts: not needed here.
control_socket_disable = True
