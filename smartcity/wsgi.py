import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
application = get_wsgi_application()

# A production server without collectstatic's manifest would answer every page with a 500:
# refuse to start instead, saying what to run.
from smartcity.core.checks import refuse_without_static_manifest  # noqa: E402

refuse_without_static_manifest()
