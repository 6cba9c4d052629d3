"""A reviewer with a conflict of interest learns nothing of the proposal: not its name, not
its proponent, on any page they can open or in any email they receive, through the whole
evaluation (others assigned, reviews submitted, a review reopened)."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from smartcity.geo.models import Province
from smartcity.proposals.services.screening import screen_proposal, start_screening
from smartcity.proposals.services.submission import submit_proposal
from smartcity.reviews.enums import ScoreVisibility
from smartcity.reviews.models import Assignment, ConflictRules
from smartcity.reviews.services import (
    EvaluationError,
    assign_automatically,
    assign_reviewer,
    detect_conflicts,
    reopen_review,
)
from tests.accounts.factories import OrganisationFactory
from tests.proposals.factories import ProposalFactory, complete, member
from tests.reviews.factories import (
    DUE,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    fill_and_submit,
    in_evaluation,
    sheet,
)

# Invented names, so that no page could show them for another reason.
SECRETS = {
    "proposal (Thai)": "ข้อเสนอนครมรกตเรืองแสง",
    "proposal (English)": "Glowing Emerald Smart City",
    "organisation (Thai)": "เทศบาลนครมรกตเรืองแสง",
    "organisation (English)": "Glowing Emerald City Municipality",
}
SEARCH_WORDS = ["มรกต", "Emerald", "Glowing"]
HTMX = {"HX-Request": "true"}
# Signing out would end the walk early; it shows nothing anyway.
SKIPPED_NAMES = {"accounts:logout", "admin:logout"}


def argument_free_urls() -> list[str]:
    """Every named URL of the site that takes no argument."""
    urls = set()

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if pattern.pattern.regex.groups:
                continue
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name in SKIPPED_NAMES:
                    continue
                try:
                    urls.add(reverse(name))
                except NoReverseMatch:
                    continue

    walk(get_resolver().url_patterns, "")
    return sorted(urls)


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def leaks(text: str) -> list[str]:
    return [label for label, secret in SECRETS.items() if secret.casefold() in text.casefold()]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def secret_proposal(officer):
    organisation = OrganisationFactory(
        name_th=SECRETS["organisation (Thai)"], name_en=SECRETS["organisation (English)"]
    )
    proposal = complete(
        ProposalFactory(
            organisation=organisation,
            name_th=SECRETS["proposal (Thai)"],
            name_en=SECRETS["proposal (English)"],
        )
    )
    submit_proposal(proposal=proposal, by=member(organisation))
    start_screening(proposal=proposal, by=officer)
    screen_proposal(proposal=proposal, outcome="pass", by=officer)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def evaluation(secretariat_user, programme_data, django_capture_on_commit_callbacks):
    """The whole flow around a proposal, with three conflicted reviewers watching: one
    found by the rules before assignment (same organisation), one who declares it from
    their score sheet, and one found conflicted after they were assigned (same province,
    once that rule is switched on)."""
    officer = secretariat_user
    with django_capture_on_commit_callbacks(execute=True):
        proposal = secret_proposal(officer)
        phase = PhaseFactory(score_visibility=ScoreVisibility.ALWAYS, reviewers_per_proposal=3)
        conflicted = ReviewerFactory(organisation=proposal.organisation)
        detect_conflicts(dossier=dossier_of(proposal), reviewers=[conflicted], by=officer)
        first, declarer, late = ReviewerFactory.create_batch(3)
        assigned = {
            r.pk: assign_reviewer(
                phase=phase, dossier=dossier_of(proposal), reviewer=r, due_on=DUE, by=officer
            )
            for r in (first, declarer, late)
        }
        with pytest.raises(EvaluationError):
            assign_reviewer(
                phase=phase,
                dossier=dossier_of(proposal),
                reviewer=conflicted,
                due_on=DUE,
                by=officer,
            )
        # Each conflicted reviewer also has an ordinary assignment of their own.
        elsewhere = in_evaluation(officer)
        own = {
            r.pk: assign_reviewer(
                phase=phase, dossier=dossier_of(elsewhere), reviewer=r, due_on=DUE, by=officer
            )
            for r in (conflicted, declarer, late)
        }
        for r in (conflicted, declarer, late):
            client = client_for(r.user)
            client.get(reverse("reviews:score_sheet", kwargs={"pk": own[r.pk].pk}))
            client.post(
                reverse("reviews:score_sheet", kwargs={"pk": own[r.pk].pk}),
                sheet(elsewhere, 0),
                headers=HTMX,
            )
        # The late one starts on the sheet; the declarer starts, then declares.
        late_sheet = reverse("reviews:score_sheet", kwargs={"pk": assigned[late.pk].pk})
        client_for(late.user).get(late_sheet)
        client_for(late.user).post(late_sheet, sheet(proposal, 0), headers=HTMX)
        declared = assigned.pop(declarer.pk)
        declarer_client = client_for(declarer.user)
        declarer_client.get(reverse("reviews:score_sheet", kwargs={"pk": declared.pk}))
        response = declarer_client.post(
            reverse("reviews:declare_conflict", kwargs={"pk": declared.pk}),
            {"reason": "เคยเป็นที่ปรึกษาของผู้เสนอ"},
        )
        assert response.status_code == 302
        # The automatic round fills the seat with someone else, never a conflicted one.
        ReviewerFactory()
        automatic = assign_automatically(
            phase=phase, dossiers=[dossier_of(proposal)], due_on=DUE, by=officer
        )
        [filled] = automatic.assigned
        assert filled.reviewer not in (conflicted, declarer)
        # Reviews are submitted; the first is reopened and corrected.
        review = fill_and_submit(assigned[first.pk], score=6)
        fill_and_submit(filled, score=8)
        reopen_review(review=review, reason="ทบทวนคะแนน", by=officer)
        first_sheet = reverse("reviews:score_sheet", kwargs={"pk": assigned[first.pk].pk})
        client_for(first.user).post(first_sheet, sheet(proposal, review.revision), headers=HTMX)
        # Then the province rule is switched on: the late reviewer is conflicted now.
        ConflictRules.objects.create(same_province=True)
        late.province = Province.objects.get(code="65")
        late.save()
        assert detect_conflicts(dossier=dossier_of(proposal), reviewers=[late], by=officer)
        # The daily reminders go out (the reopened review and the late one's are unsubmitted),
        # then the first reviewer resubmits.
        call_command(
            "send_review_reminders",
            today=(DUE - dt.timedelta(days=1)).isoformat(),
            stdout=StringIO(),
        )
        client_for(first.user).post(reverse("reviews:submit", kwargs={"pk": assigned[first.pk].pk}))
    assert not Assignment.objects.filter(dossier=dossier_of(proposal), reviewer=conflicted).exists()
    assert not Assignment.objects.filter(dossier=dossier_of(proposal), reviewer=declarer).exists()
    return {
        "proposal": proposal,
        "others": list(Assignment.objects.filter(dossier=dossier_of(proposal))),
        "declared_pk": declared.pk,
        "own": own,
        "first": first,
        "conflicted": conflicted,
        "declarer": declarer,
        "late": late,
    }


def proposal_urls(proposal, others, declared_pk) -> list[str]:
    pk = proposal.pk
    urls = [
        f"/proposals/{pk}/",
        f"/proposals/{pk}/edit/area/",
        f"/proposals/{pk}/edit/services/",
        f"/secretariat/proposals/{pk}/",
        f"/secretariat/evaluation/dossiers/{dossier_of(proposal).pk}/",
        f"/secretariat/evaluation/subjects/proposal/{pk}/",
        f"/reviews/{declared_pk}/",
    ]
    urls += [f"/reviews/{a.pk}/" for a in others]
    # Searched by a word of the names: a page repeats the query, not the whole name.
    for word in SEARCH_WORDS:
        urls += [
            f"/areas/?q={word}",
            f"/areas/export.csv?q={word}",
            f"/areas/export.geojson?q={word}",
            f"/secretariat/proposals/?q={word}",
        ]
    return urls


PERSONAS = ["conflicted", "declarer", "late"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.django_db
def test_a_conflicted_reviewer_sees_nothing_of_the_proposal_anywhere(evaluation, persona):
    reviewer = evaluation[persona]
    client = client_for(reviewer.user)
    own_sheet = reverse("reviews:score_sheet", kwargs={"pk": evaluation["own"][reviewer.pk].pk})
    gets = [
        *argument_free_urls(),
        own_sheet,
        *proposal_urls(evaluation["proposal"], evaluation["others"], evaluation["declared_pk"]),
    ]

    found = {}
    for url in gets:
        response = client.get(url)
        found[f"GET {url} ({response.status_code})"] = leaks(body(response))
    for assignment in evaluation["others"]:
        for name, data, headers in [
            ("reviews:score_sheet", sheet(evaluation["proposal"], 0), HTMX),
            ("reviews:submit", {}, {}),
            ("reviews:declare_conflict", {"reason": "x"}, {}),
        ]:
            response = client.post(
                reverse(name, kwargs={"pk": assignment.pk}), data, headers=headers
            )
            assert response.status_code == 404
            found[f"POST {name} {assignment.pk}"] = leaks(body(response))

    assert {page: labels for page, labels in found.items() if labels} == {}
    for assignment in evaluation["others"]:
        assert client.get(f"/reviews/{assignment.pk}/").status_code == 404
    assert client.get(f"/proposals/{evaluation['proposal'].pk}/").status_code == 404
    assert client.get(own_sheet).status_code == 200


@pytest.mark.django_db
def test_no_email_to_a_conflicted_reviewer_mentions_the_proposal(evaluation):
    # The flow did send email, some of it naming the proposal to those entitled to it.
    to_first = [m for m in mail.outbox if evaluation["first"].user.email in m.to]
    assert any(leaks(m.body) for m in to_first)
    # The late one was reminded of their own review, and of nothing else.
    assert any(evaluation["late"].user.email in m.to for m in mail.outbox)
    for persona in PERSONAS:
        address = evaluation[persona].user.email
        for message in mail.outbox:
            if address not in [*message.to, *message.cc, *message.bcc]:
                continue
            texts = [message.subject, message.body] + [
                content for content, _type in getattr(message, "alternatives", [])
            ]
            assert leaks("\n".join(texts)) == [], message.subject


@pytest.mark.django_db
def test_assignment_emails_link_only_the_reviewers_own_sheets(evaluation):
    """Each conflicted reviewer was told of their own assignment elsewhere, and of none
    on the proposal: assignment emails are written when they are sent, and in this flow
    the declarer and the late one were conflicted by then."""
    sheets = {a.pk: f"/reviews/{a.pk}/" for a in evaluation["others"]}
    sheets[evaluation["declared_pk"]] = f"/reviews/{evaluation['declared_pk']}/"
    for persona in PERSONAS:
        reviewer = evaluation[persona]
        bodies = "\n".join(m.body for m in mail.outbox if m.to == [reviewer.user.email])
        assert f"/reviews/{evaluation['own'][reviewer.pk].pk}/" in bodies
        assert [url for url in sheets.values() if f"{url}\n" in bodies] == []


@pytest.mark.django_db
def test_the_names_are_there_for_those_entitled_to_see_them(evaluation, secretariat):
    """The walk above would prove nothing if the names were never on these pages."""
    assignment = next(a for a in evaluation["others"] if a.reviewer == evaluation["first"])
    page = client_for(assignment.reviewer.user).get(f"/reviews/{assignment.pk}/").text
    queue = secretariat.get(f"/secretariat/proposals/{evaluation['proposal'].pk}/").text

    assert SECRETS["proposal (Thai)"] in page
    assert SECRETS["organisation (Thai)"] in page
    assert SECRETS["organisation (Thai)"] in queue
