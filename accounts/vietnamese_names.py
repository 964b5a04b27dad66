"""Vietnamese names for records that the admin would otherwise show in English.

django-otp names its models and fields in plain English strings, not through gettext;
django-axes titles its records with English f-strings ("Access Log for ... @ ..."); Django
stores permission names in English ("Can add agency") and titles the rows linking users,
groups and permissions "Group_permissions object (1)". No catalogue can translate those.
``apply()`` (from ``AccountsConfig.ready``) gives them translatable names instead.

Only display names change: migrations read a model's ``Meta`` as declared
(``_meta.original_attrs``) and a field's ``_verbose_name``, so no migration is affected.
Help texts are part of migrations; the admin gives its own (``accounts/admin.py``).
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

APP_NAMES = {
    "axes": _("Sign-in log"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Recovery codes"),
}

MODEL_NAMES = {
    TOTPDevice: (_("authenticator app"), _("authenticator apps")),
    StaticDevice: (_("set of recovery codes"), _("sets of recovery codes")),
    StaticToken: (_("recovery code"), _("recovery codes")),
}

# The fields every django-otp device has, then those of an authenticator app.
DEVICE_FIELD_NAMES = {
    "user": _("user"),
    "name": _("device name"),
    "confirmed": _("confirmed"),
    "throttling_failure_timestamp": _("last failed code at"),
    "throttling_failure_count": _("failed codes in a row"),
    "created_at": _("created at"),
    "last_used_at": _("last used at"),
}
TOTP_FIELD_NAMES = {
    "key": _("secret key"),
    "step": _("time step"),
    "t0": _("start time (t0)"),
    "digits": _("digits"),
    "tolerance": _("tolerance"),
    "drift": _("clock drift"),
    "last_t": _("last time step used"),
}
TOKEN_FIELD_NAMES = {"device": _("set of recovery codes"), "token": _("code")}


# Django stores a permission's name in English; it is named again from its codename.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """ "Văn bản chỉ đạo | cơ quan, đơn vị | Có thể xem cơ quan, đơn vị", in the interface
    language."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    action = permission.codename.partition("_")[0]
    if action in PERMISSION_ACTIONS and permission.codename == f"{action}_{opts.model_name}":
        name = PERMISSION_ACTIONS[action] % {"model": opts.verbose_name}
    else:
        name = permission.name
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


# The rows behind "a group's permissions", "a user's groups" and "a user's permissions".
LINK_NAMES = {
    Group.permissions.through: (
        _("permission of a role"),
        _("permissions of roles"),
        lambda row: f"{row.group} | {permission_label(row.permission)}",
    ),
    User.groups.through: (
        _("role of a user"),
        _("roles of users"),
        lambda row: f"{row.user} | {row.group}",
    ),
    User.user_permissions.through: (
        _("permission of a user"),
        _("permissions of users"),
        lambda row: f"{row.user} | {permission_label(row.permission)}",
    ),
}


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _attempt_title(attempt: AccessAttempt) -> str:
    return gettext("Failed sign-ins of %(username)s from %(address)s") % {
        "username": attempt.username,
        "address": attempt.ip_address,
    }


def _log_title(log: AccessLog) -> str:
    return gettext("Sign-in of %(username)s at %(time)s") % {
        "username": log.username,
        "time": _when(log.attempt_time),
    }


def _failure_title(failure: AccessFailureLog) -> str:
    text = (
        gettext("Failed sign-in of %(username)s at %(time)s from %(address)s, locked out")
        if failure.locked_out
        else gettext("Failed sign-in of %(username)s at %(time)s from %(address)s")
    )
    return text % {
        "username": failure.username,
        "time": _when(failure.attempt_time),
        "address": failure.ip_address,
    }


def _rename_fields(model, names: dict) -> None:
    for name, verbose_name in names.items():
        model._meta.get_field(name).verbose_name = verbose_name


def apply() -> None:
    """Give the apps, models and fields their translatable names (idempotent)."""
    for label, name in APP_NAMES.items():
        apps.get_app_config(label).verbose_name = name
    for model, (singular, plural) in MODEL_NAMES.items():
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
    for model in (TOTPDevice, StaticDevice):
        _rename_fields(model, DEVICE_FIELD_NAMES)
    _rename_fields(TOTPDevice, TOTP_FIELD_NAMES)
    _rename_fields(StaticToken, TOKEN_FIELD_NAMES)
    for link, (singular, plural, title) in LINK_NAMES.items():
        link._meta.verbose_name = singular
        link._meta.verbose_name_plural = plural
        link.__str__ = title
    AccessAttempt.__str__ = _attempt_title
    AccessLog.__str__ = _log_title
    AccessFailureLog.__str__ = _failure_title
