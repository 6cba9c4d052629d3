"""Certificate pages: public verification (`urls.public`), the secretariat's certificates
and its record of areas certified before the platform (`urls.secretariat`), and the
certificate PDF (`urls.documents`)."""

from smartcity.certification.urls.documents import urlpatterns as document_urls
from smartcity.certification.urls.public import urlpatterns as public_urls
from smartcity.certification.urls.secretariat import urlpatterns as secretariat_urls

app_name = "certification"

urlpatterns = [*public_urls, *secretariat_urls, *document_urls]
