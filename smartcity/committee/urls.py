"""Committee pages: the secretariat's meetings (urls_meetings), the members' portal
(urls_members) and the meeting documents as PDF (urls_documents)."""

from smartcity.committee.urls_documents import urlpatterns as document_urls
from smartcity.committee.urls_meetings import urlpatterns as meeting_urls
from smartcity.committee.urls_members import urlpatterns as member_urls

app_name = "committee"

urlpatterns = [*meeting_urls, *member_urls, *document_urls]
