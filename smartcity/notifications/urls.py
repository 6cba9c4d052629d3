from django.urls import path

from smartcity.notifications.views import calendar, inbox, outbox

app_name = "notifications"

urlpatterns = [
    path("notifications/", inbox.inbox, name="inbox"),
    path("notifications/<int:pk>/read/", inbox.mark_read, name="mark_read"),
    path("notifications/read-all/", inbox.mark_all_read, name="mark_all_read"),
    path("notifications/outbox/", outbox.outbox, name="outbox"),
    path("notifications/outbox/<int:pk>/retry/", outbox.retry, name="retry"),
    path("notifications/calendar/regenerate/", calendar.regenerate, name="calendar_regenerate"),
    path("notifications/calendar/revoke/", calendar.revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar_feed"),
]
