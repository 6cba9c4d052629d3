from django.urls import path

from smartcity.api.tokens import views

app_name = "api_tokens"

urlpatterns = [
    path("secretariat/api-tokens/", views.token_list, name="list"),
    path("secretariat/api-tokens/issue/", views.issue, name="issue"),
    path("secretariat/api-tokens/<int:pk>/", views.detail, name="detail"),
    path("secretariat/api-tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
