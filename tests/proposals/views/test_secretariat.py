import datetime as dt
import hashlib
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartcity.accounts.enums import MembershipRole, OrganisationType
from smartcity.core.dates import THAI_MONTHS, be_year
from smartcity.geo.models import Province
from smartcity.proposals.enums import ProposalState
from smartcity.proposals.models import Proposal, ScreeningDecision, StateChange
from smartcity.proposals.services.attachments import add_attachment
from smartcity.proposals.services.drafting import refresh_search_document, save_draft
from smartcity.proposals.services.screening import MissingItem, screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.proposals.factories import ProposalFactory, complete, member
from tests.reviews.factories import ReviewerFactory

S = ProposalState


def client_for(user, language: str = "th") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


def in_english(client: Client) -> Client:
    """Messages are asserted in English: the source text, whatever the translations say."""
    client.cookies["smartcity_language"] = "en"
    return client


def submit(proposal: Proposal) -> Proposal:
    submit_proposal(proposal=proposal, by=member(proposal.organisation, role=MembershipRole.OWNER))
    proposal.refresh_from_db()
    return proposal


def submitted_proposal(**fields) -> Proposal:
    proposal = complete(ProposalFactory(**fields))
    proposal.search_document = refresh_search_document(proposal)
    proposal.save(update_fields=["search_document"])
    return submit(proposal)


def in_screening(officer) -> Proposal:
    proposal = submitted_proposal()
    start_screening(proposal=proposal, by=officer)
    proposal.refresh_from_db()
    return proposal


def state_of(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).state


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def proposal(db):
    return submitted_proposal()


@pytest.fixture
def applicant(proposal) -> Client:
    """An owner of the proposal's own organisation."""
    return client_for(member(proposal.organisation, role=MembershipRole.OWNER))


@pytest.fixture
def other_applicant(db) -> Client:
    return client_for(member(OrganisationFactory(), role=MembershipRole.OWNER))


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def screening(officer):
    return in_screening(officer)


def login_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?next={next_url}"


CODES = ["area_vision", "infrastructure", "data_platform", "services", "management"]


def pass_data(**extra) -> dict:
    return {"outcome": "pass", "seen_state": "screening", **extra}


# The queue -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_sends_the_anonymous_to_sign_in(anonymous):
    url = reverse("proposals:queue")

    response = anonymous.get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


@pytest.mark.django_db
def test_queue_is_forbidden_to_applicants(applicant, other_applicant):
    url = reverse("proposals:queue")

    assert applicant.get(url).status_code == 403
    assert other_applicant.get(url).status_code == 403


@pytest.mark.django_db
def test_queue_works_for_the_secretariat_and_admin(secretariat, admin, proposal):
    url = reverse("proposals:queue")

    for client in (secretariat, admin):
        response = client.get(url)
        assert response.status_code == 200
        assert [p.pk for p in response.context["page"].object_list] == [proposal.pk]


@pytest.mark.django_db
def test_queue_refuses_post(secretariat):
    assert secretariat.post(reverse("proposals:queue")).status_code == 405


@pytest.mark.django_db
def test_queue_row_shows_name_proponent_provinces_state_version_and_be_date(secretariat, proposal):
    response = secretariat.get(reverse("proposals:queue"))

    html = response.content.decode()
    assert response.status_code == 200
    assert proposal.name_th in html
    assert proposal.organisation.name_th in html
    assert "พิษณุโลก" in html
    assert "state-submitted" in html
    assert str(be_year(timezone.localdate(proposal.submitted_at).year)) in html


@pytest.mark.django_db
def test_queue_shows_english_names_to_english_readers(secretariat, proposal):
    secretariat.cookies["smartcity_language"] = "en"

    html = secretariat.get(reverse("proposals:queue")).content.decode()

    assert proposal.name_en in html
    assert "Phitsanulok" in html


