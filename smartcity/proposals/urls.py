from django.urls import path

from smartcity.proposals.views import applicant, attachments, editing, reviewer, secretariat

app_name = "proposals"

urlpatterns = [
    # Reviewers: a proposal's attachment, for the reviewer assigned to its dossier
    path(
        "reviews/<int:pk>/attachments/<int:attachment_pk>/",
        reviewer.attachment,
        name="reviewer_attachment",
    ),
    # Applicants (members of a proponent organisation)
    path("proposals/", applicant.proposal_list, name="list"),
    path("proposals/new/", applicant.proposal_create, name="create"),
    path("proposals/<int:pk>/", applicant.proposal_detail, name="detail"),
    path("proposals/<int:pk>/edit/<slug:section>/", editing.section_edit, name="section"),
    path(
        "proposals/<int:pk>/edit/area/districts/",
        editing.area_districts,
        name="area_districts",
    ),
    path("proposals/<int:pk>/boundary/", editing.boundary_upload, name="boundary"),
    path(
        "proposals/<int:pk>/attachments/", attachments.attachment_upload, name="attachment_upload"
    ),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/",
        attachments.attachment_download,
        name="attachment",
    ),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
    path("proposals/<int:pk>/submit/", applicant.proposal_submit, name="submit"),
    path("proposals/<int:pk>/withdraw/", applicant.proposal_withdraw, name="withdraw"),
    # Secretariat
    path("secretariat/proposals/", secretariat.queue, name="queue"),
    path("secretariat/proposals/<int:pk>/", secretariat.review, name="review"),
    path(
        "secretariat/proposals/<int:pk>/start-screening/", secretariat.start, name="start_screening"
    ),
    path("secretariat/proposals/<int:pk>/screen/", secretariat.screen, name="screen"),
    path(
        "secretariat/proposals/<int:pk>/extend-due-date/",
        secretariat.extend_due,
        name="extend_information_due",
    ),
]
