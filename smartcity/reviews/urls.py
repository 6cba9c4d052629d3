from django.urls import path

from smartcity.reviews.views import reviewer
from smartcity.reviews.views.secretariat import assign, board, exports, phases, pool

app_name = "reviews"

urlpatterns = [
    # Reviewers
    path("reviews/", reviewer.assignment_list, name="assignments"),
    path("reviews/<int:pk>/", reviewer.score_sheet, name="score_sheet"),
    path("reviews/<int:pk>/submit/", reviewer.submit, name="submit"),
    path("reviews/<int:pk>/declare-conflict/", reviewer.declare, name="declare_conflict"),
    # Secretariat
    path("secretariat/evaluation/", board.board, name="board"),
    path("secretariat/evaluation/export/", exports.export_request, name="export_request"),
    path("secretariat/evaluation/export.csv", exports.export_csv, name="export_csv"),
    path("secretariat/evaluation/export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("secretariat/evaluation/phases/", phases.phases, name="phases"),
    path("secretariat/evaluation/phases/<int:pk>/", phases.phase_edit, name="phase_edit"),
    path("secretariat/evaluation/reviewers/", pool.reviewers, name="reviewers"),
    path(
        "secretariat/evaluation/reviewers/<int:pk>/",
        pool.reviewer_edit,
        name="reviewer_edit",
    ),
    path("secretariat/evaluation/conflicts/", pool.conflicts, name="conflicts"),
    path(
        "secretariat/evaluation/conflicts/<int:pk>/dismiss/",
        pool.dismiss,
        name="dismiss_conflict",
    ),
    path("secretariat/evaluation/assign/", assign.assign, name="assign"),
    path("secretariat/evaluation/assign/auto/", assign.assign_auto, name="assign_auto"),
    path("secretariat/evaluation/dossiers/<int:pk>/", board.dossier, name="dossier"),
    path(
        "secretariat/evaluation/subjects/<slug:kind>/<int:pk>/",
        board.subject,
        name="subject",
    ),
    path("secretariat/evaluation/dossiers/<int:pk>/summary/", board.summary, name="summary"),
    path("secretariat/evaluation/dossiers/<int:pk>/complete/", board.complete, name="complete"),
    path("secretariat/evaluation/reviews/<int:pk>/reopen/", board.reopen, name="reopen"),
    path(
        "secretariat/evaluation/assignments/<int:pk>/extend-due-date/",
        board.extend_due,
        name="extend_due",
    ),
]