@pytest.fixture
def mixed_queue(officer):
    """One proposal in each state the queue can show, plus a draft it must not."""
    waiting = submitted_proposal(name_th="เมืองอัจฉริยะภูเก็ต")
    taken = in_screening(officer)
    returned = in_screening(officer)
    screen_proposal(
        proposal=returned,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=officer,
    )
    passed = in_screening(officer)
    screen_proposal(proposal=passed, outcome="pass", by=officer)
    draft = complete(ProposalFactory())
    return {
        "waiting": waiting,
        "taken": taken,
        "returned": returned,
        "passed": passed,
        "draft": draft,
    }


def listed(client, **params) -> set[int]:
    response = client.get(reverse("proposals:queue"), params)
    assert response.status_code == 200
    return {p.pk for p in response.context["page"].object_list}


@pytest.mark.django_db
def test_queue_shows_what_waits_for_screening_by_default(secretariat, mixed_queue):
    assert listed(secretariat) == {mixed_queue["waiting"].pk, mixed_queue["taken"].pk}


@pytest.mark.parametrize(
    ("state", "expected"),
    [("returned", ["returned"]), ("in_evaluation", ["passed"]), ("screening", ["taken"])],
)
@pytest.mark.django_db
def test_queue_filters_by_state(secretariat, mixed_queue, state, expected):
    assert listed(secretariat, state=state) == {mixed_queue[k].pk for k in expected}


@pytest.mark.django_db
def test_queue_all_states_never_lists_drafts(secretariat, mixed_queue):
    expected = {mixed_queue[k].pk for k in ("waiting", "taken", "returned", "passed")}

    assert listed(secretariat, state="all") == expected


@pytest.mark.django_db
def test_queue_tabs_count_each_state(secretariat, mixed_queue):
    response = secretariat.get(reverse("proposals:queue"))

    counts = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
    assert (counts[""], counts["returned"], counts["in_evaluation"], counts["all"]) == (2, 1, 1, 4)


@pytest.mark.django_db
def test_queue_shows_the_due_date_of_a_returned_proposal(secretariat, mixed_queue):
    due = mixed_queue["returned"].screenings.get().due_on

    response = secretariat.get(reverse("proposals:queue"), {"state": "returned"})

    assert f"{due.day} " in response.content.decode()
    assert str(be_year(due.year)) in response.content.decode()


@pytest.mark.django_db
def test_queue_search_segments_thai(secretariat, mixed_queue):
    assert listed(secretariat, q="ภูเก็ต") == {mixed_queue["waiting"].pk}


@pytest.mark.django_db
def test_queue_filters_by_province(secretariat):
    phitsanulok = submitted_proposal()
    bangkok = complete(ProposalFactory())
    bangkok.provinces.set([Province.objects.get(code="10")])
    submit(bangkok)

    assert listed(secretariat, province="10") == {bangkok.pk}
    assert listed(secretariat, province="65") == {phitsanulok.pk}


@pytest.mark.django_db
def test_queue_filters_by_organisation_type(secretariat):
    university = submitted_proposal(
        organisation=OrganisationFactory(type=OrganisationType.UNIVERSITY)
    )
    submitted_proposal()

    assert listed(secretariat, organisation_type="university") == {university.pk}


@pytest.mark.django_db
def test_queue_sorts_oldest_first_or_by_name(secretariat):
    second = submitted_proposal(name_th="ก เมืองแรก")
    first = Proposal.objects.get(pk=submitted_proposal(name_th="ข เมืองสอง").pk)
    Proposal.objects.filter(pk=first.pk).update(
        submitted_at=second.submitted_at - dt.timedelta(days=3)
    )

    oldest = secretariat.get(reverse("proposals:queue")).context["page"].object_list
    by_name = (
        secretariat.get(reverse("proposals:queue"), {"sort": "name"}).context["page"].object_list
    )

    assert [p.pk for p in oldest] == [first.pk, second.pk]
    assert [p.pk for p in by_name] == [second.pk, first.pk]


@pytest.mark.django_db
def test_queue_counts_waiting_days(secretariat, proposal):
    Proposal.objects.filter(pk=proposal.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=10)
    )

    row = secretariat.get(reverse("proposals:queue")).context["page"].object_list[0]

    assert row.waiting_days == 10


