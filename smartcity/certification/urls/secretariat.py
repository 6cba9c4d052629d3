from django.urls import path

from smartcity.certification.views import history, secretariat

urlpatterns = [
    path("secretariat/certificates/", secretariat.certificate_list, name="certificates"),
    path(
        "secretariat/certificates/<str:number>/",
        secretariat.certificate_detail,
        name="certificate",
    ),
    path(
        "secretariat/certificates/<str:number>/status/",
        secretariat.certificate_transition,
        name="certificate_transition",
    ),
    path("secretariat/batches/", secretariat.batch_list, name="batches"),
    path(
        "secretariat/batches/<int:pk>/ceremony/",
        secretariat.batch_ceremony,
        name="batch_ceremony",
    ),
    path("secretariat/history/", history.history_upload, name="history"),
    path("secretariat/history/preview/", history.history_preview, name="history_preview"),
    path("secretariat/history/apply/", history.history_apply, name="history_apply"),
    path("secretariat/history/discard/", history.history_discard, name="history_discard"),
    path(
        "secretariat/history/template.csv",
        history.history_template,
        name="history_template",
    ),
]
