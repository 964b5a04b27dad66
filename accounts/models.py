"""Users of edu-plans: each belongs to one agency."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What a reporting-unit user sees is scoped to ``agency``."""

    agency = models.ForeignKey(
        "directives.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    is_agency_head = models.BooleanField(
        _("head of the agency"),
        default=False,
        help_text=_(
            "The agency's head (thủ trưởng đơn vị): also told when the agency's report is "
            "long overdue."
        ),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


class RoleSecurity(models.Model):
    """How a role (a Django group) must sign in: whether it needs a second factor."""

    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("role"),
        on_delete=models.CASCADE,
        related_name="security",
    )
    requires_two_factor = models.BooleanField(
        _("requires two-factor authentication"),
        default=False,
        help_text=_(
            "Users with this role must set up an authenticator app before they can open any "
            "other page. Superusers follow the System administrator role."
        ),
    )

    class Meta:
        verbose_name = _("role security")
        verbose_name_plural = _("role security")
        ordering = ["group__name"]

    def __str__(self):
        return self.group.name