@pytest.mark.django_db
def test_queue_ignores_an_invalid_filter_value(secretariat, proposal):
    assert listed(secretariat, state="nonsense", sort="nonsense") == {proposal.pk}


@pytest.mark.django_db
def test_queue_is_paginated_by_25(secretariat):
    for _ in range(26):
        submitted_proposal()

    first = secretariat.get(reverse("proposals:queue"))
    second = secretariat.get(reverse("proposals:queue"), {"page": 2})

    assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (
        25,
        1,
    )


@pytest.mark.django_db
def test_queue_answers_htmx_with_the_results_only(secretariat, proposal):
    response = secretariat.get(reverse("proposals:queue"), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.templates[0].name == "proposals/secretariat/_queue_results.html"


# The review page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_review_sends_the_anonymous_to_sign_in(anonymous, proposal):
    url = reverse("proposals:review", args=[proposal.pk])

    response = anonymous.get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


@pytest.mark.django_db
def test_review_is_forbidden_to_the_proposals_own_applicant(applicant, proposal):
    assert applicant.get(reverse("proposals:review", args=[proposal.pk])).status_code == 403


@pytest.mark.django_db
def test_review_of_another_citys_proposal_is_404(other_applicant, proposal):
    assert other_applicant.get(reverse("proposals:review", args=[proposal.pk])).status_code == 404


@pytest.mark.django_db
def test_review_works_for_the_secretariat_and_admin(secretariat, admin, proposal):
    url = reverse("proposals:review", args=[proposal.pk])

    for client in (secretariat, admin):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["version"].number == 1


@pytest.mark.django_db
def test_review_refuses_post_and_unknown_ids(secretariat, proposal):
    assert secretariat.post(reverse("proposals:review", args=[proposal.pk])).status_code == 405
    assert secretariat.get(reverse("proposals:review", args=[999_999])).status_code == 404


@pytest.mark.django_db
def test_review_shows_every_criterion_rows_area_and_timeline(secretariat, proposal):
    response = secretariat.get(reverse("proposals:review", args=[proposal.pk]))

    html = response.content.decode()
    for code in ("area_vision", "infrastructure", "data_platform", "services", "management"):
        assert f'data-testid="criterion-{code}"' in html
    assert "สถานีตรวจวัดอากาศ" in html  # an infrastructure row
    assert "คุณภาพอากาศ" in html  # a dataset row
    assert "บริการ mobility" in html  # a solution row
    assert "1.19 " in html
    assert "พิษณุโลก" in html
    assert html.count('data-testid="timeline-entry"') == 1


@pytest.mark.django_db
def test_review_links_the_attachments_of_the_version(secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    proposal = complete(ProposalFactory())
    pdf = b"%PDF-1.4\n%%EOF\n"
    attachment = add_attachment(
        proposal=proposal,
        data=pdf,
        original_name="แผนการลงทุน.pdf",
        sha256=hashlib.sha256(pdf).hexdigest(),
        criterion="management",
        by=member(proposal.organisation),
    )
    submit(proposal)

    response = secretariat.get(reverse("proposals:review", args=[proposal.pk]))

    link = reverse("proposals:attachment", args=[proposal.pk, attachment.pk])
    assert f'href="{link}"' in response.content.decode()
    download = secretariat.get(link)
    assert b"".join(download.streaming_content) == pdf
    download.close()


@pytest.mark.django_db
def test_review_of_a_draft_shows_the_current_text(secretariat):
    draft = complete(ProposalFactory(name_th="ร่างเมืองอัจฉริยะ"))

    response = secretariat.get(reverse("proposals:review", args=[draft.pk]))

    assert response.status_code == 200
    assert (response.context["version"], response.context["can_start"]) == (None, False)
    assert "ร่างเมืองอัจฉริยะ" in response.content.decode()


@pytest.mark.django_db
def test_review_offers_start_on_a_submitted_proposal_and_the_form_in_screening(
    secretariat, officer
):
    submitted = submitted_proposal()
    taken = in_screening(officer)

    first = secretariat.get(reverse("proposals:review", args=[submitted.pk]))
    second = secretariat.get(reverse("proposals:review", args=[taken.pk]))

    assert (first.context["can_start"], first.context["form"]) == (True, None)
    assert second.context["can_start"] is False
    assert len(second.context["form"].checklist_rows) == 5


@pytest.mark.django_db
def test_review_offers_no_action_once_screened(secretariat, officer):
    proposal = in_screening(officer)
    screen_proposal(proposal=proposal, outcome="pass", by=officer)

    response = secretariat.get(reverse("proposals:review", args=[proposal.pk]))

    assert (response.context["can_start"], response.context["form"]) == (False, None)
    assert 'data-testid="screening-decision"' in response.content.decode()


@pytest.mark.django_db
def test_review_escapes_hostile_text(secretariat, officer):
    hostile = "<script>alert('x')</script>"
    proposal = complete(ProposalFactory(name_th=f"เมือง {hostile}"))
    proposal.vision = f"วิสัยทัศน์ {hostile}"
    proposal.save()
    proposal.infrastructure_items.update(title=hostile)
    submit(proposal)
    start_screening(proposal=proposal, by=officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("general", hostile)],
        due_on=timezone.localdate(),
        by=officer,
    )

    html = secretariat.get(reverse("proposals:review", args=[proposal.pk])).content.decode()

    assert hostile not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_review_shows_changes_since_the_previous_version_and_the_missing_items(
    secretariat, officer
):
    proposal = in_screening(officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=timezone.localdate() + dt.timedelta(days=14),
        by=officer,
    )
    editor = member(proposal.organisation)
    proposal.refresh_from_db()
    save_draft(
        proposal=proposal,
        values={"investment_plan": "ลงทุน 5 ปี แยกรายปี"},
        m2m={"provinces": [Province.objects.get(code="65"), Province.objects.get(code="10")]},
        revision=proposal.revision,
        by=editor,
    )
    submit_proposal(proposal=proposal, by=editor)

    response = secretariat.get(reverse("proposals:review", args=[proposal.pk]))

    changes = {c["field"]: c for c in response.context["changes"]}
    assert sorted(changes) == ["investment_plan", "provinces"]
    assert (changes["investment_plan"]["before"], changes["investment_plan"]["after"]) == (
        "ลงทุน 5 ปี",
        "ลงทุน 5 ปี แยกรายปี",
    )
    assert changes["provinces"]["after"] == "กรุงเทพมหานคร, พิษณุโลก"
    html = response.content.decode()
    assert 'data-testid="change-investment_plan"' in html
    assert "แผนการลงทุนรายปี" in html


# Starting the screening ------------------------------------------------------------------


@pytest.mark.django_db
def test_start_by_the_anonymous_changes_nothing(anonymous, proposal):
    url = reverse("proposals:start_screening", args=[proposal.pk])

    response = anonymous.post(url)

    assert (response.status_code, response.url) == (302, login_url(url))
    assert state_of(proposal) == S.SUBMITTED


@pytest.mark.django_db
def test_start_is_forbidden_to_applicants(applicant, other_applicant, proposal):
    url = reverse("proposals:start_screening", args=[proposal.pk])

    assert applicant.post(url).status_code == 403
    assert other_applicant.post(url).status_code == 404
    assert state_of(proposal) == S.SUBMITTED


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
@pytest.mark.django_db
def test_start_moves_the_proposal_into_screening(request, proposal, persona):
    client = request.getfixturevalue(persona)

    response = client.post(
        reverse("proposals:start_screening", args=[proposal.pk]), {"seen_state": "submitted"}
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("proposals:review", args=[proposal.pk]),
    )
    assert state_of(proposal) == S.SCREENING


@pytest.mark.django_db
def test_start_refuses_get_and_unknown_ids(secretariat, proposal):
    assert (
        secretariat.get(reverse("proposals:start_screening", args=[proposal.pk])).status_code == 405
    )
    assert secretariat.post(reverse("proposals:start_screening", args=[999_999])).status_code == 404


@pytest.mark.django_db
def test_start_requires_the_csrf_token(secretariat_user, proposal):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)

    response = client.post(reverse("proposals:start_screening", args=[proposal.pk]))

    assert response.status_code == 403
    assert state_of(proposal) == S.SUBMITTED


