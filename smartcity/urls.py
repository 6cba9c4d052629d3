from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from smartcity.core import csp as core_csp
from smartcity.core import health

urlpatterns = [
    # The public registry first: its pages are the most requested, and a path is tried
    # against each pattern in turn (the home page was the 95th of them). No other app
    # has a path under the registry's prefixes (areas/, provinces/, map/, announcements/).
    path("", include("smartcity.registry.urls")),
    # The language switch sits on every page, the public ones included, and takes no CSRF
    # token: a kept public page then holds nobody's token (core.public_cache). A forged
    # switch can only change the reader's language; `next` is checked as Django does.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("csp-report", core_csp.csp_report, name="csp_report"),
    path("accounts/", include("smartcity.accounts.urls")),
    path("api/v1/", include("smartcity.api.urls")),
    path("", include("smartcity.core.urls")),
    path("", include("smartcity.notifications.urls")),
    path("", include("smartcity.proposals.urls")),
    path("", include("smartcity.reviews.urls")),
    path("", include("smartcity.committee.urls")),
    path("", include("smartcity.certification.urls")),
    path("", include("smartcity.dashboard.urls")),
    path("", include("smartcity.api.catalog.urls")),
    path("", include("smartcity.api.tokens.urls")),
]
