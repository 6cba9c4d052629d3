from django.urls import path

from smartcity.core import export_views, task_views

app_name = "core"

urlpatterns = [
    path("exports/<int:pk>/", export_views.export_detail, name="export"),
    path("exports/<int:pk>/progress", export_views.export_progress, name="export_progress"),
    path("exports/<int:pk>/file", export_views.export_file, name="export_file"),
    path("secretariat/background/", task_views.task_list, name="tasks"),
    path("secretariat/background/<uuid:pk>/retry", task_views.retry, name="task_retry"),
]
