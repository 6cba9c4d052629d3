"""The request log of partner tokens: one row per request made with a token."""

import logging
import time

from django.db import DatabaseError, transaction

from smartcity.api.tokens import services
from smartcity.core.http import client_ip

logger = logging.getLogger(__name__)


class ApiTokenLogMiddleware:
    """After the response, a request that carried a token (`request.api_token`, set by
    TokenAuthentication) gets its row: method, path with query string, status, client
    address and duration (until the response began; a streamed body may take longer).
    The log must never cost the partner its answer: a database error is logged and the
    response goes out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            try:
                # A savepoint of its own: a failed insert leaves no broken transaction.
                with transaction.atomic():
                    services.log_token_request(
                        token=token,
                        method=request.method,
                        path=request.get_full_path(),
                        status=response.status_code,
                        ip=client_ip(request),
                        duration_ms=round((time.perf_counter() - started) * 1000),
                    )
            except DatabaseError:
                logger.exception("The request of API token %s could not be logged", token.pk)
        return response
