"""The secretariat's evaluation pages: who may open them, and what each action does."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartcity.accounts.models import User
from smartcity.core.i18n import localised
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province
from smartcity.proposals.enums import ProposalState
from smartcity.reviews.enums import ConflictSource, PhaseStatus, ReviewState
from smartcity.reviews.models import (
    Assignment,
    Conflict,
    ConflictRules,
    Review,
    Reviewer,
    ReviewPhase,
    SummaryRecommendation,
)
from smartcity.reviews.services import (
    EvaluationError,
    assign_reviewer,
    declare_conflict,
    detect_conflicts,
    write_summary,
)
from smartcity.reviews.services.phases import create_phase, update_phase
from smartcity.reviews.services.reviewers import invite_reviewer
from tests.proposals.factories import ProposalFactory, member
from tests.reviews.factories import (
    DUE,
    FIRST,
    PERFECT,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    in_evaluation,
    reviewed,
)

LATER = timezone.localdate() + dt.timedelta(days=30)


def client_for(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["smartcity_language"] = language
    return client


def in_english(client: Client) -> Client:
    """Messages are asserted in English: the source text, whatever the translations say."""
    client.cookies["smartcity_language"] = "en"
    return client


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def shown(response) -> list[str]:
    """The messages the page drew, after following the redirect."""
    return [str(m) for m in response.context["messages"]]


def login_url(next_url: str) -> str:
    return f"{reverse('accounts:login')}?next={next_url}"


@pytest.fixture
def officer(secretariat_user):
    return secretariat_user


@pytest.fixture
def phase(db):
    return PhaseFactory()


@pytest.fixture
def reviewer_client(db) -> Client:
    return client_for(ReviewerFactory().user)


@pytest.fixture
def applicant(db) -> Client:
    return client_for(member(ProposalFactory().organisation))


@pytest.fixture
def world(officer, phase):
    """A proposal with one submitted review, and a detected conflict."""
    proposal = reviewed(officer, phase, FIRST)
    colleague = ReviewerFactory(organisation=proposal.organisation)
    conflict = detect_conflicts(dossier=dossier_of(proposal), reviewers=[colleague])[0]
    review = Review.objects.get(assignment__dossier=dossier_of(proposal))
    return {"phase": phase, "proposal": proposal, "conflict": conflict, "review": review}


def url(name: str, world: dict) -> str:
    args = {
        "dossier": [dossier_of(world["proposal"]).pk],
        "summary": [dossier_of(world["proposal"]).pk],
        "complete": [dossier_of(world["proposal"]).pk],
        "phase_edit": [world["phase"].pk],
        "reopen": [world["review"].pk],
        "dismiss_conflict": [world["conflict"].pk],
        "reviewer_edit": [world["review"].assignment.reviewer_id],
        "extend_due": [world["review"].assignment_id],
    }.get(name, [])
    return reverse(f"reviews:{name}", args=args)


GET_PAGES = [
    "board",
    "dossier",
    "phases",
    "phase_edit",
    "reviewers",
    "reviewer_edit",
    "conflicts",
    "assign",
    "export_csv",
    "export_xlsx",
]
POST_ACTIONS = {
    "summary": {"recommendation": "approve", "summary": "ผ่าน"},
    "complete": {},
    "reopen": {"reason": "แก้คะแนน"},
    "dismiss_conflict": {"reason": "ย้ายหน่วยงานแล้ว"},
    "phases": {
        "name_th": "รอบ 2",
        "name_en": "Round 2",
        "status": "planned",
        "score_visibility": "never",
        "reviewers_per_proposal": 2,
        "disagreement_threshold": 15,
    },
    "phase_edit": {
        "name_th": "รอบ 1",
        "name_en": "Round 1",
        "status": "closed",
        "score_visibility": "never",
        "reviewers_per_proposal": 2,
        "disagreement_threshold": 15,
    },
    "reviewers": {"email": "new@example.go.th", "full_name": "ผู้เชี่ยวชาญ", "max_load": 3},
    "reviewer_edit": {"max_load": 4, "expertise": ["energy"]},
    "extend_due": {"due_on": "2099-01-01", "reason": "ขอขยาย"},
    "conflicts": {},
    "assign": {"action": "assign", "due_on": LATER.isoformat()},
    "assign_auto": {"due_on": LATER.isoformat()},
    "export_request": {"format": "csv"},
}


# Who may open what ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", GET_PAGES)
@pytest.mark.parametrize("persona", ["secretariat", "admin"])
def test_pages_open_for_the_secretariat_and_admins(request, world, name, persona):
    client = request.getfixturevalue(persona)

    response = client.get(url(name, world))
    if response.streaming:  # an export: read to the end, which closes its temporary file
        b"".join(response.streaming_content)

    assert response.status_code == 200


@pytest.mark.parametrize("name", GET_PAGES)
@pytest.mark.parametrize("persona", ["reviewer_client", "applicant"])
def test_pages_are_forbidden_to_reviewers_and_applicants(request, world, name, persona):
    client = request.getfixturevalue(persona)

    response = client.get(url(name, world))

    assert response.status_code == 403


@pytest.mark.parametrize("name", GET_PAGES)
def test_pages_send_the_anonymous_to_sign_in(anonymous, world, name):
    target = url(name, world)

    response = anonymous.get(target)

    assert (response.status_code, response.url) == (302, login_url(target))


@pytest.mark.parametrize("name", list(POST_ACTIONS))
@pytest.mark.parametrize("persona", ["reviewer_client", "applicant"])
def test_actions_are_forbidden_to_reviewers_and_applicants_and_change_nothing(
    request, world, name, persona
):
    client = request.getfixturevalue(persona)
    audit_rows = AuditEntry.objects.count()

    response = client.post(url(name, world), POST_ACTIONS[name] | {"phase": world["phase"].pk})

    assert response.status_code == 403
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.parametrize("name", list(POST_ACTIONS))
def test_actions_send_the_anonymous_to_sign_in_and_change_nothing(anonymous, world, name):
    audit_rows = AuditEntry.objects.count()
    target = url(name, world)

    response = anonymous.post(target, POST_ACTIONS[name] | {"phase": world["phase"].pk})

    assert (response.status_code, response.url) == (302, login_url(target))
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.parametrize(
    "name",
    [
        "summary",
        "complete",
        "reopen",
        "dismiss_conflict",
        "assign_auto",
        "extend_due",
        "export_request",
    ],
)
def test_actions_reject_get(secretariat, world, name):
    assert secretariat.get(url(name, world)).status_code == 405


@pytest.mark.parametrize("name", GET_PAGES)
def test_pages_reject_other_methods(secretariat, world, name):
    assert secretariat.delete(url(name, world)).status_code == 405


@pytest.mark.parametrize("name", ["board", "dossier", "export_csv", "export_xlsx"])
def test_read_only_pages_reject_post(secretariat, world, name):
    assert secretariat.post(url(name, world)).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "dossier",
        "summary",
        "complete",
        "phase_edit",
        "reopen",
        "dismiss_conflict",
        "reviewer_edit",
    ],
)
def test_a_bad_identifier_is_404(secretariat, world, name):
    method = secretariat.get if name in GET_PAGES else secretariat.post

    response = method(reverse(f"reviews:{name}", args=[999_999]), {"reason": "x"})

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["board", "reviewers", "assign", "export_csv", "export_xlsx"])
@pytest.mark.parametrize("value", ["999999", "abc"])
def test_a_bad_phase_is_404(secretariat, world, name, value):
    assert secretariat.get(reverse(f"reviews:{name}"), {"phase": value}).status_code == 404


def test_a_proposal_never_in_evaluation_is_404_on_the_evaluation_page(secretariat, db):
    draft = ProposalFactory()

    subject_page = reverse("reviews:subject", args=["proposal", draft.pk])

    assert secretariat.get(subject_page).status_code == 404


def test_the_navigation_links_the_secretariat_to_the_evaluation(secretariat, db):
    html = secretariat.get(reverse("proposals:queue")).text

    assert 'data-testid="nav-evaluation"' in html
    assert reverse("reviews:board") in html


# The board -----------------------------------------------------------------------------------


def test_the_board_ranks_flags_disagreement_and_shows_the_summary(secretariat, officer, phase):
    weak = reviewed(officer, phase, FIRST)  # 64
    split = reviewed(officer, phase, FIRST, PERFECT)  # 64 and 100: mean 82, range 36
    write_summary(dossier=dossier_of(split), recommendation="approve", summary="ดีมาก", by=officer)
    pending = in_evaluation(officer)
    assign_reviewer(
        phase=phase, dossier=dossier_of(pending), reviewer=ReviewerFactory(), due_on=DUE, by=officer
    )

    response = in_english(secretariat).get(reverse("reviews:board"))

    rows = response.context["page"].object_list
    assert [row.dossier.subject_id for row in rows] == [split.pk, weak.pk, pending.pk]
    assert [row.rank for row in rows] == [1, 2, None]
    assert [(row.submitted, row.assigned) for row in rows] == [(2, 2), (1, 1), (0, 1)]
    assert [p.disagreement for p in rows] == [True, False, False]
    assert rows[0].board_summary.recommendation == "approve"
    html = response.text
    assert html.count('data-testid="disagreement"') == 1
    assert reverse("reviews:dossier", args=[dossier_of(split).pk]) in html
    assert "Approve" in html


def test_the_board_defaults_to_the_latest_open_phase(secretariat, officer):
    older = PhaseFactory(name_th="รอบเก่า", status=PhaseStatus.OPEN)
    newer = PhaseFactory(name_th="รอบใหม่", status=PhaseStatus.OPEN)
    PhaseFactory(name_th="รอบที่วางแผน", status=PhaseStatus.PLANNED)

    default = secretariat.get(reverse("reviews:board"))
    chosen = secretariat.get(reverse("reviews:board"), {"phase": older.pk})

    assert default.context["phase"] == newer
    assert chosen.context["phase"] == older


def test_the_board_without_any_phase_invites_to_create_one(secretariat, db):
    response = secretariat.get(reverse("reviews:board"))

    assert response.status_code == 200
    assert 'data-testid="no-phase"' in response.text


# One proposal --------------------------------------------------------------------------------


def test_the_proposal_page_shows_each_review_with_its_reviewer_and_the_aggregate(
    secretariat, officer, phase
):
    proposal = reviewed(officer, phase, FIRST, PERFECT)
    names = [a.reviewer.user.full_name for a in dossier_of(proposal).assignments.all()]

    response = in_english(secretariat).get(
        reverse("reviews:dossier", args=[dossier_of(proposal).pk])
    )

    html = response.text
    assert response.status_code == 200
    assert all(name in html for name in names)
    assert html.count("เหตุผลประกอบ") == 2 * len(FIRST)  # every item's comment, per review
    assert "พอใช้" in html  # a domain assessment
    criteria = {c["row"].criterion: c["row"].passed for c in response.context["criteria"]}
    assert criteria == {
        "area_vision": True,
        "infrastructure": True,
        "data_platform": True,
        "services": True,
        "management": True,
    }
    assert response.context["aggregate"].mean == Decimal("82.00")
    assert 'data-testid="disagreement"' in html
    assert html.count('data-testid="reopen-') == 2


def test_reopening_a_review_needs_a_reason_and_is_audited(secretariat, officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    review = Review.objects.get(assignment__dossier=dossier_of(proposal))
    target = reverse("reviews:reopen", args=[review.pk])
    in_english(secretariat)

    refused = secretariat.post(target, {"reason": " "}, follow=True)
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED
    assert shown(refused) == ["Reason: This field is required."]  # the field is named

    done = secretariat.post(target, {"reason": "พิมพ์ผิด"}, follow=True)

    review.refresh_from_db()
    assert done.redirect_chain == [
        (reverse("reviews:dossier", args=[dossier_of(proposal).pk]), 302)
    ]
    assert review.state == ReviewState.REOPENED
    assert AuditEntry.objects.filter(action="reviews.review.reopened", note="พิมพ์ผิด").count() == 1

    again = secretariat.post(target, {"reason": "อีกครั้ง"}, follow=True)
    assert shown(again) == ["Only a submitted review can be reopened."]


def test_the_summary_is_written_and_a_refusal_keeps_what_was_typed(secretariat, officer, phase):
    proposal = reviewed(officer, phase, FIRST)
    target = reverse("reviews:summary", args=[dossier_of(proposal).pk])
    in_english(secretariat)

    refused = secretariat.post(
        target, {"recommendation": "approve_with_conditions", "summary": "สรุปยาว", "conditions": ""}
    )

    assert refused.status_code == 400
    assert message_texts(refused) == ["Write the conditions the proponent must revise."]
    assert "สรุปยาว" in refused.text
    assert not SummaryRecommendation.objects.exists()

    saved = secretariat.post(target, {"recommendation": "reject", "summary": "ไม่ผ่านเกณฑ์"})

    assert saved.status_code == 302
    assert (
        SummaryRecommendation.objects.get(dossier=dossier_of(proposal)).recommendation == "reject"
    )


def test_completing_the_evaluation_needs_the_summary_then_moves_the_proposal(
    secretariat, officer, phase
):
    proposal = reviewed(officer, phase, FIRST)
    target = reverse("reviews:complete", args=[dossier_of(proposal).pk])
    in_english(secretariat)

    refused = secretariat.post(target)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_EVALUATION
    assert message_texts(refused) == ["Write the secretariat's summary recommendation first."]

    write_summary(dossier=dossier_of(proposal), recommendation="approve", summary="ผ่าน", by=officer)
    secretariat.post(target)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.EVALUATED
    page = secretariat.get(reverse("reviews:dossier", args=[dossier_of(proposal).pk]))
    assert 'data-testid="complete"' not in page.text


# Phases --------------------------------------------------------------------------------------


def test_creating_a_phase_through_the_page_is_audited(secretariat, officer):
    response = secretariat.post(reverse("reviews:phases"), POST_ACTIONS["phases"])

    phase = ReviewPhase.objects.get()
    assert response.url == reverse("reviews:phases")
    assert (phase.name_en, phase.status, phase.reviewers_per_proposal) == ("Round 2", "planned", 2)
    assert phase.disagreement_threshold == Decimal("15")
    entry = AuditEntry.objects.get(action="reviews.phase.created")
    assert (entry.actor, entry.after["score_visibility"]) == (officer, "never")


def test_a_phase_with_no_reviewers_per_proposal_is_refused(secretariat, db):
    response = in_english(secretariat).post(
        reverse("reviews:phases"), POST_ACTIONS["phases"] | {"reviewers_per_proposal": 0}
    )

    assert response.status_code == 400
    assert not ReviewPhase.objects.exists()
    assert "between 1 and 20 reviewers" in response.text


def test_editing_a_phase_offers_and_accepts_only_allowed_status_changes(secretariat, phase):
    target = reverse("reviews:phase_edit", args=[phase.pk])  # the factory's phase is open
    data = POST_ACTIONS["phase_edit"]

    offered = secretariat.get(target).context["form"].fields["status"].choices
    refused = secretariat.post(target, data | {"status": "planned"})
    closed = secretariat.post(target, data | {"status": "closed"})

    assert [value for value, _label in offered] == ["open", "closed"]
    assert refused.status_code == 400
    assert closed.status_code == 302
    phase.refresh_from_db()
    assert (phase.status, phase.name_en) == ("closed", "Round 1")
    entry = AuditEntry.objects.get(action="reviews.phase.changed")
    assert (entry.before["status"], entry.after["status"]) == ("open", "closed")


def test_update_phase_writes_only_what_changed_and_nothing_when_nothing_did(officer, phase):
    update_phase(phase=phase, by=officer, blind=True)
    update_phase(phase=phase, by=officer, blind=True)

    entries = AuditEntry.objects.filter(action="reviews.phase.changed")
    assert [(e.before, e.after) for e in entries] == [({"blind": False}, {"blind": True})]


def test_update_phase_refuses_a_status_the_table_does_not_allow(officer, phase):
    with pytest.raises(EvaluationError):
        update_phase(phase=phase, by=officer, status=PhaseStatus.PLANNED)

    phase.refresh_from_db()
    assert phase.status == PhaseStatus.OPEN


def test_create_phase_tidies_names_and_is_audited(officer):
    phase = create_phase(name_th="  รอบ   ที่ 2 ", name_en="Round 2", by=officer)

    assert phase.name_th == "รอบ ที่ 2"
    assert AuditEntry.objects.filter(action="reviews.phase.created", actor=officer).count() == 1


# The reviewer pool ---------------------------------------------------------------------------


def test_the_pool_shows_each_reviewers_load_in_the_phase(secretariat, officer, phase):
    busy = ReviewerFactory(max_load=4, expertise=["energy"])
    idle = ReviewerFactory(max_load=2, is_active=False)
    for _ in range(2):
        assign_reviewer(
            phase=phase,
            dossier=dossier_of(in_evaluation(officer)),
            reviewer=busy,
            due_on=DUE,
            by=officer,
        )

    response = in_english(secretariat).get(reverse("reviews:reviewers"))

    loads = {r.pk: (r.load, r.max_load) for r in response.context["page"].object_list}
    assert loads == {busy.pk: (2, 4), idle.pk: (0, 2)}
    assert "Smart Energy" in response.text


def test_the_secretariat_edits_a_reviewers_cap_and_expertise_from_the_pool(secretariat, officer):
    reviewer = ReviewerFactory(max_load=2, expertise=["mobility"])
    pool = secretariat.get(reverse("reviews:reviewers"))
    edit_url = reverse("reviews:reviewer_edit", args=[reviewer.pk])
    assert f'href="{edit_url}"' in pool.text

    response = secretariat.post(
        edit_url,
        {
            "organisation_name": "สถาบันวิจัยเมือง",
            "province": Province.objects.get(code="65").pk,
            "expertise": ["energy", "environment"],
            "max_load": 6,
        },
    )

    assert (response.status_code, response.url) == (302, reverse("reviews:reviewers"))
    reviewer.refresh_from_db()
    assert (
        reviewer.max_load,
        reviewer.expertise,
        reviewer.organisation_name,
        reviewer.province.code,
    ) == (6, ["environment", "energy"], "สถาบันวิจัยเมือง", "65")
    assert AuditEntry.objects.filter(action="reviews.reviewer.updated", actor=officer).count() == 1


def test_a_cap_below_the_load_is_refused_on_the_page_in_thai_keeping_what_was_typed(officer, phase):
    reviewer = ReviewerFactory(max_load=3, expertise=["mobility"])
    for _ in range(2):
        assign_reviewer(
            phase=phase,
            dossier=dossier_of(in_evaluation(officer)),
            reviewer=reviewer,
            due_on=DUE,
            by=officer,
        )
    thai = client_for(officer, language="th")

    response = thai.post(
        reverse("reviews:reviewer_edit", args=[reviewer.pk]),
        {"organisation_name": "หน่วยงานใหม่", "expertise": ["energy"], "max_load": 1},
    )

    assert response.status_code == 400
    assert "ไม่สามารถกำหนดจำนวนสูงสุดให้น้อยกว่านั้นได้" in response.text
    assert 'value="หน่วยงานใหม่"' in response.text
    reviewer.refresh_from_db()
    assert (reviewer.max_load, reviewer.expertise) == (3, ["mobility"])


def test_the_reviewer_edit_page_shows_the_stored_details(secretariat):
    reviewer = ReviewerFactory(max_load=7, expertise=["energy"], organisation_name="มหาวิทยาลัย ก")

    response = secretariat.get(reverse("reviews:reviewer_edit", args=[reviewer.pk]))

    form = response.context["form"]
    assert (form["max_load"].value(), form["expertise"].value()) == (7, ["energy"])
    assert 'value="มหาวิทยาลัย ก"' in response.text


def test_inviting_a_reviewer_creates_the_account_and_emails_a_working_link(
    secretariat, officer, anonymous, django_capture_on_commit_callbacks
):
    data = {
        "email": "Expert@Example.go.th",
        "full_name": "ดร. ผู้เชี่ยวชาญ",
        "organisation_name": "มหาวิทยาลัยทดสอบ",
        "expertise": ["energy", "mobility"],
        "max_load": 3,
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(reverse("reviews:reviewers"), data)

    assert response.url == reverse("reviews:reviewers")
    reviewer = Reviewer.objects.select_related("user").get()
    assert (reviewer.user.email, reviewer.expertise, reviewer.max_load) == (
        "expert@example.go.th",
        ["mobility", "energy"],
        3,
    )
    assert not reviewer.user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["expert@example.go.th"]]
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/[^\s]+)", mail.outbox[0].body)
    opened = anonymous.get(link.group(1), follow=True)
    assert opened.status_code == 200
    set_password = anonymous.post(
        opened.redirect_chain[-1][0],
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
    )
    assert set_password.status_code == 302
    reviewer.user.refresh_from_db()
    assert reviewer.user.check_password("a long new passphrase 42")


def test_the_invitation_is_written_in_the_persons_language(
    officer, django_capture_on_commit_callbacks
):
    english = User.objects.create_user(
        email="en@example.go.th", full_name="Jane Expert", preferred_language="en"
    )
    arguments = {
        "full_name": "",
        "organisation_name": "",
        "province": None,
        "expertise": [],
        "max_load": 2,
        "by": officer,
        "site_url": "https://smartcity.example.go.th/",
    }

    with django_capture_on_commit_callbacks(execute=True):
        invite_reviewer(email="EN@example.go.th", **arguments)
        invite_reviewer(email="th@example.go.th", **(arguments | {"full_name": "คุณทดสอบ"}))

    by_address = {m.to[0]: m.body for m in mail.outbox}
    valid_until = timezone.localdate() + dt.timedelta(days=3)
    assert str(valid_until.year) in by_address["en@example.go.th"]
    assert str(valid_until.year + 543) in by_address["th@example.go.th"]
    assert Reviewer.objects.get(user__email="en@example.go.th").user == english


def test_inviting_the_same_person_again_reuses_them_and_sends_a_new_link(
    officer, django_capture_on_commit_callbacks
):
    arguments = {
        "full_name": "ผู้เชี่ยวชาญ",
        "organisation_name": "สถาบันหนึ่ง",
        "province": None,
        "by": officer,
        "site_url": "https://smartcity.example.go.th/",
    }

    with django_capture_on_commit_callbacks(execute=True):
        first = invite_reviewer(
            email="again@example.go.th", expertise=["people"], max_load=2, **arguments
        )
        first.is_active = False
        first.save()
        second = invite_reviewer(
            email="AGAIN@example.go.th", expertise=["energy"], max_load=4, **arguments
        )

    assert second.pk == first.pk
    assert (User.objects.filter(email__iexact="again@example.go.th").count(), len(mail.outbox)) == (
        1,
        2,
    )
    second.refresh_from_db()
    assert (second.expertise, second.max_load, second.is_active) == (["energy"], 4, True)
    entries = AuditEntry.objects.filter(action="reviews.reviewer.invited").order_by("pk")
    assert [e.after["user_created"] for e in entries] == [True, False]
    assert entries[1].before["max_load"] == 2


def test_an_invitation_with_an_unknown_domain_is_refused(officer):
    with pytest.raises(EvaluationError):
        invite_reviewer(
            email="x@example.go.th",
            full_name="X",
            organisation_name="",
            province=None,
            expertise=["astrology"],
            max_load=2,
            by=officer,
            site_url="/",
        )

    assert not User.objects.filter(email="x@example.go.th").exists()


def test_an_invalid_invitation_keeps_the_form(secretariat, db):
    response = secretariat.post(reverse("reviews:reviewers"), {"email": "not-an-address"})

    assert response.status_code == 400
    assert not Reviewer.objects.exists()
    assert len(mail.outbox) == 0


# Conflicts of interest -----------------------------------------------------------------------


def test_detecting_conflicts_finds_every_proposal_in_evaluation(secretariat, officer):
    proposals = [in_evaluation(officer) for _ in range(2)]
    colleagues = [ReviewerFactory(organisation=p.organisation) for p in proposals]
    ReviewerFactory()

    response = in_english(secretariat).post(reverse("reviews:conflicts"))

    assert response.url == reverse("reviews:conflicts")
    assert set(Conflict.objects.values_list("reviewer", "dossier__subject_id")) == {
        (c.pk, p.pk) for c, p in zip(colleagues, proposals, strict=True)
    }
    assert message_texts(response) == ["2 proposal(s) checked; 2 new conflicts found."]


def test_a_detected_conflict_is_dismissed_with_a_reason(secretariat, officer, world):
    conflict = world["conflict"]
    target = reverse("reviews:dismiss_conflict", args=[conflict.pk])

    secretariat.post(target, {"reason": ""})
    conflict.refresh_from_db()
    assert conflict.dismissed_at is None

    secretariat.post(target, {"reason": "ย้ายหน่วยงานตั้งแต่ปี 2565"})

    conflict.refresh_from_db()
    assert (conflict.dismissed_by, conflict.dismissal_reason) == (
        officer,
        "ย้ายหน่วยงานตั้งแต่ปี 2565",
    )
    dismissed = secretariat.get(reverse("reviews:conflicts"), {"show": "dismissed"})
    assert [c.pk for c in dismissed.context["page"].object_list] == [conflict.pk]


def test_a_declared_conflict_shows_no_dismiss_button_and_cannot_be_dismissed(
    secretariat, officer, phase
):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    declared = declare_conflict(
        reviewer=reviewer, dossier=dossier_of(proposal), reason="ญาติ", by=reviewer.user
    )

    page = in_english(secretariat).get(reverse("reviews:conflicts"))
    refused = secretariat.post(
        reverse("reviews:dismiss_conflict", args=[declared.pk]), {"reason": "ไม่เกี่ยว"}
    )

    assert f'data-testid="dismiss-{declared.pk}"' not in page.text
    assert message_texts(refused) == ["A conflict the reviewer declared cannot be dismissed."]
    declared.refresh_from_db()
    assert declared.dismissed_at is None


# Assignment ----------------------------------------------------------------------------------


def test_the_assignment_board_never_offers_a_conflicted_or_full_reviewer(
    secretariat, officer, phase
):
    proposal = in_evaluation(officer)
    free = ReviewerFactory(expertise=["mobility"])
    conflicted = ReviewerFactory()
    Conflict.objects.create(
        reviewer=conflicted, dossier=dossier_of(proposal), source=ConflictSource.SAME_PROVINCE
    )
    full = ReviewerFactory(max_load=1)
    assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=full,
        due_on=DUE,
        by=officer,
    )

    response = secretariat.get(reverse("reviews:assign"))

    row = next(d for d in response.context["page"].object_list if d.subject_id == proposal.pk)
    assert [c["reviewer"].pk for c in row.candidates] == [free.pk]
    assert f'value="{dossier_of(proposal).pk}:{conflicted.pk}"' not in response.text
    assert f'value="{dossier_of(proposal).pk}:{free.pk}"' in response.text


def test_assigning_one_reviewer(secretariat, officer, phase):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()

    response = secretariat.post(
        reverse("reviews:assign"),
        {
            "action": "assign",
            "phase": phase.pk,
            "dossier": dossier_of(proposal).pk,
            "reviewer": reviewer.pk,
            "due_on": LATER.isoformat(),
        },
    )

    assert response.url == f"{reverse('reviews:assign')}?phase={phase.pk}"
    assignment = Assignment.objects.get()
    assert (assignment.reviewer, assignment.due_on, assignment.assigned_by) == (
        reviewer,
        LATER,
        officer,
    )


def test_assigning_a_conflicted_reviewer_is_refused_with_a_message(secretariat, officer, phase):
    proposal = in_evaluation(officer)
    colleague = ReviewerFactory(organisation=proposal.organisation)

    response = in_english(secretariat).post(
        reverse("reviews:assign"),
        {
            "action": "assign",
            "phase": phase.pk,
            "dossier": dossier_of(proposal).pk,
            "reviewer": colleague.pk,
            "due_on": LATER.isoformat(),
        },
    )

    assert not Assignment.objects.exists()
    assert message_texts(response) == [
        f"{colleague} has a conflict of interest with this proposal."
    ]


def test_a_due_date_in_the_past_is_refused(secretariat, officer, phase):
    response = secretariat.post(
        reverse("reviews:assign"),
        {
            "action": "assign",
            "phase": phase.pk,
            "dossier": dossier_of(in_evaluation(officer)).pk,
            "reviewer": ReviewerFactory().pk,
            "due_on": "2020-01-01",
        },
    )

    assert response.status_code == 302
    assert not Assignment.objects.exists()


def test_an_unknown_assignment_action_is_a_bad_request(secretariat, phase):
    response = secretariat.post(reverse("reviews:assign"), {"action": "x", "phase": phase.pk})

    assert response.status_code == 400


def test_bulk_assignment_is_previewed_then_confirmed(secretariat, officer, phase):
    proposals = [in_evaluation(officer) for _ in range(2)]
    reviewers = [ReviewerFactory() for _ in range(2)]
    pairs = [f"{dossier_of(p).pk}:{r.pk}" for p in proposals for r in reviewers]

    preview = secretariat.post(
        reverse("reviews:assign"), {"action": "preview", "phase": phase.pk, "pair": pairs}
    )

    assert preview.status_code == 200
    assert preview.text.count('data-testid="selected-pair"') == 4
    assert not Assignment.objects.exists()

    confirmed = secretariat.post(
        reverse("reviews:assign"),
        {"action": "confirm", "phase": phase.pk, "pair": pairs, "due_on": LATER.isoformat()},
    )

    assert confirmed.status_code == 302
    assert set(Assignment.objects.values_list("dossier__subject_id", "reviewer")) == {
        (p.pk, r.pk) for p in proposals for r in reviewers
    }
    assert AuditEntry.objects.filter(action="reviews.assignment.created").count() == 4


def test_bulk_assignment_is_all_or_nothing(secretariat, officer, phase):
    proposal = in_evaluation(officer)
    free = ReviewerFactory()
    colleague = ReviewerFactory(organisation=proposal.organisation)

    response = in_english(secretariat).post(
        reverse("reviews:assign"),
        {
            "action": "confirm",
            "phase": phase.pk,
            "pair": [
                f"{dossier_of(proposal).pk}:{free.pk}",
                f"{dossier_of(proposal).pk}:{colleague.pk}",
            ],
            "due_on": LATER.isoformat(),
        },
    )

    assert response.status_code == 400
    assert not Assignment.objects.exists()
    assert message_texts(response) == [
        f"Nothing was assigned: {colleague} has a conflict of interest with this proposal."
    ]
    assert response.text.count('data-testid="selected-pair"') == 2


@pytest.mark.parametrize("pair", ["1", "x:y", "999999:999999"])
def test_a_bulk_selection_of_unknown_pairs_is_refused(secretariat, phase, pair):
    response = secretariat.post(
        reverse("reviews:assign"), {"action": "preview", "phase": phase.pk, "pair": [pair]}
    )

    assert response.status_code == 302
    assert not Assignment.objects.exists()


def test_automatic_assignment_shows_what_was_assigned_and_the_shortfall(
    secretariat, officer, phase
):
    proposal = in_evaluation(officer)
    only = ReviewerFactory()

    response = secretariat.post(
        reverse("reviews:assign_auto"), {"phase": phase.pk, "due_on": LATER.isoformat()}
    )

    assert response.status_code == 200
    assert [(a.dossier.subject_id, a.reviewer.pk) for a in response.context["assigned"]] == [
        (proposal.pk, only.pk)
    ]
    assert [(s.dossier.subject_id, s.missing) for s in response.context["shortfalls"]] == [
        (proposal.pk, 1)
    ]
    assert 'data-testid="shortfall"' in response.text
    assert 'data-testid="reason-pool"' in response.text


def shortfall_texts(response) -> list[str]:
    items = re.findall(r'<li data-testid="shortfall">(.*?)</ul>\s*</li>', response.text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_automatic_assignment_says_in_thai_when_the_caps_run_out(officer, phase):
    first, second = in_evaluation(officer), in_evaluation(officer)
    ReviewerFactory(max_load=1)
    ReviewerFactory(max_load=1)

    response = client_for(officer, language="th").post(
        reverse("reviews:assign_auto"), {"phase": phase.pk, "due_on": LATER.isoformat()}
    )

    assert response.status_code == 200
    assert Assignment.objects.filter(dossier=dossier_of(first)).count() == 2
    [text] = shortfall_texts(response)
    assert localised(second, "name") in text
    assert "ได้ผู้ประเมิน 0 จาก 2 คน" in text
    assert "ผู้ประเมิน 2 คนรับข้อเสนอครบจำนวนสูงสุดแล้ว" in text
    assert "ผลประโยชน์ทับซ้อน" not in text


def test_automatic_assignment_says_in_thai_when_conflicts_exclude_everyone(officer, phase):
    proposal = in_evaluation(officer)
    for _ in range(3):
        ReviewerFactory(organisation=proposal.organisation)

    response = client_for(officer, language="th").post(
        reverse("reviews:assign_auto"), {"phase": phase.pk, "due_on": LATER.isoformat()}
    )

    [text] = shortfall_texts(response)
    assert "ได้ผู้ประเมิน 0 จาก 2 คน" in text
    assert "ผู้ประเมิน 3 คนมีผลประโยชน์ทับซ้อนกับข้อเสนอนี้" in text
    assert "จำนวนสูงสุด" not in text
    assert not Assignment.objects.exists()


def test_the_secretariat_moves_a_review_due_date_typed_in_be_and_the_reviewer_is_told(
    officer, phase, django_capture_on_commit_callbacks
):
    proposal = in_evaluation(officer)
    reviewer = ReviewerFactory()
    assignment = assign_reviewer(
        phase=phase, dossier=dossier_of(proposal), reviewer=reviewer, due_on=DUE, by=officer
    )
    thai = client_for(officer, language="th")
    page = thai.get(reverse("reviews:dossier", args=[dossier_of(proposal).pk]))
    assert f'data-testid="extend-{assignment.pk}"' in page.text
    new = DUE + dt.timedelta(days=10)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = thai.post(
            reverse("reviews:extend_due", args=[assignment.pk]),
            {"due_on": f"{new.day}/{new.month}/{new.year + 543}", "reason": "ขอข้อมูลเพิ่ม"},
            follow=True,
        )

    assert response.redirect_chain[-1][0].startswith(
        reverse("reviews:dossier", args=[dossier_of(proposal).pk])
    )
    assert Assignment.objects.get(pk=assignment.pk).due_on == new
    assert shown(response) == [
        f"กำหนดส่งผลการประเมินของ {reviewer} คือ 10 กุมภาพันธ์ 2573 ระบบได้แจ้งทางอีเมลแล้ว"
    ]
    [email] = mail.outbox
    assert email.to == [reviewer.user.email]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"due_on": "1/1/2563", "reason": "ขอขยาย"}, "The new due date is in the past."),
        ({"due_on": "2030-01-31", "reason": "ขอขยาย"}, "later than the current one"),
        ({"due_on": "2099-01-01"}, "This field is required."),
        ({"reason": "ขอขยาย"}, "This field is required."),
    ],
)
def test_moving_a_review_due_date_refuses_bad_input_with_a_message(
    secretariat, officer, phase, data, message
):
    assignment = assign_reviewer(
        phase=phase,
        dossier=dossier_of(in_evaluation(officer)),
        reviewer=ReviewerFactory(),
        due_on=DUE,
        by=officer,
    )

    response = in_english(secretariat).post(
        reverse("reviews:extend_due", args=[assignment.pk]), data, follow=True
    )

    assert any(message in text for text in shown(response))
    assert Assignment.objects.get(pk=assignment.pk).due_on == DUE


# The admin -----------------------------------------------------------------------------------


def test_the_conflict_rules_are_one_row_edited_in_the_admin(admin, admin_user):
    changelist = reverse("admin:reviews_conflictrules_changelist")
    add = reverse("admin:reviews_conflictrules_add")

    assert admin.get(changelist).url == add
    created = admin.post(add, {"same_organisation": "on", "same_province": "on"})

    rules = ConflictRules.objects.get()
    assert created.status_code == 302
    assert (rules.same_organisation, rules.same_province) == (True, True)
    assert admin.get(changelist).url == reverse(
        "admin:reviews_conflictrules_change", args=[rules.pk]
    )
    assert admin.get(add).status_code == 403
    entry = AuditEntry.objects.get(action="reviews.conflictrules.created")
    assert (entry.actor, entry.after["same_province"]) == (admin_user, True)


def test_the_admin_changes_a_phase_through_its_status_table(admin, admin_user, phase):
    change = reverse("admin:reviews_reviewphase_change", args=[phase.pk])
    data = {
        "name_th": phase.name_th,
        "name_en": phase.name_en,
        "reviewers_may_score": "on",
        "score_visibility": phase.score_visibility,
        "reviewers_per_proposal": phase.reviewers_per_proposal,
        "disagreement_threshold": "20",
    }

    refused = admin.post(change, data | {"status": "planned"})
    phase.refresh_from_db()
    assert (refused.status_code, phase.status) == (200, "open")

    closed = admin.post(change, data | {"status": "closed"})

    phase.refresh_from_db()
    assert (closed.status_code, phase.status) == (302, "closed")
    entry = AuditEntry.objects.get(action="reviews.phase.changed")
    assert (entry.actor, entry.before, entry.after) == (
        admin_user,
        {"status": "open"},
        {"status": "closed"},
    )


@pytest.mark.parametrize("model", ["conflict", "assignment", "review"])
def test_conflicts_assignments_and_reviews_are_read_only_in_the_admin(admin, world, model):
    obj = {"conflict": world["conflict"], "review": world["review"]}.get(
        model, world["review"].assignment
    )

    listing = admin.get(reverse(f"admin:reviews_{model}_changelist"))
    adding = admin.get(reverse(f"admin:reviews_{model}_add"))
    changing = admin.post(reverse(f"admin:reviews_{model}_change", args=[obj.pk]), {})

    assert (listing.status_code, adding.status_code, changing.status_code) == (200, 403, 403)


@pytest.mark.parametrize("model", ["reviewer", "reviewphase"])
def test_the_pool_and_the_phases_are_listed_in_the_admin(admin, world, model):
    assert admin.get(reverse(f"admin:reviews_{model}_changelist")).status_code == 200
