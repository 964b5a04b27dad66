from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobs.health import worker_health


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """The database and the background worker, as JSON for load balancers and monitoring.

    503 when the database does not answer: this machine cannot serve anything. 200
    otherwise, with ``"status": "ok"``, or ``"worker_late"`` when a job has waited longer
    than JOBS_WORKER_LATE_AFTER: the pages still work (a load balancer keeps sending
    them), but no worker is taking jobs, which monitoring reads from the body."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        worker = worker_health()
    except DatabaseError:
        return JsonResponse({"status": "database_unavailable"}, status=503)
    status = "ok" if worker["status"] == "ok" else "worker_late"
    return JsonResponse({"status": status, "database": "ok", "worker": worker})
