"""What the committee pages share: the secretariat's gate and message helpers."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from smartcity.committee.models import Meeting
from smartcity.core.i18n import localised


def secretariat_only(view):
    """Signed in (else the sign-in page) and allowed to manage meetings (else 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("committee.manage_meetings"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def form_errors(request, form) -> None:
    """Every error of a refused form as a message (the forms of the working page post
    and come back to it)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def reference(meeting: Meeting) -> str:
    """ "Sub-committee meeting 1/2565" in the reader's language."""
    return _("%(committee)s, meeting %(ref)s") % {
        "committee": localised(meeting.committee, "name"),
        "ref": meeting.reference,
    }
