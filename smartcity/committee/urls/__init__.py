"""Committee pages: the secretariat's meetings (urls.meetings), the members' portal
(urls.members) and the meeting documents as PDF (urls.documents)."""

from smartcity.committee.urls.documents import urlpatterns as document_urls
from smartcity.committee.urls.meetings import urlpatterns as meeting_urls
from smartcity.committee.urls.members import urlpatterns as member_urls

app_name = "committee"

urlpatterns = [*meeting_urls, *member_urls, *document_urls]
