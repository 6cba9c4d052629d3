"""Two-factor sign-in (django-otp): a TOTP device (an authenticator app) with one-time
recovery codes (django-otp's static device).

Who must use it: the roles registered with `require_for()` (programme staff and admins
here; committee members, registered by `committee` at start-up), when
settings.SMARTCITY_REQUIRE_2FA is on. Anyone else may turn it on, and then it is asked of
them too. `accounts.middleware.TwoFactorMiddleware` sends a person who must verify and has
not yet done so in this session to the verify page (or to enrolment, the first time).

Each write below records an audit row; codes and secrets never enter the log.
"""

import math
from base64 import b32encode
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from smartcity.accounts.models import User
from smartcity.core import audit

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
# The session remembers whether this person must verify (decided at sign-in), so pages do
# not ask the database on every request. Flags on the user row are re-read every time.
SESSION_KEY = "smartcity_two_factor_required"

WRONG_CODE = _("That code is not right. Check the time on your phone and try the newest code.")
REQUIRED_BY_ROLE = _(
    "Your role requires two-factor sign-in, so it cannot be turned off. An administrator "
    "can reset it if you lose your phone."
)

_REQUIRED_ROLES: list[Callable[[User], bool]] = []


def require_for(predicate: Callable[[User], bool]) -> Callable[[User], bool]:
    """Register a role whose holders must use two-factor sign-in (`predicate(user)`)."""
    _REQUIRED_ROLES.append(predicate)
    return predicate


def _is_staff(user: User) -> bool:
    return bool(user.is_secretariat or user.is_staff or user.is_superuser)


require_for(_is_staff)


def required_by_role(user: User) -> bool:
    if not settings.SMARTCITY_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    return any(predicate(user) for predicate in _REQUIRED_ROLES)


def authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_enabled_for(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(user: User) -> bool:
    """This person must give a code after their password: their role asks it, or they
    turned it on themselves."""
    return required_by_role(user) or is_enabled_for(user)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_of(device: TOTPDevice) -> str:
    """The device's key as people type it into an authenticator app (base32, in fours)."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def pending_authenticator(user: User) -> TOTPDevice:
    """The not-yet-confirmed device being enrolled (made on the first visit, kept until
    confirmed so the QR code does not change on a reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code it shows, replacing any earlier one,
    and issue fresh recovery codes (returned once, never stored readable elsewhere).

    Refused (ValidationError) when the code is wrong. Side effects: audit row
    `accounts.two_factor.enabled`."""
    with transaction.atomic():
        # Two tabs confirming at once: the second waits here and finds no pending device.
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        # A wrong code leaves the block normally, so its throttle count is committed.
        accepted = device is not None and device.verify_token(_digits(code))
        if accepted:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_recovery_codes(user)
            audit.record(action="accounts.two_factor.enabled", by=user, target=user)
    if not accepted:
        raise ValidationError(WRONG_CODE, code="wrong_code")
    return device, codes


def _digits(code: str) -> str:
    return "".join((code or "").split())


def verify(*, user: User, code: str):
    """The device that accepts `code` (a six-digit code from the app, or an unused
    recovery code, which is then spent), or None. Side effects: audit row
    `accounts.two_factor.verified` (with `recovery_code_used`) or
    `accounts.two_factor.verification_failed`."""
    code = _digits(code).lower()
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        # The same code sent twice at once: the second waits here, then finds it used.
        device = (
            model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is not None and not device.verify_token(code):
            device = None
        if device is None:
            audit.record(action="accounts.two_factor.verification_failed", by=user, target=user)
        else:
            audit.record(
                action="accounts.two_factor.verified",
                by=user,
                target=user,
                after={"recovery_code_used": model is StaticDevice},
            )
    return device


def wait_seconds(user: User) -> int:
    """After wrong codes django-otp makes the person wait (1 s, 2 s, 4 s, ...): the
    seconds left, or 0 when a code may be tried."""
    device = authenticator_of(user)
    if device is None:
        return 0
    allowed, details = device.verify_is_allowed()
    if allowed:
        return 0
    locked_until = (details or {}).get("locked_until")
    if locked_until is None:
        return 1
    return max(1, math.ceil((locked_until - timezone.now()).total_seconds()))


@transaction.atomic
def regenerate_recovery_codes(*, user: User, by: User) -> list[str]:
    """New recovery codes; the old ones stop working. Side effects: audit row
    `accounts.two_factor.recovery_codes_regenerated`."""
    codes = _new_recovery_codes(user)
    audit.record(action="accounts.two_factor.recovery_codes_regenerated", by=by, target=user)
    return codes


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def disable(*, user: User, by: User) -> None:
    """Turn two-factor sign-in off, for someone whose role does not require it. Side
    effects: audit row `accounts.two_factor.disabled`."""
    if required_by_role(user):
        raise ValidationError(REQUIRED_BY_ROLE, code="required_by_role")
    _remove_devices(user)
    audit.record(action="accounts.two_factor.disabled", by=by, target=user)


@transaction.atomic
def reset(*, user: User, by: User) -> None:
    """An administrator removes a person's devices (a lost phone): they enrol again at
    their next sign-in if their role requires it. Side effects: audit row
    `accounts.two_factor.reset`."""
    _remove_devices(user)
    audit.record(action="accounts.two_factor.reset", by=by, target=user)


def must_verify_in(request) -> bool:
    """`must_verify()` for the person signed in on `request`, remembered in the session
    from sign-in (the flags on the user row are still read on every request)."""
    user = request.user
    if settings.SMARTCITY_REQUIRE_2FA and _is_staff(user):
        return True
    remembered = request.session.get(SESSION_KEY)
    if remembered is None:
        remembered = must_verify(user)
        request.session[SESSION_KEY] = remembered
    return remembered


def remember_at_sign_in(request, user: User) -> None:
    request.session[SESSION_KEY] = must_verify(user)


def forget(request) -> None:
    """After enrolling or turning it off: decide again on the next request."""
    request.session.pop(SESSION_KEY, None)
