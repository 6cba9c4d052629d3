"""Input for accounts. Each form's save() calls one service and turns its refusal into
errors on the form (save() then returns None)."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from smartcity.accounts import services, signals
from smartcity.accounts.enums import MembershipRole, OrganisationType
from smartcity.accounts.models import User
from smartcity.core import throttle
from smartcity.core.db import thai_sort_key
from smartcity.core.http import client_ip
from smartcity.core.i18n import localised
from smartcity.geo.models import Province


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Province) -> str:
        return localised(obj, "name")


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails reach you in this language."),
    )


class _ServiceForm(forms.Form):
    def _call(self, service, **kwargs):
        try:
            return service(**kwargs)
        except ValidationError as error:
            self.add_error(None, error)
            return None


class SignUpForm(auth_forms.SetPasswordMixin, _ServiceForm):
    """A person's account, for someone who joins an existing organisation by invitation.

    An address that already has an account is not reported on the form (that would tell
    anyone who has an account): save() returns None with no errors, sets `email_taken`,
    and the owner of the address is told by email."""

    email_taken = False

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields()
    preferred_language = _language_field()

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        person = User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or "")
        self.validate_password_for_user(person)
        return cleaned

    def _person(self) -> dict:
        return {
            "email": self.cleaned_data["email"],
            "password": self.cleaned_data["password1"],
            "full_name": self.cleaned_data["full_name"],
            "preferred_language": self.cleaned_data["preferred_language"],
        }

    def _call(self, service, **kwargs):
        try:
            return service(**kwargs)
        except services.EmailTaken:
            self.email_taken = True
            services.report_signup_with_taken_email(
                email=self.cleaned_data["email"], site_url=self.site_url
            )
            return None
        except ValidationError as error:
            self.add_error(None, error)
            return None

    def save(self, *, site_url: str) -> User | None:
        self.site_url = site_url
        return self._call(services.register_user, **self._person())


class ProponentSignUpForm(SignUpForm):
    """A person's account together with the new proponent organisation they will own."""

    organisation_name_th = forms.CharField(label=_("Organisation name (Thai)"), max_length=300)
    organisation_name_en = forms.CharField(
        label=_("Organisation name (English)"), max_length=300, required=False
    )
    organisation_type = forms.ChoiceField(
        label=_("Kind of organisation"), choices=[("", "—"), *OrganisationType.choices]
    )
    province = ProvinceChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("Nationwide (no single province)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A list in the reader's alphabetical order; the queryset still validates the choice.
        thai = (translation.get_language() or "th").startswith("th")
        provinces = sorted(
            Province.objects.all(),
            key=lambda p: thai_sort_key(p.name_th) if thai else p.name_en.casefold(),
        )
        field = self.fields["province"]
        field.choices = [("", field.empty_label)] + [
            (p.pk, field.label_from_instance(p)) for p in provinces
        ]

    def save(self, *, site_url: str):
        self.site_url = site_url
        return self._call(
            services.register_proponent,
            **self._person(),
            organisation_name_th=self.cleaned_data["organisation_name_th"],
            organisation_name_en=self.cleaned_data["organisation_name_en"],
            organisation_type=self.cleaned_data["organisation_type"],
            province=self.cleaned_data["province"],
        )


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Sends each reset email through the platform's sender, in its recipient's language,
    unless the address or the client asked too often (the page answers the same either
    way, so nobody learns whether an address has an account)."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = client_ip(request) if request is not None else None
        over_address = throttle.hit("password_reset_ip", address or "unknown")
        over_email = throttle.hit("password_reset_email", email)
        if over_address or over_email:
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        context["valid_until"] = timezone.localdate(
            timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        )
        # The email itself is the notifications app's (it sits above accounts).
        signals.password_reset_requested.send(
            sender=type(self), user=context["user"], context=context
        )


class SetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit=True):
        return services.reset_password(
            user=self.user, password=self.cleaned_data["new_password1"], by=self.user
        )


class ProfileForm(_ServiceForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = _language_field()

    def save(self, *, user: User, by: User) -> User | None:
        return self._call(services.update_profile, user=user, by=by, **self.cleaned_data)


class InvitationForm(_ServiceForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.VIEWER
    )

    def save(self, *, organisation, by: User, site_url: str):
        return self._call(
            services.invite_member,
            organisation=organisation,
            by=by,
            site_url=site_url,
            **self.cleaned_data,
        )


class RoleForm(_ServiceForm):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)

    def save(self, *, membership, by: User):
        return self._call(
            services.change_member_role,
            membership=membership,
            role=self.cleaned_data["role"],
            by=by,
        )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("After adding the account to the app, type the six digits it shows."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
