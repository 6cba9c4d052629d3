"""Signing up, in and out, and resetting a forgotten password."""

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
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
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
