"""Signing up, in and out, and resetting a forgotten password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from smartcity.accounts.forms import (
    EmailAuthenticationForm,
    PasswordResetForm,
    ProponentSignUpForm,
    SetPasswordForm,
    SignUpForm,
)
from smartcity.accounts.selectors import pending_invitation
from smartcity.accounts.views.language import remember_language
from smartcity.core import throttle
from smartcity.core.http import client_ip

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Django's form views also answer PUT as if it were POST; ours answer only what they show.
FORM_METHODS = ["get", "head", "post", "options"]


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    """A new proponent registers with their organisation; someone following an invitation
    registers only themselves and then accepts it."""
    if request.user.is_authenticated:
        return redirect("accounts:me")
    invitation = pending_invitation(request.GET.get("invitation", ""))
    form_class = SignUpForm if invitation else ProponentSignUpForm
    initial = {"preferred_language": (get_language() or "th")[:2]}
    if invitation:
        initial["email"] = invitation.email
    if request.method == "POST":
        retry_after = throttle.hit("signup_ip", client_ip(request))
        if retry_after:
            return throttle.too_many_requests(request, retry_after)
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save(site_url=request.build_absolute_uri("/"))
        if form.email_taken:
            return render(request, "accounts/signup_check_email.html")
        if saved is not None:
            if invitation:
                user, next_url = saved, reverse("accounts:invitation", args=[invitation.token])
            else:
                user, next_url = saved.user, saved.organisation.get_absolute_url()
            login(request, user, backend=MODEL_BACKEND)
            with translation.override(user.preferred_language):
                messages.success(request, _("Welcome! Your account is ready."))
            return remember_language(redirect(next_url), user.preferred_language)
    return render(request, "accounts/signup.html", {"form": form, "invitation": invitation})


def attempted_username(request, credentials) -> str | None:
    """The address a sign-in tried, as accounts stores it (lower case), so that changing
    letter case does not earn an attacker fresh attempts."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if username else None


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers once a username is locked for this address: the sign-in
    page, saying so and for how long, in the reader's language (429)."""
    form = EmailAuthenticationForm(
        request, initial={"username": attempted_username(request, credentials) or ""}
    )
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": True, "cooloff_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True
    http_method_names = FORM_METHODS

    def form_valid(self, form):
        response = super().form_valid(form)
        return remember_language(response, form.get_user().preferred_language)


login_view = LoginView.as_view()
logout_view = auth_views.LogoutView.as_view(next_page="registry:home")
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    http_method_names=FORM_METHODS,
    subject_template_name="accounts/emails/password_reset_subject.txt",
    email_template_name="accounts/emails/password_reset_body.txt",
    form_class=PasswordResetForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    http_method_names=FORM_METHODS,
    form_class=SetPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
