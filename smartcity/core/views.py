from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from smartcity.core.errors import ActionRefused

# View helpers shared by every app ------------------------------------------------------------


def gate(permission: str):
    """A view for people holding `permission` (a rule with no object, e.g. the app's
    "manage" rule that asks `accounts.rules.is_secretariat`): signed in, else the sign-in
    page; allowed, else 403. The one secretariat gate: each app names its own rule."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def form_error_messages(form) -> list[str]:
    """Every error of a refused form as one line each, named by its field's label
    ("Reason: This field is required."); errors of the whole form stand alone."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return lines


def flash_form_errors(request, form, *, prefix: str = "") -> None:
    """`form_error_messages()` as error messages, for forms that post and come back to
    their page; `prefix` names what the form was about ("B1: ...")."""
    for line in form_error_messages(form):
        messages.error(request, f"{prefix}{line}")


def refusal_as_message(request, *, prefix: str = "") -> "Attempt":
    """Runs a service call and shows a refusal (`ActionRefused`, which every app's errors
    derive from) as an error message instead of raising it:

        with refusal_as_message(request) as attempt:
            item = services.add_item(meeting=meeting, by=request.user)
        if attempt.succeeded:
            messages.success(request, ...)

    Anything that is not a refusal (a bug) still raises."""
    return Attempt(request, prefix=prefix)


class Attempt:
    """A service call under way (see `refusal_as_message`); after the block, whether it
    was refused and with what error."""

    def __init__(self, request, *, prefix: str = ""):
        self.request = request
        self.prefix = prefix
        self.error: ActionRefused | None = None

    @property
    def succeeded(self) -> bool:
        return self.error is None

    @property
    def refused(self) -> bool:
        return self.error is not None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, error, traceback) -> bool:
        if error is None or not isinstance(error, ActionRefused):
            return False
        self.error = error
        messages.error(self.request, f"{self.prefix}{error}")
        return True


def run_service(request, service, /, *, success=None, **arguments):
    """`service(**arguments)` with a refusal shown as an error message; on success, the
    `success` message (a string, or a function of the service's result) is shown.
    Returns the service's result, or None when it was refused."""
    with refusal_as_message(request) as attempt:
        result = service(**arguments)
    if attempt.refused:
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return result
