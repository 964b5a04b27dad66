"""A page that writes to the log, for tests/test_json_logs.py."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

logger = logging.getLogger("tests.logging_page")


@login_not_required
def logging_page(request):
    """One log line; with ?error=1 one error line with its exception instead."""
    if request.GET.get("error"):
        try:
            raise ValueError("bad figure")
        except ValueError:
            logger.exception("could not read the figure")
    else:
        logger.warning("rapport %s reçu", "Báo cáo 7")
    return HttpResponse("ok")


urlpatterns = [path("logs/", logging_page)]
