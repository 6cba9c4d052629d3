from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "smartcity.proposals"
    label = "proposals"
    verbose_name = _("Proposals and screening")

    def ready(self) -> None:
        from smartcity.proposals import evaluation

        evaluation.register()
