from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "smartcity.committee"
    label = "committee"
    verbose_name = _("Committees and meetings")

    def ready(self):
        from smartcity.accounts import two_factor
        from smartcity.committee.rules import is_committee_member

        # Members read unreleased scores and resolutions: a second factor at sign-in.
        two_factor.require_for(is_committee_member)
