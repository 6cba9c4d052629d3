"""Reads of the inbox and the outbox."""

from django.db.models import QuerySet

from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import Notification, OutboxMessage


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def outbox(*, status: str | None = None) -> QuerySet[OutboxMessage]:
    messages = OutboxMessage.objects.order_by("-created_at", "-pk")
    if status in MessageStatus.values:
        messages = messages.filter(status=status)
    return messages
