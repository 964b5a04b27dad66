from axes.admin import AccessAttemptAdmin as BaseAccessAttemptAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin as BaseStaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from accounts import roles
from accounts.models import RoleSecurity, User
from accounts.vietnamese_names import permission_label

# Here a password is the only way to sign in (no single sign-on, no LDAP), so Django's
# help text, which promises other ways, would mislead.
USABLE_PASSWORD_HELP = _(
    "Whether the user can sign in with a password. Without one the user cannot sign in "
    "at all: edu-plans has no other way to sign in."
)


GROUPS_HELP = _(
    "Tick every capability the user needs: a Sở staff member usually reports for their "
    "division and reviews other agencies' reports. Nobody approves a report of their own "
    "agency."
)


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class CapabilityChoiceField(forms.ModelMultipleChoiceField):
    """A group with what it lets its holder do: "Chuyên viên Sở: duyệt báo cáo..."."""

    def label_from_instance(self, obj):
        capability = roles.CAPABILITIES.get(obj.name)
        return f"{obj.name}: {capability}" if capability else obj.name


class PermissionLabelsMixin:
    """Permissions listed by their names in the interface language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in {"permissions", "user_permissions"}:
            kwargs["form_class"] = PermissionChoiceField
        elif db_field.name == "groups":
            # Roles are capabilities a user combines: every one is a box to tick.
            kwargs["form_class"] = CapabilityChoiceField
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["help_text"] = GROUPS_HELP
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)


class UserCreationForm(AdminUserCreationForm):
    usable_password = AdminUserCreationForm.create_usable_password_field(USABLE_PASSWORD_HELP)


class PasswordChangeForm(AdminPasswordChangeForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        if "usable_password" in self.fields:
            # Django writes this page's warning in English outside its catalogue; the
            # element is the one its script and style show and hide.
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist">'
                '<li class="warning">{}</li></ul>',
                USABLE_PASSWORD_HELP,
                _("If disabled, the current password for this user will be lost."),
            )


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
class UserAdmin(PermissionLabelsMixin, BaseUserAdmin):
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm
    list_display = ["username", "full_name", "agency", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active", "agency"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    fieldsets = [
        *BaseUserAdmin.fieldsets[:2],
        (_("Agency"), {"fields": ["agency", "is_agency_head"]}),
        *BaseUserAdmin.fieldsets[2:],
    ]

    @admin.display(description=_("full name"), ordering="first_name")
    def full_name(self, obj):
        return obj.get_full_name()


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, BaseGroupAdmin):
    pass


@admin.register(RoleSecurity)
class RoleSecurityAdmin(admin.ModelAdmin):
    """Which roles must sign in with a second factor (the System administrator role only)."""

    list_display = ["group", "requires_two_factor"]
    list_editable = ["requires_two_factor"]
    list_select_related = ["group"]
    fields = ["group", "requires_two_factor"]


# --- Login protection: django-axes and django-otp, in Vietnamese ------------------------
# Their models and fields are named in accounts/vietnamese_names.py; what their admin
# classes write in plain English is given again here.


class AccessAttemptAdmin(BaseAccessAttemptAdmin):
    @admin.display(description=_("expires at"))
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description=_("status"))
    def status(self, obj):
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining > 0:
            return gettext("%(count)s attempts left") % {"count": remaining}
        return gettext("Locked Out")

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request, gettext("Cleaned up %(count)s expired attempts.") % {"count": count}
        )


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)

DEVICE_HELP_TEXTS = {
    "user": _("The user this device belongs to."),
    "name": _("A name that tells this device apart from the user's others."),
    "confirmed": _("Whether the device is ready for use."),
    "created_at": _("When the device was set up."),
    "last_used_at": _("When a code from this device was last accepted."),
    "throttling_failure_timestamp": _(
        "When a wrong code was last given; blank when the last code was right."
    ),
    "throttling_failure_count": _("Wrong codes given in a row."),
}
TOTP_HELP_TEXTS = {
    "key": _("The secret shared with the authenticator app, in hexadecimal (at most 40 bytes)."),
    "step": _("How many seconds each code is valid for."),
    "t0": _("The Unix time from which time steps are counted."),
    "digits": _("How many digits a code has."),
    "tolerance": _("How many time steps before or after now a code may come from."),
    "drift": _("How many time steps the app's clock is known to be off."),
    "last_t": _("The time step of the last accepted code; the next must be later."),
}
FIELDSET_TITLES = {
    "Identity": _("Identity"),
    "Timestamps": _("Timestamps"),
    "Configuration": _("Configuration"),
    "State": _("State"),
    "Throttling": _("Throttling"),
}


class DeviceAdminMixin:
    """Help texts and section titles in the interface language; readonly fields read
    theirs from the form too."""

    help_texts = DEVICE_HELP_TEXTS
    search_help_text = _("Search by the user's username.")

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("help_texts", self.help_texts)
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return [
            (FIELDSET_TITLES.get(title, title), options)
            for title, options in super().get_fieldsets(request, obj)
        ]


class TOTPDeviceAdmin(DeviceAdminMixin, BaseTOTPDeviceAdmin):
    help_texts = {**DEVICE_HELP_TEXTS, **TOTP_HELP_TEXTS}

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        return super().qrcode_link(device)


class StaticDeviceAdmin(DeviceAdminMixin, BaseStaticDeviceAdmin):
    pass


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
admin.site.unregister(StaticDevice)
admin.site.register(StaticDevice, StaticDeviceAdmin)
