"""Writes for the reviewer pool: inviting an expert to review."""

import datetime as dt
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from smartcity.accounts.models import User
from smartcity.accounts.services import normalise_email
from smartcity.core import audit
from smartcity.core.enums import Domain
from smartcity.core.mail import after_commit, send_localised_mail
from smartcity.reviews.models import Reviewer
from smartcity.reviews.services import EvaluationError

POOL_FIELDS = ["organisation_name", "province", "expertise", "max_load", "is_active"]
MAX_LOAD = 50


@transaction.atomic
def invite_reviewer(
    *,
    email: str,
    full_name: str,
    organisation_name: str,
    province,
    expertise: list[str],
    max_load: int,
    by,
    site_url: str,
) -> Reviewer:
    """Put a person in the reviewer pool and invite them to set their password.

    The person is found by email in any letter case, or created with an unusable password
    (they choose one from the email). Inviting someone already in the pool updates their
    details, makes them active again and sends a fresh link: it is how a lost or expired
    invitation is replaced. `site_url` is where the emailed link points.

    Side effects, in order: the User (created or reused); the Reviewer (created or
    updated); an audit row `reviews.reviewer.invited`; after the commit, the email in the
    person's language with a single-use link to set a password (Django's password-reset
    token)."""
    email = normalise_email(email)
    full_name = " ".join((full_name or "").split())
    if not email:
        raise EvaluationError(_("Give the reviewer's email address."))
    unknown = sorted(set(expertise) - set(Domain.values))
    if unknown:
        raise EvaluationError(
            _("Unknown domains of expertise: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if not 1 <= int(max_load) <= MAX_LOAD:
        raise EvaluationError(
            _("A reviewer takes between 1 and %(n)s proposals at once.") % {"n": MAX_LOAD}
        )
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    user_created = user is None
    if user_created:
        if not full_name:
            raise EvaluationError(_("Give the reviewer's full name."))
        user = User.objects.create_user(email=email, password=None, full_name=full_name)
    elif full_name and not user.full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    values = {
        "organisation_name": " ".join((organisation_name or "").split()),
        "province": province,
        "expertise": [code for code in Domain.values if code in set(expertise)],
        "max_load": int(max_load),
        "is_active": True,
    }
    reviewer = Reviewer.objects.filter(user=user).first()
    before = audit.snapshot(reviewer, POOL_FIELDS) if reviewer else None
    if reviewer is None:
        reviewer = Reviewer.objects.create(user=user, **values)
    else:
        for name, value in values.items():
            setattr(reviewer, name, value)
        reviewer.save(update_fields=[*POOL_FIELDS, "updated_at"])
    audit.record(
        action="reviews.reviewer.invited",
        by=by,
        target=reviewer,
        before=before,
        after={
            "email": user.email,
            "user_created": user_created,
            **audit.snapshot(reviewer, POOL_FIELDS),
        },
    )
    after_commit(send_invitation, reviewer.pk, site_url=site_url, event="reviews.reviewer.invited")
    return reviewer


def send_invitation(reviewer_id: int, *, site_url: str) -> None:
    """Email the invitation, in the person's language. The token is made now, after the
    commit, from the stored password: it stops working once they set one or sign in. A
    failure is logged, not raised: the reviewer is in the pool and can be invited again."""
    reviewer = Reviewer.objects.select_related("user").get(pk=reviewer_id)
    user = reviewer.user
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "reviewer": reviewer,
        "expertise_labels": [Domain(code).label for code in reviewer.expertise],
        "has_password": user.has_usable_password(),
        "url": urljoin(site_url, path),
        "login_url": urljoin(site_url, reverse("accounts:login")),
        "valid_until": timezone.localdate(
            timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        ),
    }
    send_localised_mail(
        event="reviews.reviewer.invited",
        to=user,
        subject_template="reviews/email/reviewer_invitation_subject.txt",
        body_template="reviews/email/reviewer_invitation.txt",
        context=context,
    )
