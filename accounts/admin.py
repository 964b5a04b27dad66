from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import RoleSecurity, User


class AuditedHistoryAdmin(SimpleHistoryAdmin):
    """The history page of a model with audited history (accounts.audit).

    It shows the writer's name as the row keeps it, which outlives their account. Putting
    back an old version is a change like any other: only for who may change the object,
    through the same form and its rules (django-simple-history itself checks only that
    the user may view the object).
    """

    history_list_display = ["history_user_name"]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "agency", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active", "agency"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        *BaseUserAdmin.fieldsets[:2],
        (_("Agency"), {"fields": ["agency"]}),
        *BaseUserAdmin.fieldsets[2:],
    ]


@admin.register(RoleSecurity)
class RoleSecurityAdmin(admin.ModelAdmin):
    """Which roles must sign in with a second factor (the System administrator role only)."""

    list_display = ["group", "requires_two_factor"]
    list_editable = ["requires_two_factor"]
    list_select_related = ["group"]
    fields = ["group", "requires_two_factor"]
