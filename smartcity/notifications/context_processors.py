from django.utils.functional import SimpleLazyObject

from smartcity.notifications.selectors import unread_count


def inbox(request):
    """The menu's unread count: one COUNT query, made only by a page that shows it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
