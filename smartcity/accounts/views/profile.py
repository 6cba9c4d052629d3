"""A person's own account page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from smartcity.accounts import selectors, two_factor
from smartcity.accounts.forms import ProfileForm
from smartcity.accounts.views.language import remember_language


def _render_me(request, form: ProfileForm):
    return render(
        request,
        "accounts/me.html",
        {
            "form": form,
            "memberships": selectors.memberships_of(request.user),
            "two_factor": {
                "enabled": two_factor.is_enabled_for(request.user),
                "required": two_factor.required_by_role(request.user),
                "codes_left": two_factor.recovery_codes_left(request.user),
            },
        },
    )


@require_safe
@login_required
def me(request):
    user = request.user
    form = ProfileForm(
        initial={"full_name": user.full_name, "preferred_language": user.preferred_language}
    )
    return _render_me(request, form)


@require_POST
@login_required
def update_profile(request):
    form = ProfileForm(request.POST)
    if form.is_valid() and form.save(user=request.user, by=request.user) is not None:
        # Said in the language just chosen, as every page from now on will be.
        with translation.override(request.user.preferred_language):
            messages.success(request, _("Your profile is saved."))
        return remember_language(redirect("accounts:me"), request.user.preferred_language)
    return _render_me(request, form)
