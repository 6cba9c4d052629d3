from django.urls import path

from smartcity.reviews.views import reviewer, secretariat

app_name = "reviews"

urlpatterns = [
    # Reviewers
    path("reviews/", reviewer.assignment_list, name="assignments"),
    path("reviews/<int:pk>/", reviewer.score_sheet, name="score_sheet"),
    path("reviews/<int:pk>/submit/", reviewer.submit, name="submit"),
    path("reviews/<int:pk>/declare-conflict/", reviewer.declare, name="declare_conflict"),
    # Secretariat
    path("secretariat/evaluation/", secretariat.board, name="board"),
    path("secretariat/evaluation/export.csv", secretariat.export_csv, name="export_csv"),
    path("secretariat/evaluation/export.xlsx", secretariat.export_xlsx, name="export_xlsx"),
    path("secretariat/evaluation/phases/", secretariat.phases, name="phases"),
    path("secretariat/evaluation/phases/<int:pk>/", secretariat.phase_edit, name="phase_edit"),
    path("secretariat/evaluation/reviewers/", secretariat.reviewers, name="reviewers"),
    path(
        "secretariat/evaluation/reviewers/<int:pk>/",
        secretariat.reviewer_edit,
        name="reviewer_edit",
    ),
    path("secretariat/evaluation/conflicts/", secretariat.conflicts, name="conflicts"),
    path(
        "secretariat/evaluation/conflicts/<int:pk>/dismiss/",
        secretariat.dismiss,
        name="dismiss_conflict",
    ),
    path("secretariat/evaluation/assign/", secretariat.assign, name="assign"),
    path("secretariat/evaluation/assign/auto/", secretariat.assign_auto, name="assign_auto"),
    path("secretariat/evaluation/dossiers/<int:pk>/", secretariat.dossier, name="dossier"),
    path(
        "secretariat/evaluation/subjects/<slug:kind>/<int:pk>/",
        secretariat.subject,
        name="subject",
    ),
    path("secretariat/evaluation/dossiers/<int:pk>/summary/", secretariat.summary, name="summary"),
    path(
        "secretariat/evaluation/dossiers/<int:pk>/complete/", secretariat.complete, name="complete"
    ),
    path("secretariat/evaluation/reviews/<int:pk>/reopen/", secretariat.reopen, name="reopen"),
    path(
        "secretariat/evaluation/assignments/<int:pk>/extend-due-date/",
        secretariat.extend_due,
        name="extend_due",
    ),
]
