from django.urls import path

from smartcity.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("work/", views.home, name="home"),
]
