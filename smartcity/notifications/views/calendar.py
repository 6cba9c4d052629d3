"""A person's calendar feed at a secret address, and its controls on their profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from smartcity.notifications import ical, services
from smartcity.notifications.models import CalendarFeed


@require_safe
def feed(request, token: str):
    """The feed needs no session (a calendar program fetches it): the token is the key.
    A revoked or regenerated token, or an inactive person's, answers 404."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    user = found.user
    language = user.preferred_language or "th"
    with translation.override(language):
        items = ical.items_for(user)
        text = ical.calendar_text(
            items, language=language, name=gettext_lazy("Smart City Thailand")
        )
    response = HttpResponse(text, content_type=f"{ical.ICS_MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="smartcity.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@login_required
def regenerate(request):
    services.regenerate_calendar_feed(by=request.user)
    messages.success(
        request, _("Your calendar address is ready. Any older address no longer works.")
    )
    return redirect("accounts:me")


@require_POST
@login_required
def revoke(request):
    if services.revoke_calendar_feed(by=request.user):
        messages.success(request, _("Your calendar address is turned off."))
    return redirect("accounts:me")
