"""Emails from the accounts app, each written in its reader's language."""

import logging
from urllib.parse import urljoin

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from smartcity.accounts.models import Invitation, User

logger = logging.getLogger(__name__)

# Someone without an account has no preferred language yet: Thai first, English below.
UNKNOWN_READER_LANGUAGES = ("th", "en")


def render_in(language: str, template_name: str, context: dict) -> str:
    with translation.override(language):
        return render_to_string(template_name, context)


def send_invitation(invitation: Invitation, *, site_url: str) -> None:
    """Email the invitation link to the invitee. A failure is logged, not raised: the
    invitation already exists and its owner can revoke it and invite again."""
    language = (
        User.objects.filter(email__iexact=invitation.email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    languages = (language,) if language else UNKNOWN_READER_LANGUAGES
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "url": urljoin(site_url, reverse("accounts:invitation", args=[invitation.token])),
    }
    subject = " / ".join(
        " ".join(render_in(lang, "accounts/emails/invitation_subject.txt", context).split())
        for lang in languages
    )
    body = "\n\n――――――――――\n\n".join(
        render_in(lang, "accounts/emails/invitation_body.txt", context).strip()
        for lang in languages
    )
    try:
        send_mail(subject, body + "\n", None, [invitation.email])
    except Exception:
        logger.exception("Could not send invitation %s", invitation.pk)
