"""The meeting page counts each item's quorum without its recused members, refuses a
resolution on an item without its own quorum, and records the vote (in Thai)."""

import pytest
from django.urls import reverse

from smartcity.committee.models import Resolution


def shown(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def resolve(client, item, outcome: str, **fields):
    data = {f"item-{item.pk}-outcome": outcome}
    data.update({f"item-{item.pk}-{key}": value for key, value in fields.items()})
    return client.post(reverse("committee:item_resolution", args=[item.pk]), data, follow=True)


def item_html(page, item) -> str:
    return page.text.split(f'id="item-{item.pk}"')[1].split("</article>")[0]


@pytest.fixture
def three_present(secretariat, world):
    """Three of five present, the member recused from item 2 among them."""
    rows = list(world.meeting.attendees.order_by("pk"))
    others = [row.member_id for row in rows if row.member_id != world.recused.pk]
    present = [world.recused.pk, *others[:2]]
    data = {
        f"attendance-{row.pk}": "present" if row.member_id in present else "absent" for row in rows
    }
    saved = secretariat.post(
        reverse("committee:attendance", args=[world.meeting.pk]), data, follow=True
    )
    assert saved.context["quorum"].present == 3
    return world


def test_the_page_shows_each_items_own_quorum(secretariat, three_present):
    world = three_present

    page = secretariat.get(reverse("committee:meeting", args=[world.meeting.pk]))

    assert page.status_code == 200
    open_item, secret_item = item_html(page, world.open_item), item_html(page, world.secret_item)
    assert "นับเป็นองค์ประชุม 3 คน (มาประชุม 3 คน ไม่ร่วมพิจารณา 0 คน) ต้องมีอย่างน้อย 3 คน" in open_item
    assert 'data-testid="item-quorum-reached"' in open_item
    assert "นับเป็นองค์ประชุม 2 คน (มาประชุม 3 คน ไม่ร่วมพิจารณา 1 คน) ต้องมีอย่างน้อย 3 คน" in secret_item
    assert 'data-testid="item-quorum-missing"' in secret_item
    assert "วาระนี้ไม่ครบองค์ประชุม" in secret_item


def test_a_resolution_on_an_item_without_its_quorum_is_refused_in_thai(secretariat, three_present):
    world = three_present

    page = resolve(secretariat, world.secret_item, "defer")

    assert shown(page) == [
        "ระเบียบวาระที่ 2 ไม่ครบองค์ประชุม: มีกรรมการที่มาประชุมและร่วมพิจารณาวาระนี้ 2 คน "
        "ต้องมีอย่างน้อย 3 คน กรรมการที่ไม่ร่วมพิจารณาวาระใดไม่นับเป็นองค์ประชุมของวาระนั้น"
    ]
    assert not Resolution.objects.exists()


def test_a_vote_is_recorded_and_shown_with_empty_counts_as_zero(secretariat, world):
    page = resolve(secretariat, world.open_item, "defer", votes_for="4", votes_against="1")

    resolution = Resolution.objects.get(item=world.open_item)
    votes = (resolution.votes_for, resolution.votes_against, resolution.votes_abstaining)
    assert votes == (4, 1, 0)
    assert "ผลการลงคะแนน: เห็นด้วย 4 เสียง ไม่เห็นด้วย 1 เสียง งดออกเสียง 0 เสียง" in item_html(
        page, world.open_item
    )


def test_a_resolution_without_a_vote_records_none(secretariat, world):
    resolve(secretariat, world.open_item, "defer")

    assert not Resolution.objects.get(item=world.open_item).voted


def test_a_vote_counting_the_recused_member_is_refused_in_thai(secretariat, world):
    # Five present, one recused from item 2: four may vote on it.
    page = resolve(secretariat, world.secret_item, "defer", votes_for="3", votes_abstaining="2")

    assert shown(page) == ["ผลการลงคะแนนรวม 5 เสียง แต่มีกรรมการที่มาประชุมและร่วมพิจารณาวาระนี้เพียง 4 คน"]
    assert not Resolution.objects.exists()


@pytest.mark.parametrize("typed", ["-1", "abc", "2.5"])
def test_a_vote_that_is_not_a_count_is_refused(secretariat, world, typed):
    page = resolve(secretariat, world.open_item, "defer", votes_against=typed)

    if typed == "-1":  # a whole number: the service's rule
        assert shown(page) == ["จำนวนคะแนนเสียงต้องไม่ติดลบ"]
    else:
        assert shown(page) == ["ไม่เห็นด้วย: กรอกจำนวนคะแนนเสียงเป็นจำนวนเต็ม เช่น 3"]
    assert not Resolution.objects.exists()
