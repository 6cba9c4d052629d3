"""`?next=` (and the language switch's `next`) only ever leads to this site: the sign-in,
the sign-out and the language switch, the views that read it (found with
`grep -rn "next" smartcity/`: Django's LoginView, LogoutView and set_language; no view of
ours reads it)."""

import pytest

from tests.accounts.factories import UserFactory

OUTSIDE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    " //evil.example",
]
PASSWORD = "correct horse battery staple"


def lands_on_this_site(response) -> bool:
    location = response["Location"]
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.django_db
@pytest.mark.parametrize("target", OUTSIDE)
def test_sign_in_does_not_follow_next_off_the_site(client, target):
    user = UserFactory()

    response = client.post(
        f"/accounts/login/?next={target}", {"username": user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert lands_on_this_site(response)
    assert "evil" not in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", OUTSIDE)
def test_sign_in_does_not_follow_a_posted_next_off_the_site(client, target):
    user = UserFactory()

    response = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD, "next": target}
    )

    assert response.status_code == 302
    assert "evil" not in response["Location"]


@pytest.mark.django_db
def test_sign_in_follows_next_on_the_site(client):
    user = UserFactory()

    response = client.post(
        "/accounts/login/?next=/areas/", {"username": user.email, "password": PASSWORD}
    )

    assert response["Location"] == "/areas/"


@pytest.mark.django_db
def test_sign_in_page_does_not_carry_an_outside_next_into_its_form(client):
    response = client.get("/accounts/login/?next=https://evil.example/")

    # (the language switch's own next is this page's address, query string included)
    assert 'name="next" value="https://evil.example/"' not in response.content.decode()
    assert response.context["next"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize("target", OUTSIDE)
def test_sign_out_does_not_follow_next_off_the_site(client, target):
    client.force_login(UserFactory())

    response = client.post("/accounts/logout/", {"next": target})

    assert response.status_code == 302
    assert "evil" not in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", OUTSIDE)
def test_language_switch_does_not_follow_next_off_the_site(anonymous, target):
    response = anonymous.post(
        "/i18n/setlang/",
        {"language": "en", "next": target},
        headers={"referer": "https://evil.example/page"},
    )

    assert response.status_code == 302
    assert lands_on_this_site(response)
    assert "evil" not in response["Location"]


@pytest.mark.django_db
def test_language_switch_follows_next_on_the_site(anonymous):
    response = anonymous.post("/i18n/setlang/", {"language": "en", "next": "/areas/"})

    assert response["Location"] == "/areas/"
