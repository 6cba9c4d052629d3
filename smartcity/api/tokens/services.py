"""Issuing and revoking partner tokens, and recording their use."""

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartcity.api.models import ApiToken, ApiTokenRequest
from smartcity.core import audit
from smartcity.core.dates import format_date
from smartcity.core.errors import ActionRefused

# A used token's `last_used_at` moves at most this often: one write a minute, not one a
# request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
# The same officer issuing for the same agency and purpose within this time: a form sent
# twice, not a second token.
DOUBLE_SUBMISSION = dt.timedelta(minutes=2)


class TokenError(ActionRefused):
    """A token action the platform refuses, with the reason for the officer."""


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) under which a secret is stored and looked up."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_token(*, agency: str, label: str, expires_on: dt.date | None, by) -> tuple[ApiToken, str]:
    """A new token for `agency`; returns it with its secret. The secret is not stored (only
    its hash and its first 8 characters are): the caller shows it once and forgets it.

    Refused without an agency or a purpose, with a last day already past, or when the same
    officer issued a token for the same agency and purpose a moment ago (a form sent twice:
    the second secret would never be seen, the first never be used).
    Side effects: the officer's row locked (two submissions at once are told apart); the
    token row; an audit row `api.token.issued` (without the secret)."""
    agency, label = (agency or "").strip(), (label or "").strip()
    if not agency:
        raise TokenError(_("Name the agency the token is for."))
    if not label:
        raise TokenError(_("Say what the token is for."))
    if expires_on is not None and expires_on < timezone.localdate():
        raise TokenError(_("The last day of the token is already past."))
    # A double submission: both requests hold the same officer, so locking that row makes
    # the second one wait for the first and then see its token.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    just_issued = ApiToken.objects.filter(
        issued_by=by,
        agency=agency,
        label=label,
        revoked_at__isnull=True,
        issued_at__gte=timezone.now() - DOUBLE_SUBMISSION,
    )
    if just_issued.exists():
        raise TokenError(
            _(
                "You issued a token for this agency and purpose a moment ago: it is in the "
                "list below. Its secret was shown once, on the page that followed."
            )
        )
    # 32 random bytes: no guessing, and a collision of hashes is not a concern.
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        agency=agency,
        label=label,
        prefix=secret[:8],
        key_hash=hash_secret(secret),
        issued_by=by,
        expires_on=expires_on,
    )
    audit.record(
        action="api.token.issued",
        by=by,
        target=token,
        after={"agency": agency, "label": label, "prefix": token.prefix, "expires_on": expires_on},
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, reason: str, by) -> ApiToken:
    """Revoke `token` at once: the next request made with it is refused. A reason is
    required (the agency is told it by the secretariat); revoking twice is refused.

    Side effects: the row is locked and re-read, so that of two officers revoking at once
    the second is told the first did; revoked_at, revoked_by and the reason saved; an
    audit row `api.token.revoked`."""
    reason = (reason or "").strip()
    if not reason:
        raise TokenError(_("Give the reason for revoking the token."))
    # Two officers may revoke the same token at once: the lock makes the second one wait
    # and then see the first one's revocation.
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.is_revoked:
        raise TokenError(
            _("This token was already revoked on %(day)s.")
            % {"day": format_date(current.revoked_at, get_language() or "th")}
        )
    current.revoked_at = timezone.now()
    current.revoked_by = by
    current.revoke_reason = reason
    current.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    audit.record(
        action="api.token.revoked",
        by=by,
        target=current,
        before={"revoked_at": None},
        after={"revoked_at": current.revoked_at},
        note=reason,
    )
    token.revoked_at, token.revoked_by, token.revoke_reason = (
        current.revoked_at,
        current.revoked_by,
        current.revoke_reason,
    )
    return current


def mark_token_used(*, token: ApiToken, at: dt.datetime) -> None:
    """Move `last_used_at` to `at` unless it moved less than a minute ago. The condition is
    in the UPDATE, so concurrent requests write it once; no audit row (the request log is
    the record of use)."""
    if token.last_used_at is not None and at - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=at - LAST_USED_RESOLUTION).update(
        last_used_at=at
    )
    token.last_used_at = at


def log_token_request(
    *, token: ApiToken, method: str, path: str, status: int, ip: str | None, duration_ms: int
) -> ApiTokenRequest:
    """One row of the token's request log (no audit row: the log is the record)."""
    return ApiTokenRequest.objects.create(
        token=token,
        method=method[:10],
        path=path[:1000],
        status=status,
        ip=ip,
        duration_ms=max(0, duration_ms),
    )


def prune_token_log(*, older_than_days: int, now: dt.datetime | None = None) -> int:
    """Delete the request-log rows older than `older_than_days`; returns how many. The log
    is operational, not the audit trail (issuing and revoking are audited separately)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=older_than_days)
    deleted, _counts = ApiTokenRequest.objects.filter(at__lt=cutoff).delete()
    return deleted
