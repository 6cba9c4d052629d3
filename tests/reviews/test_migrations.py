"""The move of evaluation from proposals to dossiers carries the data forward: one dossier
per proposal with assignments, conflicts or a summary, and every row re-pointed."""

from tests.accounts.factories import UserFactory
from tests.proposals.factories import ProposalFactory, complete

BEFORE = [("reviews", "0001_initial")]
AFTER = [("reviews", "0003_dossier_required")]


def test_each_evaluated_proposal_gets_a_dossier_and_its_rows_follow(migrate_to):
    officer = UserFactory(is_secretariat=True)
    evaluated = complete(
        ProposalFactory(
            state="in_evaluation",
            name_en="Lamp City",
            frozen_criteria={"criteria": [{"code": "area_vision"}]},
        )
    )
    untouched = ProposalFactory()  # a draft: no dossier
    old = migrate_to(BEFORE)
    Reviewer = old.get_model("reviews", "Reviewer")
    reviewer = Reviewer.objects.create(user_id=UserFactory().pk, expertise=["mobility"])
    phase = old.get_model("reviews", "ReviewPhase").objects.create(name_th="รอบ", name_en="Round")
    assignment = old.get_model("reviews", "Assignment").objects.create(
        phase=phase,
        proposal_id=evaluated.pk,
        reviewer=reviewer,
        due_on="2030-01-31",
        assigned_by_id=officer.pk,
    )
    old.get_model("reviews", "Conflict").objects.create(
        reviewer=reviewer, proposal_id=evaluated.pk, source="declared", reason="ญาติ"
    )
    old.get_model("reviews", "SummaryRecommendation").objects.create(
        proposal_id=evaluated.pk, recommendation="approve", summary="ดี", written_by_id=officer.pk
    )

    new = migrate_to(AFTER)

    Dossier = new.get_model("reviews", "Dossier")
    [dossier] = Dossier.objects.all()
    assert (dossier.subject_kind, dossier.subject_id, dossier.title_en, dossier.label_en) == (
        "proposal",
        evaluated.pk,
        "Lamp City",
        f"Proposal #{evaluated.pk}",
    )
    assert dossier.organisation_id == evaluated.organisation_id
    assert dossier.status == "in_evaluation"
    assert dossier.criteria == evaluated.frozen_criteria
    assert new.get_model("reviews", "Assignment").objects.get(pk=assignment.pk).dossier_id == (
        dossier.pk
    )
    assert new.get_model("reviews", "Conflict").objects.get().dossier_id == dossier.pk
    assert new.get_model("reviews", "SummaryRecommendation").objects.get().dossier_id == dossier.pk
    assert not Dossier.objects.filter(subject_id=untouched.pk).exists()
