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
