import pytest
from django.conf import settings
from django.test import override_settings

SITE = {**settings.SMARTCITY, "SITE_URL": "https://smartcity.example.go.th"}


@pytest.mark.parametrize("command", ["seed_demo_users", "seed_demo_committees"])
@override_settings(DEBUG=True, SMARTCITY=SITE)
def test_demo_logins_point_at_the_configured_site(db, load_command, command):
    out = load_command(command)

    assert "https://smartcity.example.go.th/accounts/login/" in out
    assert "127.0.0.1" not in out


@override_settings(DEBUG=True, SMARTCITY_REQUIRE_2FA=False)
def test_a_developer_signs_in_as_the_demo_admin_with_the_password_alone(db, load_command):
    from django.test import Client

    load_command("seed_demo_users")
    client = Client()

    client.post(
        "/accounts/login/", {"username": "admin@smartcity.example", "password": "demo-admin-2569"}
    )

    assert client.get("/work/").status_code == 200


@pytest.mark.parametrize(
    ("environment", "required"),
    [
        ({"DJANGO_DEBUG": "1"}, "False"),
        ({"DJANGO_DEBUG": "0"}, "True"),
        ({"DJANGO_DEBUG": "1", "SMARTCITY_REQUIRE_2FA": "1"}, "True"),
    ],
)
def test_two_factor_is_required_by_default_except_in_development(environment, required):
    import os
    import subprocess
    import sys

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_DEBUG", "SMARTCITY_REQUIRE_2FA", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(environment, SMARTCITY_ALLOW_INSECURE_KEY="1")
    result = subprocess.run(
        [sys.executable, "-c", "import smartcity.settings as s; print(s.SMARTCITY_REQUIRE_2FA)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == required
