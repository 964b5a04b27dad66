from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from accounts.two_factor import ENROL, VERIFY, login_step_for

# Pages a user in the middle of signing in can always reach.
ALWAYS_OPEN = {"logout", "admin:login", "admin:logout", "set_language"}
STEP_PAGES = {VERIFY: "accounts:two_factor_verify", ENROL: "accounts:two_factor_setup"}


class LoginStepMiddleware:
    """After the password, the second factor comes before any other page.

    A user with an authenticator app (or recovery codes) who has not given a code in this
    session is sent to the code page; a user whose role requires a second factor and who
    has none yet is sent to set one up. Everyone else is untouched. Needs django-otp's
    OTPMiddleware (``user.is_verified``) and runs after LoginRequiredMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        step = login_step_for(user)
        # Templates hide the navigation while a step is pending.
        request.pending_login_step = step
        if step is None or _is_open(request, view_func, STEP_PAGES[step]):
            return None
        return redirect_to_login(request.get_full_path(), reverse(STEP_PAGES[step]))


def _is_open(request, view_func, step_page: str) -> bool:
    view_name = request.resolver_match.view_name
    if view_name == step_page or view_name in ALWAYS_OPEN:
        return True
    # Public pages (login, password reset, health check) stay public. The admin marks all
    # of its views public because it checks access itself, so it is not trusted here.
    return request.resolver_match.namespace != "admin" and not getattr(
        view_func, "login_required", True
    )