@pytest.mark.django_db
def test_two_officers_starting_at_once_the_second_is_told(officer, proposal):
    url = reverse("proposals:start_screening", args=[proposal.pk])
    first = client_for(officer)
    second = client_for(UserFactory(is_secretariat=True), language="en")

    first.post(url, {"seen_state": "submitted"})
    response = second.post(url, {"seen_state": "submitted"}, follow=True)

    assert response.redirect_chain == [(reverse("proposals:review", args=[proposal.pk]), 302)]
    [message] = message_texts(response)
    assert "changed to “In screening” by someone else" in message
    assert proposal.state_changes.filter(to_state=S.SCREENING).count() == 1


# Screening -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_screen_by_the_anonymous_changes_nothing(anonymous, screening):
    url = reverse("proposals:screen", args=[screening.pk])

    response = anonymous.post(url, pass_data())

    assert (response.status_code, response.url) == (302, login_url(url))
    assert state_of(screening) == S.SCREENING


@pytest.mark.django_db
def test_screen_is_forbidden_to_applicants(screening):
    own = client_for(member(screening.organisation, role=MembershipRole.OWNER))
    other = client_for(member(OrganisationFactory(), role=MembershipRole.OWNER))
    url = reverse("proposals:screen", args=[screening.pk])

    assert own.post(url, pass_data()).status_code == 403
    assert other.post(url, pass_data()).status_code == 404
    assert state_of(screening) == S.SCREENING
    assert ScreeningDecision.objects.count() == 0


