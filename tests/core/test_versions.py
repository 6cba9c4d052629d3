import pytest
from django.db import transaction

from smartcity.core import versions

pytestmark = pytest.mark.django_db


def test_a_bump_gives_a_new_tag_and_a_later_change_time():
    before = versions.current()
    versions.bump()
    after = versions.current()
    assert after.number == before.number + 1
    assert after.tag != before.tag
    assert after.changed_at >= before.changed_at


def test_a_bump_in_a_transaction_that_rolls_back_leaves_the_version():
    before = versions.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        versions.bump()
        raise RuntimeError
    assert versions.current() == before


def test_collections_count_apart():
    registry = versions.current(versions.REGISTRY)
    versions.bump("other")
    assert versions.current(versions.REGISTRY) == registry
    assert versions.current("other").number == 1
