from django.urls import path

from smartcity.committee.views import documents

urlpatterns = [
    path("meetings/<int:pk>/pack.pdf", documents.meeting_pack_pdf, name="meeting_pack_pdf"),
    path(
        "meetings/<int:pk>/pack/prepare/",
        documents.meeting_pack_request,
        name="meeting_pack_request",
    ),
    path("meetings/<int:pk>/minutes.pdf", documents.minutes_pdf, name="minutes_pdf"),
]