@pytest.mark.django_db
def test_screen_refuses_get_and_unknown_ids(secretariat, screening):
    assert secretariat.get(reverse("proposals:screen", args=[screening.pk])).status_code == 405
    assert (
        secretariat.post(reverse("proposals:screen", args=[999_999]), pass_data()).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["secretariat", "admin"])
@pytest.mark.django_db
def test_screen_pass_sends_the_proposal_to_evaluation(request, screening, persona):
    client = request.getfixturevalue(persona)

    response = client.post(
        reverse("proposals:screen", args=[screening.pk]),
        pass_data(complete_area_vision="on", note_area_vision="ครบถ้วน"),
    )

    assert (response.status_code, response.url) == (302, reverse("proposals:queue"))
    assert state_of(screening) == S.IN_EVALUATION
    decision = ScreeningDecision.objects.get()
    assert decision.outcome == "pass"
    assert decision.checklist["area_vision"] == {"complete": True, "note": "ครบถ้วน"}
    assert decision.checklist["management"] == {"complete": False, "note": ""}


THAI_TITLES = [
    "การกำหนดวิสัยทัศน์ เป้าหมาย และขอบเขตพื้นที่",
    "แผนการพัฒนาโครงสร้างพื้นฐานทางกายภาพและดิจิทัล",
    "แพลตฟอร์มข้อมูลเมือง",
    "บริการเมืองอัจฉริยะ",
    "แนวทางการลงทุนและการบริหารจัดการอย่างยั่งยืน",
]


@pytest.mark.django_db
def test_screening_form_shows_the_five_criterion_titles_in_thai_with_a_box_for_each(
    secretariat, screening
):
    response = secretariat.get(reverse("proposals:review", args=[screening.pk]))

    html = response.content.decode()
    form = html[html.index('data-testid="screening-form"') :]
    titles = re.findall(r'<legend data-testid="criterion-title">(.*?)</legend>', form)
    assert titles == THAI_TITLES
    for code in CODES:
        assert f'name="missing_{code}"' in form
    assert 'name="missing_general"' in form
    assert "management:" not in form


