from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from jobs.models import Job

# The queue's own rows are the worker's business; the administrator reads the Job, which
# names its task's id. (django_tasks_db is installed before jobs, so its admin is loaded.)
admin.site.unregister(DBTaskResult)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by the worker and removed by prune_jobs; the
    administrator looks up a job by the number a user quotes."""

    list_display = ["title", "owner", "status", "percent", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["id", "title", "owner__username"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # prune_jobs removes a job together with its file
