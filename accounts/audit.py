"""What every history row records besides the change: who, by name, and which save.

A history row keeps the name of the person who wrote it, so that deleting an account
does not blank the rows it wrote, and the save it belongs to, so that a page can show
one entry per save rather than one per row. Historical models take these fields by
``HistoricalRecords(bases=[AuditedHistory])``.
"""

import functools
import uuid
from contextvars import ContextVar

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import (
    bulk_create_with_history,
    bulk_update_with_history,
    get_history_model_for_model,
)


class AuditedHistory(models.Model):
    history_user_name = models.CharField(_("changed by (name)"), max_length=300, blank=True)
    history_action = models.UUIDField(_("save"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def history_user_display(self) -> str:
        """The writer's name, also after their account was deleted."""
        user = self.history_user
        if user is not None:
            return user.get_full_name() or user.username
        return self.history_user_name


def person_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


_save: ContextVar[uuid.UUID | None] = ContextVar("history_save", default=None)


def one_save(function):
    """Every history row the decorated domain function writes belongs to one save;
    a call made inside another one's save joins it."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _save.get() is not None:
            return function(*args, **kwargs)
        token = _save.set(uuid.uuid4())
        try:
            return function(*args, **kwargs)
        finally:
            _save.reset(token)

    return wrapper


def current_action() -> uuid.UUID | None:
    """The save a history row belongs to: the request that wrote it (one click, one
    entry), else the domain function's save, else None."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        if not hasattr(request, "_history_action"):
            request._history_action = uuid.uuid4()
        return request._history_action
    return _save.get()


@receiver(pre_create_historical_record, dispatch_uid="accounts.audit.stamp")
def stamp_history(sender, history_instance, history_user, **kwargs):
    if isinstance(history_instance, AuditedHistory):
        history_instance.history_user_name = person_name(history_user)
        history_instance.history_action = current_action()


def _bulk_audit(objs: list, model, by) -> dict:
    """The writer and the save of rows written in bulk, which send no signal."""
    user = by
    if user is None and objs:
        user = get_history_model_for_model(model).get_default_history_user(objs[0])
    return {
        "default_user": user,
        "custom_historical_attrs": {
            "history_user_name": person_name(user),
            "history_action": current_action(),
        },
    }


def bulk_create_audited(objs, model, *, by=None) -> list:
    """``bulk_create`` that leaves the history rows ``save()`` would: one per object,
    written by ``by`` (else the request's user), in the current save."""
    objs = list(objs)
    if not objs:
        return objs
    return bulk_create_with_history(objs, model, **_bulk_audit(objs, model, by))


def bulk_update_audited(objs, model, fields: list[str], *, by=None) -> int:
    """``bulk_update`` with a history row per object, like ``bulk_create_audited``."""
    objs = list(objs)
    if not objs:
        return 0
    return bulk_update_with_history(objs, model, fields, **_bulk_audit(objs, model, by))
