"""What the API tests share: reading a response (streamed or not) and a partner's token.

The partner tokens (smartcity.api.tokens) are written in another branch; until they are
merged, a partner is stood in for by PartnerHeader, an authentication class that gives
the request a token-shaped `auth` for the header `Authorization: Token partner-key`: what
the tokens' class does for a valid token, and all the API asks (api.access.is_partner)."""

import csv
import io
import json
from dataclasses import dataclass

from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

PARTNER_KEY = "partner-key"


@dataclass(frozen=True)
class StandInToken:
    pk: int
    key: str


class PartnerHeader(BaseAuthentication):
    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        if header != f"Token {PARTNER_KEY}":
            raise AuthenticationFailed("Invalid token.")
        return (None, StandInToken(pk=1, key=PARTNER_KEY))

    def authenticate_header(self, request):
        return "Token"


PARTNER_SETTINGS = {"DEFAULT_AUTHENTICATION_CLASSES": ["tests.api.helpers.PartnerHeader"]}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def as_json(response):
    return json.loads(body(response))


def csv_rows(response) -> list[dict]:
    text = body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
