"""Two-factor sign-in: an authenticator app (TOTP) with one-time recovery codes.

The devices are django-otp's: ``TOTPDevice`` for the app and ``StaticDevice`` holding the
recovery codes. Both throttle wrong codes (1, 2, 4, 8... seconds between tries), so a
six-digit code cannot be guessed by trying them all.
"""

import logging
import math
import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import segno
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import RoleSecurity, User

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"

# What the middleware asks of a signed-in user before any other page.
VERIFY = "verify"
ENROL = "enrol"

_TOTP_CODE = re.compile(r"^\d{6}$")


class CodeRefused(Exception):
    """A code was wrong, or was tried too soon after wrong ones (``retry_at`` is then set)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
        self.retry_at: datetime | None = None


@dataclass(frozen=True)
class TwoFactorStatus:
    enabled: bool
    required: bool
    recovery_codes_left: int


def _required_by_role(user) -> Q:
    """Roles that require a second factor and apply to ``user`` (a condition on RoleSecurity)."""
    condition = Q(group__user=OuterRef("pk"))
    if user.is_superuser:
        condition |= Q(group__name=roles.ADMIN)
    return Q(requires_two_factor=True) & condition


def login_step_for(user) -> str | None:
    """What a signed-in user who has not given a code yet must do first, in one query.

    ``VERIFY`` if they have an authenticator or recovery codes, ``ENROL`` if their role
    requires a second factor and they have none yet, ``None`` when nothing is asked.
    """
    row = (
        User.objects.filter(pk=user.pk)
        .values(
            has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            has_static=Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            required=Exists(RoleSecurity.objects.filter(_required_by_role(user))),
        )
        .first()
    )
    if row is None:
        return None
    if row["has_totp"] or row["has_static"]:
        return VERIFY
    if row["required"]:
        return ENROL
    return None


def two_factor_required(user) -> bool:
    """Whether one of the user's roles requires a second factor (superusers: the admin role)."""
    condition = Q(group__in=user.groups.all())
    if user.is_superuser:
        condition |= Q(group__name=roles.ADMIN)
    return RoleSecurity.objects.filter(condition, requires_two_factor=True).exists()


def two_factor_status(user) -> TwoFactorStatus:
    return TwoFactorStatus(
        enabled=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        required=two_factor_required(user),
        recovery_codes_left=StaticToken.objects.filter(
            device__user=user, device__confirmed=True
        ).count(),
    )


@transaction.atomic
def pending_totp_device(*, user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed.

    Reloading the page (or a slow connection retrying it) keeps the QR code the user may
    already have scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no image library, no script)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, svgclass="qr-code", title=_("QR code for the authenticator app")
    )
    # segno escapes the title; the rest is its own markup.
    return mark_safe(svg)


def manual_entry_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def format_recovery_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalise_code(value: str) -> str:
    """Codes are accepted with spaces or hyphens, in any case: "1234 56", "ABCD-EFGH"."""
    return re.sub(r"[\s-]", "", value or "").lower()


def _throttled_until(devices) -> datetime | None:
    """When the next try is allowed, if every device refuses tries for now; else None."""
    waits = []
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if allowed:
            return None
        waits.append((info or {}).get("locked_until"))
    return min((wait for wait in waits if wait), default=None)


def _wrong_code() -> CodeRefused:
    return CodeRefused(_("This code is not right. Check it and try again."))


def _check_code(devices, code: str):
    """The device among ``devices`` that accepts ``code``, or the CodeRefused to raise.

    Returned rather than raised: the caller's transaction must commit the throttling
    counter that a wrong code increments.
    """
    devices = list(devices)
    if not devices:
        return None, _wrong_code()
    retry_at = _throttled_until(devices)
    if retry_at is not None:
        seconds = max(1, math.ceil((retry_at - timezone.now()).total_seconds()))
        refusal = CodeRefused(
            ngettext(
                "Too many wrong codes. Try again in %(seconds)d second.",
                "Too many wrong codes. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds}
        )
        refusal.retry_at = retry_at
        return None, refusal
    for device in devices:
        if device.verify_token(code):
            return device, None
    return None, _wrong_code()


def _check_user_code(user: User, code: str):
    """Check ``code`` against the user's confirmed devices: app codes are six digits."""
    code = normalise_code(code)
    model = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
    device, refusal = _check_code(devices.order_by("pk"), code)
    if refusal is not None:
        log.warning("Wrong second-factor code for %s.", user.get_username())
    elif isinstance(device, StaticDevice):
        log.warning(
            "Recovery code used by %s (%d left).", user.get_username(), device.token_set.count()
        )
    return device, refusal


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [format_recovery_code(code) for code in codes]


def confirm_totp_device(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor sign-in with a code from the app being set up.

    Returns the confirmed device and the new recovery codes, shown to the user once.
    Raises CodeRefused if the code is wrong or tried too soon after wrong ones.
    """
    with transaction.atomic():
        pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False)
        device, refusal = _check_code(pending.order_by("pk")[:1], normalise_code(code))
        if refusal is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = _new_recovery_codes(user)
    if refusal is not None:
        raise refusal
    log.info("Two-factor sign-in turned on for %s.", user.get_username())
    return device, codes


def verify_login_code(*, user: User, code: str):
    """Check the second step of signing in: an app code, or a recovery code (used up).

    Returns the device that accepted the code. Raises CodeRefused.
    """
    with transaction.atomic():
        device, refusal = _check_user_code(user, code)
    if refusal is not None:
        raise refusal
    return device


def disable_two_factor(*, user: User, code: str) -> None:
    """Turn two-factor sign-in off, confirmed with a current code. Raises CodeRefused."""
    with transaction.atomic():
        _device, refusal = _check_user_code(user, code)
        if refusal is None:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
    if refusal is not None:
        raise refusal
    log.warning("Two-factor sign-in turned off by %s.", user.get_username())


def regenerate_recovery_codes(*, user: User, code: str) -> list[str]:
    """Replace the recovery codes (the old ones stop working), confirmed with a current code.

    Raises CodeRefused.
    """
    with transaction.atomic():
        _device, refusal = _check_user_code(user, code)
        if refusal is None:
            codes = _new_recovery_codes(user)
    if refusal is not None:
        raise refusal
    log.info("New recovery codes made for %s.", user.get_username())
    return codes