@pytest.mark.django_db
def test_screen_return_files_missing_items_per_criterion_and_the_applicant_reads_them_so(
    secretariat, screening, django_capture_on_commit_callbacks
):
    owner = screening.organisation.memberships.get().user
    due = timezone.localdate() + dt.timedelta(days=30)
    typed_due = f"{due.day}/{due.month}/{be_year(due.year)}"  # D/M/B.E., as Thai officers type it

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(
            reverse("proposals:screen", args=[screening.pk]),
            {
                "outcome": "return",
                "seen_state": "screening",
                "complete_area_vision": "on",
                "missing_management": "แผนการลงทุนรายปี\n\n- งบประมาณปี 2571\n",
                "missing_infrastructure": "แผนที่ขอบเขตที่ชัดเจนขึ้น",
                "due_on": typed_due,
            },
        )

    assert response.status_code == 302
    screening.refresh_from_db()
    assert (screening.state, screening.information_due_on) == (S.RETURNED, due)
    assert ScreeningDecision.objects.get().missing_items == [
        {"criterion": "infrastructure", "text": "แผนที่ขอบเขตที่ชัดเจนขึ้น"},
        {"criterion": "management", "text": "แผนการลงทุนรายปี"},
        {"criterion": "management", "text": "งบประมาณปี 2571"},
    ]
    [email] = [m for m in mail.outbox if m.to == [owner.email]]
    assert "แผนการลงทุนรายปี" in email.body
    assert "แผนที่ขอบเขตที่ชัดเจนขึ้น" in email.body
    page = client_for(owner).get(reverse("proposals:detail", args=[screening.pk]))
    notice = page.content.decode()
    notice = notice[notice.index('data-testid="returned-notice"') :]
    notice = notice[: notice.index("</section>")]
    grouped = re.findall(
        r'<h3 data-testid="requested-criterion">(.*?)</h3>\s*<ul data-testid="requested-\w+">(.*?)</ul>',
        notice,
        re.S,
    )
    assert [(title, re.findall(r"<li>(.*?)</li>", items)) for title, items in grouped] == [
        ("แผนการพัฒนาโครงสร้างพื้นฐานทางกายภาพและดิจิทัล", ["แผนที่ขอบเขตที่ชัดเจนขึ้น"]),
        (
            "แนวทางการลงทุนและการบริหารจัดการอย่างยั่งยืน",
            ["แผนการลงทุนรายปี", "งบประมาณปี 2571"],
        ),
    ]


@pytest.mark.django_db
def test_screen_return_with_items_for_the_whole_proposal_files_them_as_general(
    secretariat, screening
):
    due = timezone.localdate() + dt.timedelta(days=7)

    response = secretariat.post(
        reverse("proposals:screen", args=[screening.pk]),
        {
            "outcome": "return",
            "seen_state": "screening",
            "missing_general": "management: หนังสือรับรอง",
            "due_on": due.isoformat(),
        },
    )

    assert response.status_code == 302
    # What the officer typed is kept as typed: a code prefix means nothing any more.
    assert ScreeningDecision.objects.get().missing_items == [
        {"criterion": "general", "text": "management: หนังสือรับรอง"}
    ]


@pytest.mark.django_db
def test_screen_ineligible_needs_a_reason_and_keeps_what_was_typed(secretariat, screening):
    response = in_english(secretariat).post(
        reverse("proposals:screen", args=[screening.pk]),
        {
            "outcome": "ineligible",
            "seen_state": "screening",
            "reason": "   ",
            "note_services": "ดูอีกครั้ง",
        },
    )

    assert response.status_code == 400
    assert "reason" in response.context["form"].non_field_errors()[0]
    assert 'value="ดูอีกครั้ง"' in response.content.decode()
    assert state_of(screening) == S.SCREENING
    assert ScreeningDecision.objects.count() == 0


