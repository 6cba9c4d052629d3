"""Request plumbing that belongs to no app."""

from smartcity.core import audit
from smartcity.core.http import client_ip


class AuditAddressMiddleware:
    """Every audit row written while answering a request carries the client's address
    (core.http.client_ip), whichever service writes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit.request_address(client_ip(request)):
            return self.get_response(request)
