from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "smartcity.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from smartcity.certification import agenda, decision
        from smartcity.certification.models import CertifiedArea
        from smartcity.certification.services.issuing import refresh_search_document
        from smartcity.core.text import register_searchable

        # The sub-committee decides on proposals; the steering committee's agenda
        # acknowledges the sub-committee's approvals.
        decision.register()
        agenda.register()
        register_searchable(
            CertifiedArea, refresh=refresh_search_document, related=("province", "proponent")
        )
