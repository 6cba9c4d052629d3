"""The API's throttle, over core.throttle (the site's one counter): anonymous clients per
address (SMARTCITY_THROTTLES["api"]), partner agencies per token ("api_partner"). A
refused request gets 429, Retry-After and a JSON message in the reader's language
(views.base.ApiView.throttled)."""

from rest_framework.throttling import BaseThrottle

from smartcity.api.access import is_partner
from smartcity.core import throttle
from smartcity.core.http import client_ip


class ApiThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        if is_partner(request):
            self.retry_after = throttle.hit("api_partner", f"token:{request.auth.pk}")
        else:
            self.retry_after = throttle.hit("api", client_ip(request))
        return not self.retry_after

    def wait(self) -> int:
        return self.retry_after
