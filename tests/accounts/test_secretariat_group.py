import pytest
from django.test import Client

from smartcity.accounts.setup import ensure_secretariat_group
from tests.accounts.factories import UserFactory


@pytest.mark.django_db
def test_secretariat_staff_may_configure_criteria_but_not_edit_proposals():
    officer = UserFactory(is_secretariat=True, is_staff=True)
    officer.groups.add(ensure_secretariat_group())
    client = Client()
    client.force_login(officer)

    assert client.get("/admin/proposals/criteriaset/add/").status_code == 200
    assert client.get("/admin/proposals/call/").status_code == 200
    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403


@pytest.mark.django_db
def test_the_group_is_the_same_after_a_second_run():
    first = set(ensure_secretariat_group().permissions.values_list("codename", flat=True))
    second = set(ensure_secretariat_group().permissions.values_list("codename", flat=True))
    assert first == second
    assert "change_criteriaset" in first
