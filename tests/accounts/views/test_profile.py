import pytest
from django.conf import settings
from django.urls import reverse

from smartcity.core.models import AuditEntry
from tests.accounts.personas import EVERY_PERSONA

SIGNED_IN = [p for p in EVERY_PERSONA if p != "anonymous"]


@pytest.mark.parametrize("persona", SIGNED_IN)
@pytest.mark.django_db
def test_account_page_works_for_every_signed_in_persona(
    request, members, outsider, secretariat, admin, persona
):
    response = request.getfixturevalue(persona).get(reverse("accounts:me"))

    assert response.status_code == 200
    assert response.context["form"]["full_name"].value() == response.context["user"].full_name


@pytest.mark.django_db
def test_account_page_lists_the_persons_memberships(owner, organisation):
    response = owner.get(reverse("accounts:me"))

    assert [m.organisation for m in response.context["memberships"]] == [organisation]
    assert organisation.name_th in response.text


@pytest.mark.django_db
def test_account_page_asks_anonymous_to_sign_in(anonymous):
    response = anonymous.get(reverse("accounts:me"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login") + "?next=/accounts/me/"


@pytest.mark.django_db
def test_account_page_refuses_post(owner):
    assert owner.post(reverse("accounts:me")).status_code == 405


@pytest.mark.django_db
def test_update_profile_saves_and_switches_the_language(owner, owner_user):
    response = owner.post(
        reverse("accounts:update_profile"),
        {"full_name": "Somchai Jaidee", "preferred_language": "en"},
    )

    owner_user.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("accounts:me")
    assert (owner_user.full_name, owner_user.preferred_language) == ("Somchai Jaidee", "en")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert AuditEntry.objects.filter(action="accounts.user.profile_updated").count() == 1
    assert owner.get(response.url).headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_update_profile_with_bad_input_shows_the_errors(owner, owner_user):
    response = owner.post(
        reverse("accounts:update_profile"), {"full_name": "", "preferred_language": "fr"}
    )

    owner_user.refresh_from_db()
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["full_name", "preferred_language"]
    assert owner_user.preferred_language == "th"


@pytest.mark.django_db
def test_update_profile_refuses_get(owner):
    assert owner.get(reverse("accounts:update_profile")).status_code == 405


@pytest.mark.django_db
def test_update_profile_asks_anonymous_to_sign_in(anonymous):
    response = anonymous.post(
        reverse("accounts:update_profile"), {"full_name": "X", "preferred_language": "en"}
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
