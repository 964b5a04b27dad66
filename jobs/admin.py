from django.contrib import admin

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by the worker; the administrator looks up a job by the
    number a user quotes."""

    list_display = ["title", "owner", "status", "percent", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["id", "title", "owner__username"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
