"""Brute-force protection on the login forms, through django-axes.

Failures are counted per username *and* address together (``AXES_LOCKOUT_PARAMETERS``):
schools behind one NAT address do not lock each other out, and nobody can lock a
colleague out from another computer. These are the hooks that settings name.
"""

import ipaddress
import logging
import math
from datetime import datetime

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

log = logging.getLogger(__name__)


def client_ip_address(request) -> str | None:
    """The client's address: from the header our reverse proxy sets, if one is configured.

    With ``CLIENT_IP_HEADER`` unset, the connection's address (REMOTE_ADDR) is used: a
    header is only trusted when a proxy we run overwrites or appends it. For a list such
    as X-Forwarded-For the right-most entry is the one our proxy added.
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        entries = [entry.strip() for entry in request.META.get(header, "").split(",")]
        entries = [entry for entry in entries if entry]
        if entries:
            try:
                return str(ipaddress.ip_address(entries[-1]))
            except ValueError:
                log.warning("Ignoring a malformed client address in %s.", header)
    return request.META.get("REMOTE_ADDR")


def locked_until(*, username: str | None, ip_address: str | None, request=None) -> datetime:
    """When the lockout of this username from this address ends."""
    last_failure = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(
        last=Max("attempt_time")
    )["last"]
    return (last_failure or timezone.now()) + get_cool_off(request)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while locked out: when to try again (429)."""
    username = get_client_username(request, credentials) or ""
    until = locked_until(
        username=username, ip_address=getattr(request, "axes_ip_address", None), request=request
    )
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "accounts/lockout.html",
        {"username": username, "locked_until": until, "minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def log_lockout(sender, request, username, ip_address, **kwargs):
    """Receiver of axes' ``user_locked_out``: one line per refused login, for the operators."""
    log.warning(
        "Login locked out: username %r from %s on %s until %s.",
        username,
        ip_address,
        getattr(request, "path", "?"),
        timezone.localtime(
            locked_until(username=username, ip_address=ip_address, request=request)
        ).isoformat(timespec="minutes"),
    )
