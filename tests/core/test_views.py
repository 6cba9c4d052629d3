"""The view helpers every app shares: the gate, refusal-as-message and the form-error
flattener."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import translation

from smartcity.core.errors import ActionRefused
from smartcity.core.views import (
    flash_form_errors,
    form_error_messages,
    gate,
    refusal_as_message,
    run_service,
)
from tests.accounts.factories import UserFactory


def _request(rf, user=None):
    request = rf.post("/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def shown(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


class Refused(ActionRefused):
    pass


def refuse(**_kwargs):
    raise Refused("Not now.")


def test_a_refusal_becomes_an_error_message_and_nothing_follows(rf):
    request = _request(rf)

    with refusal_as_message(request) as attempt:
        refuse()

    assert (attempt.refused, shown(request)) == (True, [("error", "Not now.")])


def test_a_bug_is_not_a_refusal_and_still_raises(rf):
    request = _request(rf)

    with pytest.raises(ZeroDivisionError), refusal_as_message(request):
        1 / 0  # noqa: B018


def test_run_service_returns_the_result_and_says_the_success(rf):
    request = _request(rf)

    result = run_service(request, lambda *, n: n + 1, n=1, success=lambda n: f"Now {n}.")

    assert (result, shown(request)) == (2, [("success", "Now 2.")])


def test_run_service_refused_says_why_and_not_the_success(rf):
    request = _request(rf)

    result = run_service(request, refuse, success="Done.")

    assert (result, shown(request)) == (None, [("error", "Not now.")])


def test_every_app_error_is_a_refusal():
    from smartcity.certification.services.errors import CertificationError
    from smartcity.committee.services.meetings import MeetingError
    from smartcity.geo.services import GeographyError
    from smartcity.proposals.services.errors import ProposalError
    from smartcity.reviews.services import EvaluationError

    errors = [CertificationError, MeetingError, GeographyError, ProposalError, EvaluationError]
    assert [issubclass(e, ActionRefused) for e in errors] == [True] * len(errors)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason")

    def clean(self):
        raise forms.ValidationError("The whole form is wrong.")


def test_form_errors_are_named_by_their_field(rf):
    form = ReasonForm({"reason": ""})
    request = _request(rf)

    with translation.override("en"):
        flash_form_errors(request, form, prefix="B1: ")
        lines = form_error_messages(form)

    assert lines == [
        "Reason: This field is required.",
        "The whole form is wrong.",
    ]
    assert shown(request) == [
        ("error", "B1: Reason: This field is required."),
        ("error", "B1: The whole form is wrong."),
    ]


@gate("committee.manage_meetings")
def secretariat_page(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_the_gate_sends_the_anonymous_to_sign_in_and_refuses_the_wrong_role(rf):
    anonymous = secretariat_page(_request(rf))
    assert anonymous.status_code == 302

    with pytest.raises(PermissionDenied):
        secretariat_page(_request(rf, UserFactory()))

    assert secretariat_page(_request(rf, UserFactory(is_secretariat=True))).content == b"ok"
