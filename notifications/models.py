"""Notices to users, which are also the log of what was sent (nothing is sent twice),
and each user's choice of which kinds also come by e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    PERIOD_OPENED = "period_opened", _("A reporting period is opened")
    REPORT_DUE_SOON = "report_due_soon", _("A report is due soon")
    REPORT_OVERDUE = "report_overdue", _("A report is overdue")
    REPORT_ESCALATED = "report_escalated", _("A unit's report is long overdue (heads and staff)")
    REPORT_RETURNED = "report_returned", _("A report is returned")
    REPORT_APPROVED = "report_approved", _("A report is approved")
    REPORT_REOPENED = "report_reopened", _("A report is reopened")
    EXTENSION_GRANTED = "extension_granted", _("A deadline extension is granted")
    EXTENSION_REFUSED = "extension_refused", _("A deadline extension is refused")
    TASK_DUE_SOON = "task_due_soon", _("A task's deadline is near")
    TASK_OVERDUE = "task_overdue", _("A task's deadline has passed")


class Notice(models.Model):
    """One notice to one user, shown behind the bell and (unless the user turned its kind
    off) sent by e-mail. It is also the log of what was sent: one row per recipient,
    kind, object and occurrence (the event, or the day-bucket of a repeated reminder)."""

    class Mail(models.TextChoices):
        PENDING = "pending", _("to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        TURNED_OFF = "off", _("turned off by the user")
        NO_ADDRESS = "no_address", _("no e-mail address")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # What the notice is about ("report:12", "extension:3") and which occurrence of it
    # ("v4": the report's fourth version; "2026-10-15/2": the third repeat of an overdue
    # reminder for that due date): together with the recipient and kind, sent once.
    subject_key = models.CharField(_("about"), max_length=64)
    occurrence = models.CharField(_("occurrence"), max_length=64, blank=True)
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=255)
    text = models.TextField(_("text"))
    url = models.CharField(_("page"), max_length=500)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=16, choices=Mail.choices, default=Mail.PENDING)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # When a run took the mail to send it (pending → sending): a claim far older than a
    # send can take was left by a run that died (notifications.delivery).
    claimed_at = models.DateTimeField(_("claimed for sending at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "occurrence"],
                name="notice_sent_once",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_unread"),
            models.Index(fields=["mail", "created_at"], name="notice_mail_pending"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class MailPreference(models.Model):
    """A user's choice to receive one kind of notice by e-mail or not; without a row, it
    comes by e-mail. Notices in the product always stay."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="mail_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="mail_preference_unique_kind"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_kind_display()}"
