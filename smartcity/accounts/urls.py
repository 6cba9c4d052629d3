from django.urls import path

from smartcity.accounts.views import auth, invitations, organisations, profile, two_factor

app_name = "accounts"

urlpatterns = [
    path("signup/", auth.signup, name="signup"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password-reset/", auth.password_reset, name="password_reset"),
    path("password-reset/sent/", auth.password_reset_done, name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth.password_reset_complete, name="password_reset_complete"),
    path("two-factor/", two_factor.verify, name="two_factor_verify"),
    path("two-factor/enrol/", two_factor.enrol, name="two_factor_enrol"),
    path(
        "two-factor/recovery-codes/",
        two_factor.regenerate_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("two-factor/disable/", two_factor.disable, name="two_factor_disable"),
    path("me/", profile.me, name="me"),
    path("me/profile/", profile.update_profile, name="update_profile"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<int:pk>/invitations/",
        organisations.invite_member,
        name="invite_member",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        organisations.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/role/",
        organisations.change_member_role,
        name="change_member_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/remove/",
        organisations.remove_member,
        name="remove_member",
    ),
    path("invitations/<str:token>/", invitations.invitation_detail, name="invitation"),
    path(
        "invitations/<str:token>/accept/",
        invitations.accept_invitation,
        name="accept_invitation",
    ),
]
