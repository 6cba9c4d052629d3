"""The reply to an autosave (htmx posts a form a moment after a person stops typing).

Shared by every page that saves as people type: the proposal's sections and the
reviewer's score sheet. The page keeps unsaved text in the browser (static/js/autosave.js)
until a reply says `saved`."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _


def autosave_reply(
    request, *, saved: bool, message: str = "", revision: int | None = None
) -> HttpResponse:
    """The status fragment; with a new revision, also the page's hidden revision input."""
    html = render_to_string(
        "core/_autosave_status.html",
        {"saved": saved, "message": message, "revision": revision, "now": timezone.localtime()},
        request=request,
    )
    return HttpResponse(html)


def session_expired_reply(request) -> HttpResponse:
    """An autosave after the session expired: nothing is saved, and the person is told that
    the text is safe on the page. A redirect to the login page would be swapped into the
    status line instead."""
    return autosave_reply(
        request,
        saved=False,
        message=_(
            "Your session has expired. Sign in again in another tab: your text is kept on this page and will be saved."
        ),
    )


_CONFIRMED = "autosave_confirmed"


def confirm_saved(request, key: str) -> None:
    """Tell the next page that the server saved the form kept in the browser under `key`
    (a full submit, which autosave.js cannot see answered), so that it forgets its copy
    instead of offering to restore text that was saved."""
    request.session[_CONFIRMED] = key


def pop_confirmed(request) -> str:
    """The key confirm_saved() left for this page, once; "" when there is none."""
    return request.session.pop(_CONFIRMED, "") if _CONFIRMED in request.session else ""
