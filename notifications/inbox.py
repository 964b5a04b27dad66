"""A user's notices: reading them, marking them read, choosing what comes by e-mail."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from notifications.models import Kind, MailPreference, Notice


def notices_of(user) -> QuerySet[Notice]:
    """The user's own notices, newest first: nobody reads another's."""
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def mark_read(*, notice: Notice, by) -> Notice:
    """Mark one of the user's notices read (once: the first reading stays). Raises
    Notice.DoesNotExist for another user's notice."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk, recipient=by)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


@transaction.atomic
def mark_all_read(*, by) -> int:
    """Mark every unread notice of the user read; returns how many."""
    return Notice.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())


def mail_preferences(user) -> dict[str, bool]:
    """For each kind, whether it comes to the user by e-mail (yes unless turned off)."""
    chosen = dict(MailPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return {kind: chosen.get(kind, True) for kind in Kind.values}


@transaction.atomic
def set_mail_preferences(*, user, by_email: dict[str, bool]) -> dict[str, bool]:
    """Store the user's choice per kind; kinds not named keep theirs."""
    for kind, wanted in by_email.items():
        if kind not in Kind.values:
            raise ValueError(kind)
        MailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"by_email": bool(wanted)}
        )
    return mail_preferences(user)
