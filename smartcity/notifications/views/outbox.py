"""The secretariat's outbox: every email, its status and its last error; retry a failed one."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.core.views import gate, run_service
from smartcity.notifications import selectors, services
from smartcity.notifications.enums import MessageStatus
from smartcity.notifications.models import OutboxMessage

PAGE_SIZE = 50
secretariat_only = gate("notifications.manage_outbox")


@require_safe
@secretariat_only
def outbox(request):
    status = request.GET.get("status", "")
    if status not in MessageStatus.values:
        status = ""
    messages = selectors.outbox(status=status or None).select_related("user")
    page = Paginator(messages, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": MessageStatus.choices,
            "page_query": f"status={status}" if status else "",
        },
    )


@require_POST
@secretariat_only
def retry(request, pk: int):
    message = get_object_or_404(OutboxMessage, pk=pk)
    run_service(
        request,
        services.retry_message,
        message_id=message.pk,
        by=request.user,
        success=_("The message is queued to be sent again."),
    )
    return redirect("notifications:outbox")
