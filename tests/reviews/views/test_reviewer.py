import datetime as dt

import pytest
from django.contrib.messages import constants, get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from smartcity.core.dates import format_date
from smartcity.core.models import AuditEntry
from smartcity.reviews.enums import ConflictSource, ReviewState, ScoreVisibility
from smartcity.reviews.models import Assignment, Conflict, Review, ReviewScore
from smartcity.reviews.services import (
    assign_reviewer,
    detect_conflicts,
    reopen_review,
    start_review,
)
from tests.proposals.factories import member
from tests.reviews.factories import (
    DUE,
    PhaseFactory,
    ReviewerFactory,
    dossier_of,
    fill_and_submit,
    in_evaluation,
    items,
    sheet,
)

HTMX = {"HX-Request": "true"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def phase(db):
    return PhaseFactory()


@pytest.fixture
def proposal(secretariat_user):
    return in_evaluation(secretariat_user)


@pytest.fixture
def assignment(phase, proposal, secretariat_user):
    return assign_reviewer(
        phase=phase,
        dossier=dossier_of(proposal),
        reviewer=ReviewerFactory(),
        due_on=DUE,
        by=secretariat_user,
    )


@pytest.fixture
def reviewer(assignment) -> Client:
    return client_for(assignment.reviewer.user)


@pytest.fixture
def other_reviewer(db) -> Client:
    return client_for(ReviewerFactory().user)


@pytest.fixture
def conflicted_reviewer(proposal) -> Client:
    conflicted = ReviewerFactory(organisation=proposal.organisation)
    detect_conflicts(dossier=dossier_of(proposal), reviewers=[conflicted])
    assert Conflict.objects.filter(reviewer=conflicted, dossier=dossier_of(proposal)).exists()
    return client_for(conflicted.user)


@pytest.fixture
def applicant(proposal) -> Client:
    return client_for(member(proposal.organisation))


def url(name: str, assignment) -> str:
    return reverse(name, kwargs={"pk": assignment.pk})


# The assignment list ------------------------------------------------------------------------


@pytest.mark.django_db
def test_assignment_list_shows_my_assignments_with_phase_due_date_and_state(
    reviewer, assignment, proposal
):
    response = reviewer.get(reverse("reviews:assignments"))

    assert response.status_code == 200
    html = response.text
    assert proposal.name_th in html
    assert proposal.organisation.name_th in html
    assert assignment.phase.name_th in html
    assert format_date(DUE, "th") in html  # 31 มกราคม 2573
    assert html.count('data-testid="assignment-row"') == 1
    assert html.count('data-testid="overdue"') == 0
    assert url("reviews:score_sheet", assignment) in html


@pytest.mark.django_db
def test_assignment_list_flags_an_overdue_review_until_it_is_submitted(reviewer, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(due_on=dt.date(2020, 1, 1))
    assert 'data-testid="overdue"' in reviewer.get(reverse("reviews:assignments")).text

    fill_and_submit(assignment)

    assert 'data-testid="overdue"' not in reviewer.get(reverse("reviews:assignments")).text


@pytest.mark.django_db
def test_assignment_list_never_shows_a_proposal_the_reviewer_is_conflicted_with(
    reviewer, assignment, proposal
):
    Conflict.objects.create(
        reviewer=assignment.reviewer,
        dossier=dossier_of(proposal),
        source=ConflictSource.SAME_PROVINCE,
    )

    html = reviewer.get(reverse("reviews:assignments")).text

    assert 'data-testid="assignment-row"' not in html
    assert proposal.name_th not in html


@pytest.mark.parametrize("persona", ["secretariat", "applicant"])
@pytest.mark.django_db
def test_assignment_list_is_403_outside_the_reviewer_pool(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("reviews:assignments")).status_code == 403


@pytest.mark.django_db
def test_assignment_list_is_403_for_an_inactive_reviewer(assignment, reviewer):
    assignment.reviewer.is_active = False
    assignment.reviewer.save()
    assert reviewer.get(reverse("reviews:assignments")).status_code == 403


@pytest.mark.django_db
def test_assignment_list_for_an_admin_outside_the_pool_is_empty(admin, assignment):
    response = admin.get(reverse("reviews:assignments"))
    assert response.status_code == 200
    assert 'data-testid="assignment-row"' not in response.text


@pytest.mark.django_db
def test_assignment_list_sends_anonymous_to_sign_in(anonymous):
    response = anonymous.get(reverse("reviews:assignments"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


@pytest.mark.django_db
def test_assignment_list_rejects_post(reviewer):
    assert reviewer.post(reverse("reviews:assignments")).status_code == 405


@pytest.mark.django_db
def test_the_nav_links_to_my_reviews_for_reviewers_only(reviewer, applicant):
    assert 'data-testid="nav-reviews"' in reviewer.get(reverse("registry:home")).text
    assert 'data-testid="nav-reviews"' not in applicant.get(reverse("registry:home")).text


def count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reviews:assignments"))
    assert response.status_code == 200
    assert 'data-testid="assignment-row"' in response.text  # rows are drawn
    return len(queries)


def assign_more(phase, reviewer, officer, n: int) -> None:
    for i in range(n):
        assignment = assign_reviewer(
            phase=phase,
            dossier=dossier_of(in_evaluation(officer)),
            reviewer=reviewer,
            due_on=DUE - dt.timedelta(days=i),
            by=officer,
        )
        if i % 2:
            start_review(assignment=assignment, by=reviewer.user)


@pytest.mark.django_db
def test_assignment_list_query_count_does_not_grow_with_the_assignments(phase, secretariat_user):
    reviewer = ReviewerFactory(max_load=20)
    client = client_for(reviewer.user)
    assign_more(phase, reviewer, secretariat_user, 2)
    client.get(reverse("reviews:assignments"))  # session set-up, outside the measure
    small = count_list_queries(client)

    assign_more(PhaseFactory(blind=True), reviewer, secretariat_user, 6)
    large = count_list_queries(client)

    assert reviewer.assignments.count() == 8
    assert large == small
    assert small <= 8  # the menu asks whether the person sits on a committee, and the unread count


# The score sheet ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_score_sheet_shows_the_proposal_and_opening_it_writes_nothing(
    reviewer, assignment, proposal
):
    response = reviewer.get(url("reviews:score_sheet", assignment))

    assert response.status_code == 200
    html = response.text
    assert not Review.objects.filter(assignment=assignment).exists()
    assert not AuditEntry.objects.filter(action="reviews.review.started").exists()
    assert proposal.vision in html  # the submitted version's content
    assert 'data-testid="proposal-content"' in html
    for code, position, _max in items(proposal):
        assert f'name="score-{code}-{position}"' in html
        assert f'name="comment-{code}-{position}"' in html
    assert 'name="domain-mobility"' in html
    assert 'name="domain-environment"' in html
    assert 'name="recommendation"' in html
    assert "hx-post=" in html
    assert 'data-testid="read-only"' not in html


@pytest.mark.django_db
def test_score_sheet_is_read_only_for_the_secretariat_and_starts_nothing(
    secretariat, assignment, proposal
):
    response = secretariat.get(url("reviews:score_sheet", assignment))

    assert response.status_code == 200
    assert 'data-testid="read-only"' in response.text
    assert "hx-post=" not in response.text
    assert not Review.objects.filter(assignment=assignment).exists()


@pytest.mark.django_db
def test_score_sheet_opens_for_the_admin(admin, assignment):
    assert admin.get(url("reviews:score_sheet", assignment)).status_code == 200


OUTSIDERS = ["other_reviewer", "conflicted_reviewer", "applicant"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.django_db
def test_every_reviewer_page_of_an_assignment_is_404_for_an_outsider(
    request, persona, assignment, proposal
):
    client = request.getfixturevalue(persona)
    responses = [
        client.get(url("reviews:score_sheet", assignment)),
        client.post(url("reviews:score_sheet", assignment), sheet(proposal, 0), headers=HTMX),
        client.post(url("reviews:submit", assignment)),
        client.post(url("reviews:declare_conflict", assignment), {"reason": "ไม่ใช่"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert not Review.objects.filter(assignment=assignment).exists()


@pytest.mark.django_db
def test_a_reviewer_found_conflicted_after_assignment_loses_the_sheet(
    reviewer, assignment, proposal
):
    Conflict.objects.create(
        reviewer=assignment.reviewer,
        dossier=dossier_of(proposal),
        source=ConflictSource.SAME_PROVINCE,
    )
    assert reviewer.get(url("reviews:score_sheet", assignment)).status_code == 404


@pytest.mark.django_db
def test_reviewer_pages_reject_the_wrong_method(reviewer, assignment):
    assert reviewer.put(url("reviews:score_sheet", assignment)).status_code == 405
    assert reviewer.get(url("reviews:submit", assignment)).status_code == 405
    assert reviewer.get(url("reviews:declare_conflict", assignment)).status_code == 405


@pytest.mark.django_db
def test_reviewer_pages_with_a_bad_id_are_404(reviewer):
    assert reviewer.get("/reviews/999999/").status_code == 404
    assert reviewer.post("/reviews/999999/submit/").status_code == 404
    assert reviewer.post("/reviews/999999/declare-conflict/").status_code == 404
    assert reviewer.get("/reviews/abc/").status_code == 404


@pytest.mark.django_db
def test_score_sheet_sends_anonymous_to_sign_in(anonymous, assignment):
    response = anonymous.get(url("reviews:score_sheet", assignment))
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


# Saving as one types --------------------------------------------------------------------------


@pytest.mark.django_db
def test_autosave_saves_the_sheet_and_returns_the_new_revision(reviewer, assignment, proposal):
    reviewer.get(url("reviews:score_sheet", assignment))

    response = reviewer.post(
        url("reviews:score_sheet", assignment),
        sheet(proposal, 0, comment="<script>alert(1)</script>ชัดเจน"),
        headers=HTMX,
    )

    review = Review.objects.get(assignment=assignment)
    assert response.status_code == 200
    assert 'data-saved="true"' in response.text
    assert 'id="id_revision" value="1" hx-swap-oob="true"' in response.text
    assert review.revision == 1
    assert review.recommendation == "approve"
    assert review.domain_assessments == {
        "mobility": "ตอบโจทย์พื้นที่",
        "environment": "ตอบโจทย์พื้นที่",
    }
    assert ReviewScore.objects.filter(review=review, score=7).count() == len(items(proposal))
    assert ReviewScore.objects.filter(comment="<script>alert(1)</script>ชัดเจน").exists()
    page = reviewer.get(url("reviews:score_sheet", assignment)).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;ชัดเจน" in page


@pytest.mark.django_db
def test_a_partial_sheet_is_saved(reviewer, assignment, proposal):
    reviewer.get(url("reviews:score_sheet", assignment))

    response = reviewer.post(
        url("reviews:score_sheet", assignment),
        {"revision": 0, "score-area_vision-1": "8", "comment-area_vision-1": "ดีมาก"},
        headers=HTMX,
    )

    assert 'data-saved="true"' in response.text
    row = ReviewScore.objects.get(review__assignment=assignment, criterion="area_vision", item=1)
    assert (row.score, row.comment) == (8, "ดีมาก")


@pytest.mark.django_db
def test_autosave_refuses_a_score_above_the_maximum(reviewer, assignment, proposal):
    reviewer.get(url("reviews:score_sheet", assignment))

    response = reviewer.post(
        url("reviews:score_sheet", assignment), sheet(proposal, 0, score=99), headers=HTMX
    )

    assert 'data-saved="false"' in response.text
    assert not Review.objects.filter(assignment=assignment).exists()


@pytest.mark.django_db
def test_autosave_with_a_stale_revision_is_refused_with_a_message(reviewer, assignment, proposal):
    page = url("reviews:score_sheet", assignment)
    reviewer.get(page)
    reviewer.post(page, sheet(proposal, 0, comment="first"), headers=HTMX)

    response = reviewer.post(page, sheet(proposal, 0, comment="second"), headers=HTMX)

    assert response.status_code == 200
    assert 'data-saved="false"' in response.text
    assert 'hx-swap-oob="true"' not in response.text
    assert set(
        ReviewScore.objects.filter(review__assignment=assignment).values_list("comment", flat=True)
    ) == {"first"}


@pytest.mark.django_db
def test_saving_without_htmx_redirects_back_with_a_message(reviewer, assignment, proposal):
    page = url("reviews:score_sheet", assignment)
    reviewer.get(page)

    response = reviewer.post(page, sheet(proposal, 0))

    assert (response.status_code, response.headers["Location"]) == (302, page)
    assert [level for level, _text in messages_of(response)] == [constants.SUCCESS]
    assert Review.objects.get(assignment=assignment).revision == 1


@pytest.mark.django_db
def test_autosave_after_the_session_expired_keeps_nothing_and_says_so(
    anonymous, assignment, proposal
):
    response = anonymous.post(
        url("reviews:score_sheet", assignment), sheet(proposal, 0), headers=HTMX
    )

    assert response.status_code == 200
    assert 'data-saved="false"' in response.text
    assert not Review.objects.filter(assignment=assignment).exists()
    assert not ReviewScore.objects.exists()


@pytest.mark.django_db
def test_a_review_typed_before_the_session_expired_is_still_there_after_logging_in_again(
    assignment, proposal
):
    user = assignment.reviewer.user
    client = client_for(user)
    page = url("reviews:score_sheet", assignment)
    client.get(page)  # the sheet is open at revision 0
    client.logout()  # the session expires while the reviewer types
    typed = sheet(proposal, 0, comment="ความเห็นที่พิมพ์ไว้ก่อนหมดเวลา")
    expired = client.post(page, typed, headers=HTMX)
    assert 'data-saved="false"' in expired.text
    assert not ReviewScore.objects.exists()

    client.force_login(user)  # signs in again in another tab; the page retries
    response = client.post(page, typed, headers=HTMX)

    assert 'data-saved="true"' in response.text
    comments = ReviewScore.objects.filter(review__assignment=assignment).values_list(
        "comment", flat=True
    )
    assert set(comments) == {"ความเห็นที่พิมพ์ไว้ก่อนหมดเวลา"}
    assert "ความเห็นที่พิมพ์ไว้ก่อนหมดเวลา" in client.get(page).text


# Read-only sheets and who may act ---------------------------------------------------------------


@pytest.mark.django_db
def test_scoring_after_submitting_is_403_and_the_sheet_is_read_only(reviewer, assignment, proposal):
    review = fill_and_submit(assignment)

    posted = reviewer.post(url("reviews:score_sheet", assignment), sheet(proposal, review.revision))
    page = reviewer.get(url("reviews:score_sheet", assignment))

    assert posted.status_code == 403
    assert page.status_code == 200
    assert 'data-testid="read-only"' in page.text
    assert "hx-post=" not in page.text
    assert "<fieldset disabled>" in page.text
    assert 'data-testid="own-total"' in page.text
    assert 'data-testid="submit-card"' not in page.text


@pytest.mark.django_db
def test_scoring_is_403_when_the_phase_forbids_it(reviewer, assignment, proposal):
    assignment.phase.reviewers_may_score = False
    assignment.phase.save()

    page = reviewer.get(url("reviews:score_sheet", assignment))
    posted = reviewer.post(url("reviews:score_sheet", assignment), sheet(proposal, 0))

    assert page.status_code == 200
    assert 'data-testid="read-only"' in page.text
    assert posted.status_code == 403
    assert reviewer.post(url("reviews:submit", assignment)).status_code == 403


@pytest.mark.django_db
def test_the_secretariat_may_see_but_not_score_submit_or_declare(secretariat, assignment, proposal):
    responses = [
        secretariat.post(url("reviews:score_sheet", assignment), sheet(proposal, 0)),
        secretariat.post(url("reviews:submit", assignment)),
        secretariat.post(url("reviews:declare_conflict", assignment), {"reason": "x"}),
    ]
    assert [r.status_code for r in responses] == [403, 403, 403]


@pytest.mark.django_db
def test_an_admin_may_see_but_not_fill_in_someone_elses_sheet(
    admin, reviewer, assignment, proposal
):
    # The reviewer has started: their first save created the sheet.
    reviewer.post(url("reviews:score_sheet", assignment), sheet(proposal, 0), headers=HTMX)

    page = admin.get(url("reviews:score_sheet", assignment))
    responses = [
        admin.post(url("reviews:score_sheet", assignment), sheet(proposal, 0), headers=HTMX),
        admin.post(url("reviews:submit", assignment)),
        admin.post(url("reviews:declare_conflict", assignment), {"reason": "x"}),
    ]

    assert 'data-testid="read-only"' in page.text
    assert [r.status_code for r in responses] == [403, 403, 403]
    assert Review.objects.get(assignment=assignment).revision == 1


# Submitting -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_submitting_an_incomplete_review_lists_what_is_missing_and_goes_back(
    reviewer, assignment, proposal
):
    page = url("reviews:score_sheet", assignment)
    reviewer.get(page)
    reviewer.post(page, {"revision": 0, "score-area_vision-1": "8"}, headers=HTMX)
    response = reviewer.post(url("reviews:submit", assignment))

    assert (response.status_code, response.headers["Location"]) == (302, page)
    [(level, text)] = messages_of(response)
    assert level == constants.ERROR
    first_item = proposal.frozen_criteria["criteria"][0]["items"][0]["title_th"]
    assert first_item in text  # the comment of the first sub-item is missing
    assert Review.objects.get(assignment=assignment).state == ReviewState.DRAFT
    assert 'data-testid="missing"' in reviewer.get(page).text


@pytest.mark.django_db
def test_submitting_a_complete_review_locks_it_and_returns_to_the_list(
    reviewer, assignment, proposal
):
    page = url("reviews:score_sheet", assignment)
    reviewer.get(page)
    reviewer.post(page, sheet(proposal, 0), headers=HTMX)

    response = reviewer.post(url("reviews:submit", assignment))

    review = Review.objects.get(assignment=assignment)
    assert response.headers["Location"] == reverse("reviews:assignments")
    assert [level for level, _text in messages_of(response)] == [constants.SUCCESS]
    assert (review.state, str(review.total_score)) == (ReviewState.SUBMITTED, "70.00")


@pytest.mark.django_db
def test_a_second_click_on_submit_says_it_was_already_submitted(reviewer, assignment):
    fill_and_submit(assignment)

    response = reviewer.post(url("reviews:submit", assignment))

    assert response.headers["Location"] == reverse("reviews:assignments")
    assert [level for level, _text in messages_of(response)] == [constants.INFO]


@pytest.mark.django_db
def test_a_reopened_review_can_be_scored_again(reviewer, assignment, proposal, secretariat_user):
    review = fill_and_submit(assignment)
    reopen_review(review=review, reason="แก้คะแนนข้อ 1", by=secretariat_user)

    response = reviewer.post(
        url("reviews:score_sheet", assignment), sheet(proposal, review.revision), headers=HTMX
    )

    assert 'data-saved="true"' in response.text


# Declaring a conflict ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_declaring_a_conflict_removes_the_proposal_from_the_reviewers_view(
    reviewer, assignment, proposal
):
    response = reviewer.post(
        url("reviews:declare_conflict", assignment), {"reason": "เคยเป็นที่ปรึกษาของเทศบาลนี้"}
    )

    assert response.headers["Location"] == reverse("reviews:assignments")
    assert [level for level, _text in messages_of(response)] == [constants.SUCCESS]
    conflict = Conflict.objects.get(reviewer=assignment.reviewer, dossier=dossier_of(proposal))
    assert (conflict.source, conflict.reason) == (
        ConflictSource.DECLARED,
        "เคยเป็นที่ปรึกษาของเทศบาลนี้",
    )
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    listing = reviewer.get(reverse("reviews:assignments"))
    assert proposal.name_th not in listing.text
    assert reviewer.get(url("reviews:score_sheet", assignment)).status_code == 404


@pytest.mark.django_db
def test_declaring_a_conflict_needs_a_reason(reviewer, assignment):
    response = reviewer.post(url("reviews:declare_conflict", assignment), {"reason": "  "})

    assert response.headers["Location"] == url("reviews:score_sheet", assignment)
    assert [level for level, _text in messages_of(response)] == [constants.ERROR]
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert not Conflict.objects.exists()


# Other reviewers' scores ------------------------------------------------------------------------


@pytest.fixture
def two_reviewers(proposal, secretariat_user):
    """A proposal with two reviewers in a phase; the first has submitted (total 70.00)."""

    def build(visibility: str):
        phase = PhaseFactory(score_visibility=visibility)
        first, second = (
            assign_reviewer(
                phase=phase,
                dossier=dossier_of(proposal),
                reviewer=ReviewerFactory(),
                due_on=DUE,
                by=secretariat_user,
            )
            for _ in range(2)
        )
        fill_and_submit(first, score=7)
        return first, second

    return build


def sees_other_scores(assignment) -> bool:
    html = client_for(assignment.reviewer.user).get(url("reviews:score_sheet", assignment)).text
    shown = 'data-testid="other-reviews"' in html
    # Hidden means nothing at all: no table, no count, no total.
    assert shown == ("70.00" in html) == ('data-testid="other-review"' in html)
    return shown


@pytest.mark.parametrize(
    ("visibility", "before", "after"),
    [
        (ScoreVisibility.NEVER, False, False),
        (ScoreVisibility.AFTER_SUBMITTING, False, True),
        (ScoreVisibility.ALWAYS, True, True),
    ],
)
@pytest.mark.django_db
def test_other_reviewers_scores_follow_the_phase_setting(two_reviewers, visibility, before, after):
    _first, second = two_reviewers(visibility)

    seen_before = sees_other_scores(second)
    fill_and_submit(second, score=5)
    seen_after = sees_other_scores(second)

    assert (seen_before, seen_after) == (before, after)


@pytest.mark.django_db
def test_other_reviewers_are_lettered_not_named(two_reviewers):
    first, second = two_reviewers(ScoreVisibility.ALWAYS)
    named = first.reviewer.user

    client = client_for(second.reviewer.user)
    client.cookies["smartcity_language"] = "en"

    html = client.get(url("reviews:score_sheet", second)).text

    assert "Reviewer A" in html
    assert named.full_name not in html
    assert named.email not in html


@pytest.mark.django_db
def test_the_secretariat_sees_every_submitted_review_with_names(secretariat, two_reviewers):
    first, second = two_reviewers(ScoreVisibility.NEVER)

    html = secretariat.get(url("reviews:score_sheet", second)).text

    assert 'data-testid="other-review"' in html
    assert first.reviewer.user.full_name in html


# Blind phases -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_blind_phase_hides_the_proponent_from_the_reviewer(
    proposal, secretariat_user, secretariat
):
    assignment = assign_reviewer(
        phase=PhaseFactory(blind=True),
        dossier=dossier_of(proposal),
        reviewer=ReviewerFactory(),
        due_on=DUE,
        by=secretariat_user,
    )
    client = client_for(assignment.reviewer.user)
    organisation = proposal.organisation

    listing = client.get(reverse("reviews:assignments")).text
    page = client.get(url("reviews:score_sheet", assignment)).text

    with translation.override("th"):
        neutral = gettext("Proposal #%(pk)s") % {"pk": proposal.pk}

    for html in (listing, page):
        assert organisation.name_th not in html
        assert organisation.name_en not in html
        assert neutral in html
    assert proposal.name_th not in listing
    assert proposal.name_th not in page.split('data-testid="proposal-content"')[0]  # header
    assert proposal.vision in page  # the content itself is shown
    assert organisation.name_th in secretariat.get(url("reviews:score_sheet", assignment)).text


@pytest.mark.django_db
def test_an_open_phase_names_the_proponent(reviewer, assignment, proposal):
    html = reviewer.get(url("reviews:score_sheet", assignment)).text
    assert proposal.organisation.name_th in html


@pytest.mark.django_db
def test_the_assigned_reviewer_downloads_attachments_others_get_404(
    settings, tmp_path, secretariat_user
):
    from django.test import Client

    from smartcity.proposals.models import Attachment
    from smartcity.reviews.services import assign_reviewer
    from tests.reviews.factories import DUE, PhaseFactory, ReviewerFactory, in_evaluation

    settings.MEDIA_ROOT = tmp_path
    proposal = in_evaluation(secretariat_user)
    pdf = b"%PDF-1.4\n%%EOF\n"
    document = Attachment(
        proposal=proposal,
        original_name="แผน.pdf",
        size=len(pdf),
        sha256="ab" * 32,
        uploaded_by=secretariat_user,
    )
    from django.core.files.base import ContentFile

    document.file.save("plan.pdf", ContentFile(pdf))
    assigned, other = ReviewerFactory(), ReviewerFactory()
    assignment = assign_reviewer(
        phase=PhaseFactory(),
        dossier=dossier_of(proposal),
        reviewer=assigned,
        due_on=DUE,
        by=secretariat_user,
    )
    url = f"/reviews/{assignment.pk}/attachments/{document.pk}/"

    def get(user):
        client = Client()
        client.force_login(user)
        return client.get(url)

    response = get(assigned.user)
    assert b"".join(response.streaming_content) == pdf
    assert get(other.user).status_code == 404
