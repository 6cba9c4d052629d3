from django.urls import path

from smartcity.committee.views import members

urlpatterns = [
    path("committee/", members.my_meetings, name="my_meetings"),
    path("committee/meetings/<int:pk>/", members.member_meeting, name="member_meeting"),
]
