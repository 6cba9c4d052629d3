from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "smartcity.proposals"
    label = "proposals"
    verbose_name = _("Proposals and screening")

    def ready(self) -> None:
        from smartcity.core.text import register_searchable
        from smartcity.proposals import evaluation
        from smartcity.proposals.models import Proposal
        from smartcity.proposals.services.drafting import refresh_search_document

        evaluation.register()
        register_searchable(Proposal, refresh=refresh_search_document, related=("organisation",))
