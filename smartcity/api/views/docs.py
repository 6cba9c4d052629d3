"""The schema's page (Swagger UI at /api/v1/docs/) from drf-spectacular-sidecar's static
files. The site's CSP allows no inline script or style: Swagger UI's start-up script is
served as a script of its own (the split view, ?script), and our template drops the
packaged one's inline style.

No Redoc: its styled-components write their CSS into <style> elements, which the policy
refuses (Redoc then shows only "Something went wrong"); it would need 'unsafe-inline'
styles or a style nonce on every page."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerUI(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
