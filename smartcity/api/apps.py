from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "smartcity.api"
    label = "api"
    verbose_name = _("Open data API")

    def ready(self):
        from smartcity.api.tokens import schema  # noqa: F401 (registers the token's scheme)
