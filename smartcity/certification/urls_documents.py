from django.urls import path, re_path

from smartcity.certification.views import documents

urlpatterns = [
    path(
        "certificates/<str:number>.pdf",
        documents.certificate_pdf,
        name="certificate_pdf",
    ),
    re_path(
        r"^announcements/(?P<pk>\d+)/(?P<lang>th|en)\.pdf$",
        documents.announcement_pdf,
        name="announcement_pdf",
    ),
]
