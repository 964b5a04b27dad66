import logging
import re
import time
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from edu_plans.logs import request_id

request_logger = logging.getLogger("edu_plans.requests")

# An id passed on by the proxy in front (nginx's $request_id is 32 hex digits) is kept
# only when it cannot smuggle anything into a log line or a header.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language with the language switch.

    The browser's Accept-Language is ignored on purpose: many office computers in the
    province run an English browser, and their users still expect Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class PrivatePagesMiddleware:
    """What a signed-in user is shown is theirs: browsers may keep it, shared caches not.

    A response that says how it may be cached (healthz, the admin's never_cache) keeps
    its own header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


class RequestIdMiddleware:
    """Each request has an id: the proxy's X-Request-ID when it is a short safe token, or
    a new one. It is sent back in the response's X-Request-ID, carried by every log record
    written during the request (edu_plans.logs), and the request itself is logged once
    (logger ``edu_plans.requests``, INFO) with its method, path, status and duration.
    """

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(self.header, "")
        current = given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[self.header] = current
            request_logger.info(
                "%s %s %s %.0f ms",
                request.method,
                _logged_path(request),
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            return response
        finally:
            request_id.reset(token)


def _logged_path(request) -> str:
    """The path, but a password-reset link's token stays out of the log: its route."""
    match = getattr(request, "resolver_match", None)
    if match is not None and "token" in match.kwargs:
        return "/" + match.route
    return request.path
