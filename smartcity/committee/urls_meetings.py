from django.urls import path

from smartcity.committee.views import meeting, secretariat

urlpatterns = [
    path("secretariat/committees/", secretariat.committees, name="committees"),
    path("secretariat/committees/members/", secretariat.member_add, name="member_add"),
    path("secretariat/committees/members/<int:pk>/end/", secretariat.member_end, name="member_end"),
    path("secretariat/meetings/", secretariat.meetings, name="meetings"),
    path("secretariat/meetings/new/", secretariat.meeting_new, name="meeting_new"),
    path("secretariat/meetings/<int:pk>/", meeting.meeting, name="meeting"),
    path("secretariat/meetings/<int:pk>/status/", meeting.status, name="meeting_status"),
    path("secretariat/meetings/<int:pk>/release/", meeting.release, name="meeting_release"),
    path("secretariat/meetings/<int:pk>/attendance/", meeting.attendance, name="attendance"),
    path(
        "secretariat/meetings/<int:pk>/items/subject/",
        meeting.add_subject,
        name="item_add_subject",
    ),
    path(
        "secretariat/meetings/<int:pk>/items/information/",
        meeting.add_information,
        name="item_add_information",
    ),
    path("secretariat/meetings/items/<int:pk>/move/", meeting.move, name="item_move"),
    path("secretariat/meetings/items/<int:pk>/remove/", meeting.remove, name="item_remove"),
    path("secretariat/meetings/items/<int:pk>/recuse/", meeting.recuse, name="item_recuse"),
    path(
        "secretariat/meetings/items/<int:pk>/resolution/",
        meeting.resolution,
        name="item_resolution",
    ),
    path(
        "secretariat/meetings/<int:pk>/minutes/draft/", meeting.minutes_draft, name="minutes_draft"
    ),
    path("secretariat/meetings/<int:pk>/minutes/edit/", meeting.minutes_edit, name="minutes_edit"),
    path(
        "secretariat/meetings/<int:pk>/minutes/status/",
        meeting.minutes_status,
        name="minutes_status",
    ),
]
