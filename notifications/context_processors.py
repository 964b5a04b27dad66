from django.utils.functional import SimpleLazyObject

from notifications.inbox import unread_count


def unread_notices(request):
    """The bell's count, read only by a page that shows the bell (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}
