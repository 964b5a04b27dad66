from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import two_factor
from accounts.forms import AppCodeForm, LoginCodeForm
from accounts.two_factor import ENROL, VERIFY, CodeRefused


def _next_url(request) -> str:
    """Where to go once the step is done: ``next`` if it is on this site, else home."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
def security(request):
    """Account security: two-factor sign-in and the password (every signed-in user)."""
    return render(
        request,
        "accounts/security.html",
        {"status": two_factor.two_factor_status(request.user)},
    )


@never_cache
def two_factor_setup(request):
    """Set up an authenticator app: scan, confirm with a code, then see recovery codes once."""
    user = request.user
    if two_factor.two_factor_status(user).enabled:
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect("accounts:security")
    device = two_factor.pending_totp_device(user=user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.confirm_totp_device(
                user=user, code=form.cleaned_data["code"]
            )
        except CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            # This session has just proved the second factor.
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "key": two_factor.manual_entry_key(device),
            "required_now": getattr(request, "pending_login_step", None) == ENROL,
            "next": _next_url(request),
        },
    )


@never_cache
def two_factor_verify(request):
    """The second step of signing in: a code from the app or a recovery code."""
    redirect_to = _next_url(request)
    if getattr(request, "pending_login_step", None) != VERIFY:
        return redirect(redirect_to)
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify_login_code(user=request.user, code=form.cleaned_data["code"])
        except CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(left)d is left. "
                        "Make new ones on the account security page.",
                        "You signed in with a recovery code; %(left)d are left. "
                        "Make new ones on the account security page.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(redirect_to)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": redirect_to})


@never_cache
def two_factor_disable(request):
    """Turn two-factor sign-in off, confirmed with a code."""
    if not two_factor.two_factor_status(request.user).enabled:
        return redirect("accounts:security")
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.disable_two_factor(user=request.user, code=form.cleaned_data["code"])
        except CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("accounts:security")
    return render(request, "accounts/two_factor_disable.html", {"form": form})


@never_cache
def recovery_codes_regenerate(request):
    """New recovery codes, confirmed with a code; the old ones stop working."""
    if not two_factor.two_factor_status(request.user).enabled:
        return redirect("accounts:security")
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.regenerate_recovery_codes(
                user=request.user, code=form.cleaned_data["code"]
            )
        except CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": resolve_url("accounts:security")},
            )
    return render(request, "accounts/recovery_codes_regenerate.html", {"form": form})
