"""Writes for the reviewer pool: inviting an expert to review, editing their details."""

import datetime as dt
from types import SimpleNamespace
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from smartcity.accounts.models import User
from smartcity.accounts.services import normalise_email
from smartcity.core import audit
from smartcity.core.enums import Domain
from smartcity.core.i18n import localised
from smartcity.notifications.services import after_commit, notify
from smartcity.reviews.enums import DossierStatus, PhaseStatus
from smartcity.reviews.models import Assignment, Dossier, Reviewer
from smartcity.reviews.services.conflicts import detect_conflicts
from smartcity.reviews.services.errors import EvaluationError

POOL_FIELDS = ["organisation_name", "province", "expertise", "max_load", "is_active"]
MAX_LOAD = 50
DETAIL_FIELDS = ["organisation_name", "province", "expertise", "max_load"]


def _clean_details(*, organisation_name: str, expertise: list[str], max_load: int) -> dict:
    unknown = sorted(set(expertise) - set(Domain.values))
    if unknown:
        raise EvaluationError(
            _("Unknown domains of expertise: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if not 1 <= int(max_load) <= MAX_LOAD:
        raise EvaluationError(
            _("A reviewer takes between 1 and %(n)s proposals at once.") % {"n": MAX_LOAD}
        )
    return {
        "organisation_name": " ".join((organisation_name or "").split()),
        "expertise": [code for code in Domain.values if code in set(expertise)],
        "max_load": int(max_load),
    }


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
    details = _clean_details(
        organisation_name=organisation_name, expertise=expertise, max_load=max_load
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
    values = {**details, "province": province, "is_active": True}
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


@transaction.atomic
def update_reviewer(
    *,
    reviewer: Reviewer,
    organisation_name: str,
    province,
    expertise: list[str],
    max_load: int,
    by,
) -> Reviewer:
    """Change a pool member's organisation, province, domains of expertise and cap.

    The cap may not fall below what the reviewer already carries in a phase that is not
    closed (the cap counts per phase, as assign_reviewer() does): the secretariat removes
    an assignment first. Side effects, in order: the reviewer's row locked (an assignment
    being made at the same moment must not slip under the old cap); the fields changed;
    an audit row `reviews.reviewer.updated` with what changed, none if nothing did; when
    the organisation or the province changed, conflicts detected against every dossier
    in evaluation (a conflict found earlier stays until it is dismissed)."""
    values = {
        **_clean_details(
            organisation_name=organisation_name, expertise=expertise, max_load=max_load
        ),
        "province": province,
    }
    current = Reviewer.objects.select_for_update().select_related("user").get(pk=reviewer.pk)
    busiest = (
        Assignment.objects.filter(reviewer=current)
        .filter(phase__status__in=PhaseStatus.not_closed())
        .values("phase__name_th", "phase__name_en")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest and values["max_load"] < busiest["n"]:
        phase = SimpleNamespace(
            name_th=busiest["phase__name_th"], name_en=busiest["phase__name_en"]
        )
        raise EvaluationError(
            _(
                "%(reviewer)s already reviews %(n)s proposals in “%(phase)s”: the limit cannot be lower than that. Remove an assignment first."
            )
            % {
                "reviewer": current,
                "n": busiest["n"],
                "phase": localised(phase, "name"),
            }
        )
    before = audit.snapshot(current, DETAIL_FIELDS)
    for name, value in values.items():
        setattr(current, name, value)
    after = audit.snapshot(current, DETAIL_FIELDS)
    changed = [name for name in DETAIL_FIELDS if before[name] != after[name]]
    if not changed:
        return current
    current.save(update_fields=[*changed, "updated_at"])
    audit.record(
        action="reviews.reviewer.updated",
        by=by,
        target=current,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    if {"organisation_name", "province"} & set(changed):
        for dossier in Dossier.objects.filter(status=DossierStatus.IN_EVALUATION).select_related(
            "organisation"
        ):
            detect_conflicts(dossier=dossier, reviewers=[current], by=by)
    return current


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
    # In the inbox too, once they sign in; its link is their assignments.
    notify("reviews.reviewer.invited", [user], context=context, link=reverse("reviews:assignments"))
