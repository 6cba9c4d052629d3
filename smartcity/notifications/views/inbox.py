"""A person's inbox: their notifications, newest first; mark one or all read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.core.views import run_service
from smartcity.notifications import selectors, services
from smartcity.notifications.models import Notification

PAGE_SIZE = 25


@require_safe
@login_required
def inbox(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
@login_required
def mark_read(request, pk: int):
    # Someone else's notification is not found: nobody learns that it exists.
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    run_service(request, services.mark_read, notification=notification, by=request.user)
    # Opening a notification marks it read and follows its link, on this site only.
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.link or "notifications:inbox")
    return redirect("notifications:inbox")


@require_POST
@login_required
def mark_all_read(request):
    run_service(
        request,
        services.mark_all_read,
        by=request.user,
        success=lambda n: _("%(n)s notification(s) marked as read.") % {"n": n},
    )
    return redirect("notifications:inbox")