@pytest.mark.django_db
def test_screen_ineligible_with_a_reason(secretariat, screening):
    response = secretariat.post(
        reverse("proposals:screen", args=[screening.pk]),
        {"outcome": "ineligible", "seen_state": "screening", "reason": "ไม่อยู่ในขอบข่าย"},
    )

    assert response.status_code == 302
    assert state_of(screening) == S.INELIGIBLE
    assert ScreeningDecision.objects.get().reason == "ไม่อยู่ในขอบข่าย"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "return", "due_on": "2099-01-01"}, "missing item"),
        ({"outcome": "return", "missing_services": "แผนที่"}, "due date"),
        ({"outcome": "return", "missing_services": "แผนที่", "due_on": "1/1/2563"}, "due date"),
        ({"outcome": "return", "missing_general": "แผนที่", "due_on": "31/2/2570"}, "Enter a date"),
        (
            {"outcome": "return", "missing_services": "  \n - \n", "due_on": "2099-01-01"},
            "missing item",
        ),
        ({"outcome": "maybe"}, "valid choice"),
    ],
)
@pytest.mark.django_db
def test_screen_refuses_an_incomplete_decision_without_saving(
    secretariat, screening, data, message
):
    response = in_english(secretariat).post(
        reverse("proposals:screen", args=[screening.pk]), {"seen_state": "screening", **data}
    )

    assert response.status_code == 400
    errors = " ".join(str(e) for errors in response.context["form"].errors.values() for e in errors)
    assert message in errors
    assert state_of(screening) == S.SCREENING
    assert ScreeningDecision.objects.count() == 0


@pytest.mark.django_db
def test_two_officers_screening_at_once_the_second_gets_a_clear_message(officer, screening):
    second_officer = UserFactory(is_secretariat=True)
    first, second = client_for(officer), client_for(second_officer, language="en")
    review_url = reverse("proposals:review", args=[screening.pk])
    assert first.get(review_url).context["form"] is not None
    assert second.get(review_url).context["form"] is not None

    first.post(reverse("proposals:screen", args=[screening.pk]), pass_data())
    response = second.post(
        reverse("proposals:screen", args=[screening.pk]),
        {"outcome": "ineligible", "reason": "ไม่ผ่าน", "seen_state": "screening"},
        follow=True,
    )

    assert response.redirect_chain == [(review_url, 302)]
    [message] = message_texts(response)
    assert "changed to “In evaluation” by someone else" in message
    assert state_of(screening) == S.IN_EVALUATION
    assert ScreeningDecision.objects.get().decided_by == officer


@pytest.mark.django_db
def test_an_incomplete_screening_of_a_proposal_a_colleague_just_passed_says_so(officer, screening):
    client_for(officer).post(reverse("proposals:screen", args=[screening.pk]), pass_data())
    second = client_for(UserFactory(is_secretariat=True), language="en")

    response = second.post(
        reverse("proposals:screen", args=[screening.pk]),
        {"outcome": "return", "seen_state": "screening"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("proposals:review", args=[screening.pk]), 302)]
    assert message_texts(response) == [
        "This proposal is now “In evaluation”; your screening was not recorded."
    ]
    assert ScreeningDecision.objects.count() == 1


# Moving the information due date --------------------------------------------------------


@pytest.fixture
def returned_proposal(officer):
    proposal = in_screening(officer)
    screen_proposal(
        proposal=proposal,
        outcome="return",
        missing_items=[MissingItem("management", "แผนการลงทุนรายปี")],
        due_on=timezone.localdate() + dt.timedelta(days=14),
        by=officer,
    )
    proposal.refresh_from_db()
    return proposal


