"""Reading partner tokens for the secretariat's pages."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from smartcity.api.models import ApiToken, ApiTokenRequest

# The token list counts each token's requests over this many days.
RECENT_DAYS = 30


def tokens(*, now: dt.datetime | None = None):
    """Every token, newest first, with `recent_requests` (the last 30 days) and the officer
    who issued it: one query whatever the number of tokens."""
    since = (now or timezone.now()) - dt.timedelta(days=RECENT_DAYS)
    return (
        ApiToken.objects.select_related("issued_by", "revoked_by")
        .annotate(recent_requests=Count("requests", filter=Q(requests__at__gte=since)))
        .order_by("-issued_at", "-pk")
    )


def token_detail(pk: int) -> ApiToken | None:
    return ApiToken.objects.select_related("issued_by", "revoked_by").filter(pk=pk).first()


def token_requests(token: ApiToken):
    """The token's request log, newest first (the index on token and time)."""
    return ApiTokenRequest.objects.filter(token=token).order_by("-at", "-pk")


def token_by_hash(key_hash: str) -> ApiToken | None:
    """The token stored under `key_hash`, whatever its state (the caller decides what a
    revoked or expired one means)."""
    return ApiToken.objects.filter(key_hash=key_hash).first()
