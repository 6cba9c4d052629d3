from django.contrib import admin
from django.urls import include, path

from smartcity.core import csp as core_csp
from smartcity.core import health

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("csp-report", core_csp.csp_report, name="csp_report"),
    path("accounts/", include("smartcity.accounts.urls")),
    path("", include("smartcity.core.urls")),
    path("", include("smartcity.notifications.urls")),
    path("", include("smartcity.proposals.urls")),
    path("", include("smartcity.reviews.urls")),
    path("", include("smartcity.committee.urls")),
    path("", include("smartcity.certification.urls")),
    path("", include("smartcity.registry.urls")),
    path("", include("smartcity.dashboard.urls")),
    path("", include("smartcity.api.catalog.urls")),
]
