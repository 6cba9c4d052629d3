"""Who reads the API. A partner agency authenticates with a token (smartcity.api.tokens:
its authentication class sets `request.auth` to the token); everyone else is anonymous.
The throttle and the certificate endpoint ask this one question, never `request.auth`
themselves."""


def is_partner(request) -> bool:
    """The request carries a valid partner token."""
    return getattr(request, "auth", None) is not None
