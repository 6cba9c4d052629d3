from django import forms
from django.utils.translation import gettext_lazy as _

from smartcity.core.forms import BEDateField


class IssueTokenForm(forms.Form):
    agency = forms.CharField(
        label=_("Agency"),
        max_length=300,
        help_text=_(
            "The partner agency whose system will use the token, e.g. the Board of Investment."
        ),
    )
    label = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        help_text=_("What the agency reads with it, so that a later officer knows why it exists."),
    )
    expires_on = BEDateField(
        label=_("Valid until"),
        required=False,
        help_text=_(
            "The last day the token works. Leave empty for a token that works until it is revoked."
        ),
    )


class RevokeTokenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log; tell the agency yourself."),
    )
