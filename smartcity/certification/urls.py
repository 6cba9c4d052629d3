"""Certificate pages: public verification (urls_public), the secretariat's certificates
(urls_secretariat) and the certificate PDF (urls_documents)."""

from smartcity.certification.urls_documents import urlpatterns as document_urls
from smartcity.certification.urls_public import urlpatterns as public_urls
from smartcity.certification.urls_secretariat import urlpatterns as secretariat_urls

app_name = "certification"

urlpatterns = [*public_urls, *secretariat_urls, *document_urls]
