"""WSGI entry point (gunicorn edu_plans.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu_plans.settings")

application = get_wsgi_application()
