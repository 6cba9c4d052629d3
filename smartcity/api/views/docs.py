"""The schema's pages (Swagger UI at /api/v1/docs/, Redoc at /api/v1/redoc/) from
drf-spectacular-sidecar's static files. The site's CSP allows no inline script or
style: Swagger UI's start-up script is served as a script of its own (the split view,
?script), and our templates drop the inline style and the web fonts of the packaged
ones."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerUI(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
