"""Partner tokens, issued as the secretariat issues them, and rows of their log."""

import datetime as dt

from django.utils import timezone

from smartcity.api.models import ApiTokenRequest
from smartcity.api.tokens.services import issue_token, log_token_request
from tests.accounts.factories import UserFactory


def issued(
    *, by=None, agency="สำนักงานคณะกรรมการส่งเสริมการลงทุน", label="อ่านประวัติใบรับรอง", expires_on=None
):
    """(token, secret): a token issued through the service, by a secretariat officer."""
    return issue_token(
        agency=agency,
        label=label,
        expires_on=expires_on,
        by=by or UserFactory(is_secretariat=True),
    )


def logged(token, n: int = 1, *, days_ago: int = 0, status: int = 200) -> list[ApiTokenRequest]:
    """`n` requests made with `token`, `days_ago` days ago."""
    rows = [
        log_token_request(
            token=token,
            method="GET",
            path=f"/api/v1/areas/?page={i + 1}",
            status=status,
            ip="203.0.113.7",
            duration_ms=12,
        )
        for i in range(n)
    ]
    if days_ago:
        ApiTokenRequest.objects.filter(pk__in=[r.pk for r in rows]).update(
            at=timezone.now() - dt.timedelta(days=days_ago)
        )
    return rows
