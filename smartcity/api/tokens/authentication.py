"""A partner's token on an API request: `Authorization: Token <secret>` (or `Bearer`)."""

import hmac

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from smartcity.api.tokens import selectors, services
from smartcity.core.dates import format_date

SCHEMES = {"token", "bearer"}
# What a 401 names in WWW-Authenticate: the scheme clients are told to use.
SCHEME = "Token"


class TokenAuthentication(authentication.BaseAuthentication):
    """Authenticates an agency's system, not a person: on success the request's user stays
    anonymous and `request.auth` is the ApiToken (a throttle or a permission asks that).

    No Authorization header, or another scheme: None (anonymous, the public API). A token
    that is unknown, revoked or past its last day: 401 with the reason in the reader's
    language. A revoked or expired token's refused request is still logged on it, so the
    secretariat sees an agency that goes on using it."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Token <secret>”, with no spaces in it.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        key_hash = services.hash_secret(secret)
        token = selectors.token_by_hash(key_hash)
        # The lookup is by the indexed hash; the comparison again in constant time keeps
        # the check independent of how the database compares strings.
        if token is None or not hmac.compare_digest(token.key_hash, key_hash):
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        # Logged from here on, refused or not (the middleware writes the row).
        request._request.api_token = token
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(
                _(
                    "This token was revoked on %(day)s. Ask the Smart City Thailand Office for a new one."
                )
                % {"day": format_date(token.revoked_at, get_language() or "th")}
            )
        if token.is_expired():
            raise exceptions.AuthenticationFailed(
                _(
                    "This token expired after %(day)s. Ask the Smart City Thailand Office for a new one."
                )
                % {"day": format_date(token.expires_on, get_language() or "th")}
            )
        services.mark_token_used(token=token, at=timezone.now())
        return AnonymousUser(), token

    def authenticate_header(self, request) -> str:
        return SCHEME
