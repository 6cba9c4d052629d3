from django.urls import path

from smartcity.certification.views import documents

urlpatterns = [
    path(
        "certificates/<str:number>.pdf",
        documents.certificate_pdf,
        name="certificate_pdf",
    ),
]
