"""The schema's pages, from drf-spectacular-sidecar's static files (no CDN): Swagger UI at
/api/v1/docs/ and Redoc at /api/v1/redoc/.

The site's CSP allows no inline script or style. Swagger UI's start-up script is served
as a script of its own (the split view, ?script), and our template drops the packaged
one's inline style. Redoc's styled-components write their CSS into <style> elements:
its page alone allows styles carrying the request's nonce (django-csp's NONCE in its
style-src); static/js/redoc-nonce.js, loaded before the bundle, puts that nonce on every
<style> the bundle adds (some are written as it loads, before Redoc.init could be told),
and static/js/redoc.js starts Redoc with it. The page also allows workers from blob:
(Redoc's search runs in one). Scripts stay 'self' only on both pages. Redoc's sidebar
shows Redocly's logo from their CDN: the policy refuses it (no CDN at run time) and the
image hides itself."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerUI(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


# Redoc's search runs in a worker it makes from a blob: URL.
@method_decorator(csp_update({"style-src": [NONCE], "worker-src": ["'self'", "blob:"]}), name="get")
class Redoc(SpectacularRedocView):
    template_name = "api/redoc.html"
