"""Writing notices once and sending their e-mail.

A notice is written once per recipient, kind, object and occurrence (the unique
constraint ``notice_sent_once``); writing the same one again writes nothing. Its e-mail
is then sent unless the recipient turned that kind off or has no address. A mail is
claimed before it is sent (pending → sending) so that two runs never send it twice; one
that fails goes back to pending and is tried again by the next run (send_reminders), for
``RETRY_DAYS`` days. A claim older than ``CLAIM_EXPIRES`` was left by a run that died
between the claim and the answer of the mail server (a worker killed, a machine
restarted): the daily run takes that mail back and sends it. The mail server may have
accepted it in the instant before the death, so it may arrive twice; without this it
would never arrive, and the reminder is the point. An event's mail is sent by the
worker (``notifications.tasks``), the reminders' by the daily run; both go through
``send_mail_of``.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.models import MailPreference, Notice

logger = logging.getLogger(__name__)
Mail = Notice.Mail

# A mail still failing after this long is left unsent: its notice is in the product.
RETRY_DAYS = 7
# A send waits at most EMAIL_TIMEOUT seconds for each answer of the server: a claim an
# hour old belongs to a run that is gone.
CLAIM_EXPIRES = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Planned:
    """A notice to write: to whom, what kind, about what, which occurrence, its words."""

    recipient: object
    kind: str
    subject_key: str
    occurrence: str
    title: str
    text: str
    url: str

    @property
    def key(self) -> tuple:
        return (self.recipient.pk, self.kind, self.subject_key, self.occurrence)


def not_yet_written(planned: list[Planned]) -> list[Planned]:
    """The planned notices that were never written (each once, in the order given)."""
    if not planned:
        return []
    written = set(
        Notice.objects.filter(
            kind__in={p.kind for p in planned},
            subject_key__in={p.subject_key for p in planned},
            recipient_id__in={p.recipient.pk for p in planned},
        ).values_list("recipient_id", "kind", "subject_key", "occurrence")
    )
    fresh, seen = [], set()
    for item in planned:
        if item.key not in written and item.key not in seen:
            seen.add(item.key)
            fresh.append(item)
    return fresh


def _mail_state(item: Planned, turned_off: set[tuple[int, str]]) -> str:
    if (item.recipient.pk, item.kind) in turned_off:
        return Mail.TURNED_OFF
    if not item.recipient.email:
        return Mail.NO_ADDRESS
    return Mail.PENDING


def write_notices(planned: list[Planned]) -> list[Notice]:
    """Write the planned notices not written before; return those written now."""
    fresh = not_yet_written(planned)
    turned_off = set(
        MailPreference.objects.filter(
            user_id__in={p.recipient.pk for p in fresh}, by_email=False
        ).values_list("user_id", "kind")
    )
    written = []
    for item in fresh:
        notice = Notice(
            recipient=item.recipient,
            kind=item.kind,
            subject_key=item.subject_key,
            occurrence=item.occurrence,
            title=item.title[:255],
            text=item.text,
            url=item.url,
            mail=_mail_state(item, turned_off),
        )
        try:
            # A savepoint: another run writing the same notice at the same moment loses
            # the race on the unique constraint, and only that notice is skipped.
            with transaction.atomic():
                notice.save()
        except IntegrityError:
            continue
        written.append(notice)
    return written


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def mail_for(notice: Notice) -> EmailMessage:
    """The notice as a Vietnamese plain-text e-mail with an absolute link to its page."""
    with translation.override(settings.LANGUAGE_CODE):
        name = notice.recipient.get_full_name() or notice.recipient.username
        body = "\n".join(
            [
                _("Dear %(name)s,") % {"name": name},
                "",
                notice.text,
                "",
                _("Open the page: %(url)s") % {"url": absolute_url(notice.url)},
                "",
                "-- ",
                _("Sent by edu-plans. To stop receiving this kind of notice by e-mail: %(url)s")
                % {"url": absolute_url(reverse("notifications:preferences"))},
            ]
        )
        return EmailMessage(
            subject=f"[edu-plans] {notice.title}",
            body=body,
            to=[notice.recipient.email],
        )


def pending_mail():
    """The notices whose mail waits to be sent, not older than RETRY_DAYS, oldest first."""
    since = timezone.now() - datetime.timedelta(days=RETRY_DAYS)
    return (
        Notice.objects.filter(mail=Mail.PENDING, created_at__gte=since)
        .select_related("recipient")
        .order_by("pk")
    )


def release_abandoned_mail(now: datetime.datetime | None = None) -> int:
    """Mail claimed for sending longer ago than ``CLAIM_EXPIRES`` (or before claims were
    dated) goes back to pending: the run that claimed it died. Returns how many."""
    now = now or timezone.now()
    abandoned = Notice.objects.filter(mail=Mail.SENDING).filter(
        Q(claimed_at__lt=now - CLAIM_EXPIRES) | Q(claimed_at__isnull=True)
    )
    released = abandoned.update(mail=Mail.PENDING, claimed_at=None)
    if released:
        logger.warning("%s mails left sending by a run that stopped: sent again", released)
    return released


def send_mail_of(notices=None) -> int:
    """Send the e-mail of the given notices (default: every one of ``pending_mail()``,
    after taking back the mail of runs that died). Returns how many were sent; a failure
    is logged and its mail stays pending for the next run."""
    if notices is None:
        release_abandoned_mail()
        notices = pending_mail()
    notices = [n for n in notices if n.mail == Mail.PENDING]
    if not notices:
        return 0
    sent = 0
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception:
        logger.warning(
            "Mail server unreachable: %s notices left to send", len(notices), exc_info=True
        )
        return 0
    try:
        for notice in notices:
            claimed = Notice.objects.filter(pk=notice.pk, mail=Mail.PENDING).update(
                mail=Mail.SENDING, claimed_at=timezone.now()
            )
            if not claimed:
                continue  # another run has it
            try:
                connection.send_messages([mail_for(notice)])
            except Exception:
                logger.warning(
                    "Mail of notice %s not sent; retried later", notice.pk, exc_info=True
                )
                Notice.objects.filter(pk=notice.pk).update(mail=Mail.PENDING, claimed_at=None)
                notice.mail = Mail.PENDING
                continue
            Notice.objects.filter(pk=notice.pk).update(mail=Mail.SENT, emailed_at=timezone.now())
            notice.mail = Mail.SENT
            sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Mail connection did not close cleanly", exc_info=True)
    return sent