def typed_be(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{be_year(day.year)}"


def extend_url(proposal) -> str:
    return reverse("proposals:extend_information_due", args=[proposal.pk])


def due_of(proposal) -> dt.date:
    return Proposal.objects.get(pk=proposal.pk).information_due_on


@pytest.mark.django_db
def test_the_secretariat_moves_the_due_date_typed_in_be_and_the_applicant_sees_it(
    secretariat, returned_proposal, django_capture_on_commit_callbacks
):
    owner = returned_proposal.organisation.memberships.get().user
    new = returned_proposal.information_due_on + dt.timedelta(days=21)
    page = secretariat.get(reverse("proposals:review", args=[returned_proposal.pk]))
    assert 'data-testid="extend-due"' in page.text
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(
            extend_url(returned_proposal), {"due_on": typed_be(new), "reason": "น้ำท่วมสำนักงาน"}
        )

    assert (response.status_code, response.url) == (
        302,
        reverse("proposals:review", args=[returned_proposal.pk]),
    )
    assert due_of(returned_proposal) == new
    [email] = mail.outbox
    assert email.to == [owner.email]
    applicant_page = client_for(owner).get(reverse("proposals:detail", args=[returned_proposal.pk]))
    thai_date = f"{new.day} {THAI_MONTHS[new.month - 1]} {be_year(new.year)}"
    assert f"เลื่อนกำหนดส่งเป็น {thai_date}" in applicant_page.text
    assert "น้ำท่วมสำนักงาน" in applicant_page.text
    assert f"กรุณาส่งข้อเสนออีกครั้งภายในวันที่ {thai_date}" in email.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"due_on": "1/1/2563", "reason": "ขอขยาย"}, "in the past"),
        ({"reason": "ขอขยาย"}, "This field is required"),
        ({"due_on": "31/2/2580", "reason": "ขอขยาย"}, "Enter a date"),
        ({"due_on": "2099-01-01", "reason": "  "}, "This field is required"),
    ],
)
@pytest.mark.django_db
def test_moving_the_due_date_refuses_bad_input_keeping_what_was_typed(
    secretariat, returned_proposal, data, message
):
    current = returned_proposal.information_due_on

    response = in_english(secretariat).post(extend_url(returned_proposal), data)

    assert response.status_code == 400
    form = response.context["extend_form"]
    errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
    assert message in errors
    assert due_of(returned_proposal) == current
    assert not StateChange.objects.filter(proposal=returned_proposal, due_on__isnull=False).exists()


@pytest.mark.django_db
def test_a_double_submission_moves_the_due_date_once(
    secretariat, returned_proposal, django_capture_on_commit_callbacks
):
    new = returned_proposal.information_due_on + dt.timedelta(days=7)
    data = {"due_on": new.isoformat(), "reason": "ขอขยาย"}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = secretariat.post(extend_url(returned_proposal), data)
        second = in_english(secretariat).post(extend_url(returned_proposal), data)

    assert (first.status_code, second.status_code) == (302, 400)
    assert "later than the current one" in str(second.context["extend_form"].non_field_errors())
    assert StateChange.objects.filter(proposal=returned_proposal, due_on=new).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_moving_the_due_date_of_a_proposal_not_returned_says_so(secretariat, screening):
    response = in_english(secretariat).post(
        extend_url(screening), {"due_on": "2099-01-01", "reason": "ขอขยาย"}, follow=True
    )

    assert response.redirect_chain == [(reverse("proposals:review", args=[screening.pk]), 302)]
    assert "Only a returned proposal" in message_texts(response)[0]
    assert due_of(screening) is None


@pytest.mark.django_db
def test_moving_the_due_date_is_forbidden_to_applicants_and_hidden_from_outsiders(
    returned_proposal, other_applicant
):
    own = client_for(member(returned_proposal.organisation, role=MembershipRole.OWNER))
    data = {"due_on": "2099-01-01", "reason": "ขอขยาย"}
    reviewer = client_for(ReviewerFactory().user)

    responses = [c.post(extend_url(returned_proposal), data) for c in (own, reviewer)]
    outsider = other_applicant.post(extend_url(returned_proposal), data)

    assert [r.status_code for r in responses] == [403, 404]
    assert outsider.status_code == 404
    assert due_of(returned_proposal) == returned_proposal.information_due_on


@pytest.mark.django_db
def test_moving_the_due_date_sends_the_anonymous_to_sign_in_and_refuses_get(
    anonymous, secretariat, returned_proposal
):
    url = extend_url(returned_proposal)

    response = anonymous.post(url, {"due_on": "2099-01-01", "reason": "ขอขยาย"})

    assert (response.status_code, response.url) == (302, login_url(url))
    assert secretariat.get(url).status_code == 405
    assert (
        secretariat.post(reverse("proposals:extend_information_due", args=[999_999])).status_code
        == 404
    )
