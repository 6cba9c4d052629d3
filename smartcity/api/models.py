"""The API's own rows: partner agencies' tokens and the log of the requests made with them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A key an agency's system sends with its API requests. Only the SHA-256 of the secret
    is kept: the secret is shown once, when the token is issued, and never again.

    The agency is a name, not an accounts.Organisation: organisations are proponents (they
    propose areas and hold the logo), and a partner such as the BOI is neither."""

    agency = models.CharField(_("agency"), max_length=300)
    label = models.CharField(_("purpose"), max_length=300)
    # The secret's first characters, so a person can tell two tokens apart in a list and
    # match a token to the secret an agency holds; too short to guess the rest from.
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    # The last day the token works (Bangkok time); none: until revoked.
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="api_token_revoked_with_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.label} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and today > self.expires_on

    def is_usable(self, today=None) -> bool:
        return not self.is_revoked and not self.is_expired(today)


class ApiTokenRequest(models.Model):
    """One request made with a token: what was asked, the answer's status, from where and
    how long it took. Pruned after settings.SMARTCITY["API_TOKEN_LOG_DAYS"] days."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("token"), on_delete=models.PROTECT, related_name="requests"
    )
    at = models.DateTimeField(_("requested at"), default=timezone.now)
    method = models.CharField(_("method"), max_length=10)
    # The path with its query string: an API query names collections and filters, and the
    # secret travels only in the Authorization header.
    path = models.CharField(_("path"), max_length=1000)
    status = models.PositiveSmallIntegerField(_("status"))
    ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))

    class Meta:
        verbose_name = _("API token request")
        verbose_name_plural = _("API token requests")
        ordering = ["-at", "-pk"]
        indexes = [
            # A token's page lists its requests newest first, and the token list counts
            # each token's requests of the last 30 days.
            models.Index(fields=["token", "-at"], name="api_tokenrequest_token_at"),
            # The retention job deletes by age alone.
            models.Index(fields=["at"], name="api_tokenrequest_at"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
