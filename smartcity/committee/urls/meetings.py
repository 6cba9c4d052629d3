from django.urls import path

from smartcity.committee.views import agenda, attendance, meeting, minutes, resolutions, secretariat

urlpatterns = [
    path("secretariat/committees/", secretariat.committees, name="committees"),
    path("secretariat/committees/members/", secretariat.member_add, name="member_add"),
    path("secretariat/committees/members/<int:pk>/end/", secretariat.member_end, name="member_end"),
    path("secretariat/meetings/", secretariat.meetings, name="meetings"),
    path("secretariat/meetings/new/", secretariat.meeting_new, name="meeting_new"),
    path("secretariat/meetings/<int:pk>/", meeting.meeting, name="meeting"),
    path("secretariat/meetings/<int:pk>/status/", meeting.status, name="meeting_status"),
    path("secretariat/meetings/<int:pk>/release/", meeting.release, name="meeting_release"),
    path("secretariat/meetings/<int:pk>/send-pack/", meeting.send_pack, name="meeting_send_pack"),
    path("secretariat/meetings/<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path(
        "secretariat/meetings/<int:pk>/items/subject/",
        agenda.add_subject,
        name="item_add_subject",
    ),
    path(
        "secretariat/meetings/<int:pk>/items/information/",
        agenda.add_information,
        name="item_add_information",
    ),
    path("secretariat/meetings/items/<int:pk>/move/", agenda.move, name="item_move"),
    path("secretariat/meetings/items/<int:pk>/remove/", agenda.remove, name="item_remove"),
    path("secretariat/meetings/items/<int:pk>/recuse/", agenda.recuse, name="item_recuse"),
    path(
        "secretariat/meetings/items/<int:pk>/resolution/",
        resolutions.resolution,
        name="item_resolution",
    ),
    path(
        "secretariat/meetings/<int:pk>/minutes/draft/", minutes.minutes_draft, name="minutes_draft"
    ),
    path("secretariat/meetings/<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes_edit"),
    path(
        "secretariat/meetings/<int:pk>/minutes/status/",
        minutes.minutes_status,
        name="minutes_status",
    ),
]
