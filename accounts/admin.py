from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleSecurity, User


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
