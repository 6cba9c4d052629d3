"""The refusal every certificate action raises."""

from smartcity.core.errors import ActionRefused


class CertificationError(ActionRefused):
    """A certificate action that cannot be done; the message is for the person acting."""
