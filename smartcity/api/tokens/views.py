"""The secretariat's partner tokens: the list with the issue form, one token with its
request log and the revoke form. A new token's secret is shown once, on the token's page
right after it was issued (Post/Redirect/Get: the secret waits in the session and is
taken out by the first page that shows it; reloading shows it no more)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.api.tokens import (
    rules,  # noqa: F401 (registers api.manage_tokens)
    selectors,
    services,
)
from smartcity.api.tokens.forms import IssueTokenForm, RevokeTokenForm
from smartcity.core.views import flash_form_errors, gate, refusal_as_message

LIST_PAGE_SIZE = 50
LOG_PAGE_SIZE = 50
# The session key under which a just-issued secret waits for its one showing.
JUST_ISSUED = "api_tokens_new_secret"

secretariat_only = gate("api.manage_tokens")


def _list_page(request, form, *, status=200):
    page = Paginator(selectors.tokens(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "api/tokens/list.html", {"page": page, "form": form}, status=status)


@require_safe
@secretariat_only
def token_list(request):
    return _list_page(request, IssueTokenForm())


@require_POST
@secretariat_only
def issue(request):
    form = IssueTokenForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    with refusal_as_message(request) as attempt:
        token, secret = services.issue_token(
            agency=form.cleaned_data["agency"],
            label=form.cleaned_data["label"],
            expires_on=form.cleaned_data["expires_on"],
            by=request.user,
        )
    if attempt.refused:
        return _list_page(request, form, status=400)
    request.session[JUST_ISSUED] = {"token": token.pk, "secret": secret}
    return redirect("api_tokens:detail", pk=token.pk)


def _new_secret(request, token) -> str | None:
    """The secret of `token` if it was issued just now and not shown yet; taken out of the
    session, so it is shown this once."""
    waiting = request.session.get(JUST_ISSUED)
    if not waiting or waiting.get("token") != token.pk:
        return None
    del request.session[JUST_ISSUED]
    return waiting["secret"]


@require_safe
@secretariat_only
def detail(request, pk: int):
    token = selectors.token_detail(pk)
    if token is None:
        raise Http404
    page = Paginator(selectors.token_requests(token), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "api/tokens/detail.html",
        {
            "token": token,
            "secret": _new_secret(request, token),
            "page": page,
            "revoke_form": None if token.is_revoked else RevokeTokenForm(),
        },
    )
    # The page may hold the secret: no browser or proxy keeps a copy.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@secretariat_only
def revoke(request, pk: int):
    token = selectors.token_detail(pk)
    if token is None:
        raise Http404
    form = RevokeTokenForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("api_tokens:detail", pk=token.pk)
    with refusal_as_message(request) as attempt:
        services.revoke_token(token=token, reason=form.cleaned_data["reason"], by=request.user)
    if attempt.succeeded:
        messages.success(request, _("The token is revoked: requests made with it are refused."))
    return redirect("api_tokens:detail", pk=token.pk)
