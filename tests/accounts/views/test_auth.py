import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from smartcity.accounts.models import Organisation, User
from smartcity.core.dates import ENGLISH_MONTHS, THAI_MONTHS
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province
from tests.accounts.factories import InvitationFactory, UserFactory

PASSWORD = "correct horse battery staple"  # the factories' password


def sign_up_data(**changes) -> dict:
    data = {
        "email": "Somchai@KhonKaen.go.th",
        "full_name": "สมชาย ใจดี",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
        "preferred_language": "en",
        "organisation_name_th": "เทศบาลนครขอนแก่น",
        "organisation_name_en": "Khon Kaen City Municipality",
        "organisation_type": "municipality",
        "province": str(Province.objects.get(code="40").pk),
    }
    return {**data, **changes}


# Sign-up


@pytest.mark.django_db
def test_signup_page_works_for_anonymous(anonymous):
    response = anonymous.get(reverse("accounts:signup"))

    assert response.status_code == 200
    assert 'name="organisation_name_th"' in response.text


@pytest.mark.parametrize("persona", ["owner", "secretariat", "admin"])
@pytest.mark.django_db
def test_signup_sends_people_already_signed_in_to_their_account(request, persona):
    response = request.getfixturevalue(persona).get(reverse("accounts:signup"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:me")


@pytest.mark.django_db
def test_signup_registers_signs_in_and_speaks_the_chosen_language(anonymous):
    response = anonymous.post(reverse("accounts:signup"), sign_up_data())

    organisation = Organisation.objects.get(name_th="เทศบาลนครขอนแก่น")
    assert response.status_code == 302
    assert response.url == reverse("accounts:organisation_detail", args=[organisation.pk])
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = anonymous.get(response.url)
    assert page.context["user"].email == "somchai@khonkaen.go.th"
    assert page.headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_signup_with_bad_input_shows_the_errors_and_creates_nothing(anonymous):
    response = anonymous.post(reverse("accounts:signup"), sign_up_data(email="not-an-address"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'class="errorlist"' in response.text
    assert Organisation.objects.filter(name_th="เทศบาลนครขอนแก่น").exists() is False


@pytest.mark.django_db
def test_signup_from_an_invitation_registers_only_the_person(anonymous):
    invitation = InvitationFactory(email="invitee@example.go.th")
    url = reverse("accounts:signup") + f"?invitation={invitation.token}"

    page = anonymous.get(url)
    response = anonymous.post(
        url,
        {
            "email": "invitee@example.go.th",
            "full_name": "Invitee",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
            "preferred_language": "th",
        },
    )

    assert 'name="organisation_name_th"' not in page.text
    assert page.context["form"]["email"].value() == "invitee@example.go.th"
    assert response.status_code == 302
    assert response.url == reverse("accounts:invitation", args=[invitation.token])
    assert User.objects.get(email="invitee@example.go.th").memberships.count() == 0
    assert Organisation.objects.count() == 1  # only the inviting one


@pytest.mark.django_db
def test_signup_with_an_unusable_invitation_asks_for_an_organisation(anonymous):
    response = anonymous.get(reverse("accounts:signup") + "?invitation=nonsense")

    assert 'name="organisation_name_th"' in response.text


@pytest.mark.django_db
def test_signup_refuses_other_methods(anonymous):
    assert anonymous.put(reverse("accounts:signup")).status_code == 405


# Signing in and out


@pytest.mark.django_db
def test_login_page_works_for_anonymous(anonymous):
    assert anonymous.get(reverse("accounts:login")).status_code == 200


@pytest.mark.django_db
def test_login_by_email_in_any_case_follows_the_preferred_language(anonymous):
    UserFactory(email="ann@example.go.th", preferred_language="en")

    response = anonymous.post(
        reverse("accounts:login"), {"username": "Ann@Example.GO.TH", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.django_db
def test_login_with_a_wrong_password_says_so(anonymous):
    UserFactory(email="ann@example.go.th")

    response = anonymous.post(
        reverse("accounts:login"), {"username": "ann@example.go.th", "password": "wrong"}
    )

    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("name", ["accounts:login", "accounts:password_reset"])
@pytest.mark.django_db
def test_sign_in_forms_refuse_other_methods(anonymous, name):
    assert anonymous.put(reverse(name)).status_code == 405
    assert anonymous.delete(reverse(name)).status_code == 405


@pytest.mark.django_db
def test_logout_is_post_only(owner):
    assert owner.get(reverse("accounts:logout")).status_code == 405
    assert owner.get(reverse("accounts:me")).status_code == 200


@pytest.mark.django_db
def test_logout_signs_out(owner):
    response = owner.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("registry:home")
    assert owner.get(reverse("accounts:me")).status_code == 302


@pytest.mark.django_db
def test_every_page_offers_sign_in_or_the_account_and_sign_out(anonymous, owner, owner_user):
    anonymous_page = anonymous.get(reverse("accounts:login")).text
    owner_page = owner.get(reverse("accounts:me")).text

    assert 'data-testid="sign-in"' in anonymous_page
    assert 'data-testid="sign-out"' not in anonymous_page
    assert f">{owner_user.full_name}</a>" in owner_page
    assert 'data-testid="sign-out"' in owner_page


# Password reset


def post_reset(client, email: str):
    """Ask for a reset link; the email goes after the request's commit (notifications)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def reset_email_for(client, email: str) -> mail.EmailMessage:
    response = post_reset(client, email)
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    return mail.outbox[0]


@pytest.mark.django_db
def test_password_reset_email_is_in_thai_for_a_thai_reader(anonymous):
    UserFactory(email="somchai@example.go.th", preferred_language="th")

    # The page itself is read in English: the email still follows the recipient.
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    message = reset_email_for(anonymous, "SOMCHAI@example.go.th")

    assert message.to == ["somchai@example.go.th"]
    assert "เมืองอัจฉริยะประเทศไทย" in message.subject
    assert any(month in message.body for month in THAI_MONTHS)
    assert not any(month in message.body for month in ENGLISH_MONTHS)


@pytest.mark.django_db
def test_password_reset_email_is_in_english_for_an_english_reader(anonymous):
    UserFactory(email="ann@example.go.th", preferred_language="en")

    message = reset_email_for(anonymous, "ann@example.go.th")

    assert "Smart City Thailand" in message.subject
    assert "เมืองอัจฉริยะ" not in message.subject
    assert any(month in message.body for month in ENGLISH_MONTHS)
    assert not any(month in message.body for month in THAI_MONTHS)


@pytest.mark.django_db
def test_password_reset_while_the_mail_server_is_down_looks_the_same_and_logs(
    anonymous, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.core.backends.DownBackend"
    user = UserFactory(email="ann@example.go.th")

    response = post_reset(anonymous, "ann@example.go.th")

    assert response.url == reverse("accounts:password_reset_done")
    assert f"Could not send the accounts.password_reset email to user {user.pk}" in caplog.text


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(anonymous):
    response = post_reset(anonymous, "nobody@example.go.th")

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password_once(anonymous):
    user = UserFactory(email="ann@example.go.th")
    message = reset_email_for(anonymous, "ann@example.go.th")
    link = re.search(r"https?://testserver(/\S+)", message.body).group(1)

    form_page = anonymous.get(link, follow=True)
    done = anonymous.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-passphrase", "new_password2": "brand-new-passphrase"},
    )
    reused = anonymous.get(link, follow=True)

    user.refresh_from_db()
    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    assert user.check_password("brand-new-passphrase")
    assert AuditEntry.objects.filter(action="accounts.user.password_reset").count() == 1
    assert 'data-testid="invalid-link"' in reused.text


@pytest.mark.parametrize(
    "name", ["accounts:password_reset_done", "accounts:password_reset_complete"]
)
@pytest.mark.django_db
def test_password_reset_pages_work_for_anonymous(anonymous, name):
    assert anonymous.get(reverse(name)).status_code == 200


@pytest.mark.django_db
def test_password_reset_with_a_bad_link_says_so(anonymous):
    response = anonymous.get(reverse("accounts:password_reset_confirm", args=["MTIz", "bad-token"]))

    assert response.status_code == 200
    assert 'data-testid="invalid-link"' in response.text
