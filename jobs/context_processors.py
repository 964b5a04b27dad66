from django.utils.functional import SimpleLazyObject

from jobs.running import running_count


def jobs_running(request):
    """How many of the signed-in user's jobs are not finished, for the site header; the
    count is read only by a page that shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"jobs_running": SimpleLazyObject(lambda: running_count(user))}
