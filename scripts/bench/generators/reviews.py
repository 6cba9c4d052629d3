"""Synthetic evaluation data for the benchmark (python -m scripts.bench): an evaluation board.

Run by the benchmark in a subprocess whose DATABASE_URL points at a copy of the "base"
database (migrated, the geography and the criteria set with its rolling call loaded, no
proposal yet). It builds the database of the "reviews" suite, apart from the one of the
registry and proposal suites, whose queue needs proposals in every state:

- `--proposals` proposals of `--organisations` organisations, made by
  generators/proposals.py (the same generator, sizes and seed as the proposals suite's
  database) except that every proposal went through screening and passed: its history
  (versions, screening decisions, timeline) ends in "in evaluation", as the services
  would have left it, each with its dossier (the fields proposals.evaluation.dossier_fields()
  gives the engine's open_dossier()). The first proposal, which generators/proposals.py
  leaves back in screening with a second version, is passed by the real
  proposals.services.screen_proposal() (which opens its dossier);
- one open review phase, `--per-proposal` reviewers per proposal (5), and a pool of
  `--reviewers` reviewers (users with a Reviewer row): universities, agencies and a few
  proponent organisations, 1-3 domains of expertise each, most from a province, each with
  a cap (max_load) around the load they were given, so that some are still available;
- `--per-proposal` assignments per proposal, reviewers chosen as assign_automatically()
  would (experts of the proposal's domains first, never a conflicted one), each with a
  Review: most submitted, with a ReviewScore (score and comment) for every sub-item of
  the proposal's frozen criteria, the CriterionResult rows and the weighted total as
  services.compute_results() computes them, a recommendation and an assessment of every
  domain the proposal claims; some still drafts (part of the scores typed); a few
  reopened. Older proposals are further along;
- conflicts of interest: detected ones (reviewers of a proponent organisation, with
  every proposal of it; a few dismissed) and declared ones (a reviewer who declared a
  conflict and was replaced);
- the secretariat's summary recommendation on a few proposals whose reviews are all in,
  written by reviews.services.write_summary(); about half of those are evaluated by
  reviews.services.complete_evaluation() (which moves the proposal to "evaluated" through
  the proposals' adapter). The dates those services stamp with "now" are then set to the
  generated ones.

Audit entries and emails of the bulk-written rows, which no measured page reads, are left
out (the few real service calls write theirs; emails go to the local-memory backend). Everything comes
from seeded random generators and fixed dates, so two runs with the same arguments build
the same data (ids included). Rows are written with bulk_create; 10,000 proposals with
50,000 reviews (about 600,000 score rows) take about a minute.

    DATABASE_URL=sqlite:///var/bench/x.sqlite3 python -m scripts.bench.generators.reviews \
        --proposals 10000 --organisations 500 --reviewers 400
"""

import argparse
import bisect
import datetime as dt
import itertools
import random
import time

from scripts.bench.generators import proposals as bench_proposals
from scripts.bench.generators.common import explicit_timestamps, setup_django, unusable_password

END = bench_proposals.END
JOINED = bench_proposals.JOINED
# The phase was opened when the first proposals reached evaluation and is still open.
PHASE_OPENED = bench_proposals.START
REVIEW_DAYS = 21  # as the secretariat's default due date

# Review states: the older a proposal's evaluation, the more of its reviews are in. A
# review of the oldest proposal is submitted with probability SUBMITTED_OLDEST, one of
# the newest with SUBMITTED_NEWEST; REOPENED of the submitted ones were reopened.
SUBMITTED_OLDEST = 0.97
SUBMITTED_NEWEST = 0.62
REOPENED = 0.02
# Of the proposals whose reviews are all submitted, this share has the secretariat's
# summary, and of those this share is evaluated.
SHARE_SUMMARISED = 0.1
SHARE_EVALUATED = 0.5
# Reviewers: share from a proponent organisation (conflicted with its proposals), with a
# province, and the chance an assignment goes to an expert of the proposal's domains.
SHARE_FROM_PROPONENT = 0.05
SHARE_WITH_PROVINCE = 0.8
SHARE_EXPERT_PICK = 0.75
SHARE_DECLARED = 0.01  # assignments whose first reviewer declared a conflict
SHARE_DISMISSED = 0.1  # detected conflicts the secretariat dismissed
SHARE_DISAGREEING = 0.08  # reviews by someone who sees the proposal very differently

REVIEWER_ORGANISATIONS = [
    "จุฬาลงกรณ์มหาวิทยาลัย", "มหาวิทยาลัยเชียงใหม่", "มหาวิทยาลัยขอนแก่น", "มหาวิทยาลัยสงขลานครินทร์",
    "มหาวิทยาลัยนเรศวร", "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าธนบุรี", "สถาบันเทคโนโลยีแห่งเอเชีย",
    "สำนักงานพัฒนาวิทยาศาสตร์และเทคโนโลยีแห่งชาติ", "สำนักงานพัฒนารัฐบาลดิจิทัล",
    "สถาบันวิจัยเพื่อการพัฒนาประเทศไทย", "การไฟฟ้าส่วนภูมิภาค", "ผู้เชี่ยวชาญอิสระ",
]  # fmt: skip
COMMENTS = [
    "มีข้อมูลสนับสนุนครบถ้วนและสอดคล้องกับเป้าหมายของเมือง",
    "ควรระบุตัวชี้วัดที่วัดผลได้ชัดเจนกว่านี้",
    "แผนงานมีความเป็นไปได้ แต่ยังขาดรายละเอียดงบประมาณรายปี",
    "ขอบเขตพื้นที่ชัดเจน มีแผนที่ประกอบ",
    "ยังไม่แสดงการเชื่อมโยงข้อมูลกับหน่วยงานอื่นอย่างเป็นรูปธรรม",
    "โครงสร้างพื้นฐานดิจิทัลเหมาะสมกับขนาดของเมือง",
    "การบริหารจัดการมีภาคเอกชนร่วมลงทุน ถือเป็นจุดแข็ง",
    "ควรทบทวนมาตรการคุ้มครองข้อมูลส่วนบุคคลให้รัดกุมขึ้น",
    "The indicators are measurable and the baseline is documented.",
    "Budget sources are not yet confirmed by the partners.",
]
ASSESSMENTS = [
    "บริการตอบโจทย์ปัญหาของพื้นที่ มีตัวชี้วัดและค่าเป้าหมายที่ชัดเจน",
    "แนวคิดดี แต่ยังไม่ระบุแผนขยายผลและการดูแลระบบในระยะยาว",
    "สอดคล้องกับแผนพัฒนาจังหวัด ควรเพิ่มการมีส่วนร่วมของประชาชน",
    "ยังขาดข้อมูลค่าฐานที่เชื่อถือได้",
]
CONDITIONS = [
    "ปรับแผนการลงทุนให้แสดงแหล่งงบประมาณรายปี และยืนยันการร่วมลงทุนของภาคเอกชน",
    "เพิ่มตัวชี้วัดด้านพลังงานและแผนการเปิดเผยข้อมูลเมือง",
    "จัดทำข้อตกลงแบ่งปันข้อมูลกับหน่วยงานที่เกี่ยวข้องก่อนเริ่มดำเนินการ",
]
SUMMARIES = [
    "ผู้ประเมินส่วนใหญ่เห็นว่าข้อเสนอมีความพร้อม เสนอคณะอนุกรรมการพิจารณาให้การรับรอง",
    "ผู้ประเมินเห็นตรงกันว่าควรปรับแผนการลงทุนก่อนการรับรอง",
    "คะแนนเฉลี่ยต่ำกว่าเกณฑ์ในด้านแพลตฟอร์มข้อมูลเมือง เสนอให้ไม่รับรองในรอบนี้",
]
DECLARED_REASONS = [
    "เคยเป็นที่ปรึกษาให้ผู้เสนอในการจัดทำข้อเสนอนี้",
    "มีญาติทำงานในหน่วยงานผู้เสนอ",
    "เป็นกรรมการของบริษัทที่ร่วมลงทุนในโครงการ",
]


def recommendation_for(total) -> str:
    if total >= 70:
        return "approve"
    if total >= 55:
        return "approve_with_conditions"
    return "reject"


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


# --------------------------------------------------------------------------------------
# Proposals: all of them through screening into evaluation
# --------------------------------------------------------------------------------------


def generate_proposals(proposals: int, organisations: int, seed: int) -> dict:
    """generators/proposals.py's generate() with every proposal passed to evaluation."""
    bench_proposals.STATE_SHARES = {"in_evaluation": 1.0}
    return bench_proposals.generate(proposals, organisations, seed)


def pass_the_rest(secretariat: list) -> int:
    """Pass the proposals generators/proposals.py leaves elsewhere (its first one, back in
    screening) on to evaluation through the real screen_proposal(): the decision, the
    step, the audit rows and the dossier. Its "now" dates are then set three days after
    the proposal's last step, as the bulk-written proposals' are."""
    from smartcity.proposals.models import Proposal, ScreeningDecision, StateChange
    from smartcity.proposals.services.screening import screen_proposal
    from smartcity.reviews.models import Dossier

    passed = 0
    for proposal in Proposal.objects.exclude(state="in_evaluation").order_by("pk"):
        if proposal.state != "screening":
            raise SystemExit(f"bench_reviews: proposal {proposal.pk} is {proposal.state}")
        last = proposal.state_changes.order_by("-at", "-pk").first()
        at = min(last.at + dt.timedelta(days=3), END)
        checklist = bench_proposals.checklist(proposal.frozen_criteria, [])
        decision = screen_proposal(
            proposal=proposal, outcome="pass", by=secretariat[0], checklist=checklist
        )
        ScreeningDecision.objects.filter(pk=decision.pk).update(decided_at=at)
        StateChange.objects.filter(proposal=proposal, to_state="in_evaluation").update(at=at)
        Proposal.objects.filter(pk=proposal.pk).update(updated_at=at)
        Dossier.objects.filter(subject_kind="proposal", subject_id=proposal.pk).update(
            created_at=at, updated_at=at
        )
        passed += 1
    return passed


# --------------------------------------------------------------------------------------
# The pool
# --------------------------------------------------------------------------------------


def create_reviewers(rng: random.Random, count: int, proponents: list, provinces: list) -> list:
    from smartcity.accounts.models import User
    from smartcity.core.enums import Domain
    from smartcity.reviews.models import Reviewer

    domains = list(Domain.values)
    users, reviewers = [], []
    from_proponent = rng.sample(
        proponents, min(len(proponents), round(count * SHARE_FROM_PROPONENT))
    )
    for number in range(1, count + 1):
        email = f"reviewer{number}@bench.example"
        users.append(
            User(
                email=email,
                full_name=bench_proposals.person(rng) if number > 1 else "อาจารย์ ผู้ประเมิน",
                password=unusable_password(email),
                preferred_language="th" if rng.random() < 0.85 else "en",
                date_joined=JOINED,
            )
        )
        organisation = from_proponent[number - 1] if number <= len(from_proponent) else None
        reviewers.append(
            Reviewer(
                organisation=organisation,
                organisation_name=organisation.name_th
                if organisation
                else rng.choice(REVIEWER_ORGANISATIONS),
                province=rng.choice(provinces) if rng.random() < SHARE_WITH_PROVINCE else None,
                expertise=sorted(
                    rng.sample(domains, rng.choices([1, 2, 3], weights=[3, 5, 2])[0]),
                    key=domains.index,
                ),
                is_active=rng.random() > 0.03,
                created_at=JOINED,
                updated_at=JOINED,
            )
        )
    # Shuffle the pks against the order above: the pool page sorts by name.
    order = list(range(count))
    rng.shuffle(order)
    users = [users[i] for i in order]
    reviewers = [reviewers[i] for i in order]
    User.objects.bulk_create(users, batch_size=500)
    for user, reviewer in zip(users, reviewers, strict=True):
        reviewer.user = user
    # max_load is set once the assignments are known (see create_assignments).
    return reviewers


# --------------------------------------------------------------------------------------
# Assignments, conflicts, reviews
# --------------------------------------------------------------------------------------


class Picker:
    """Weighted choice of reviewers, all of them or the experts of a domain."""

    def __init__(self, rng: random.Random, reviewers: list):
        self.rng = rng
        self.active = [r for r in reviewers if r.is_active]
        # Some reviewers take far more than others.
        self.weight = {id(r): rng.uniform(0.3, 2.0) for r in self.active}
        self.pools = {None: self._pool(self.active)}
        for reviewer in self.active:
            for domain in reviewer.expertise:
                self.pools.setdefault(domain, []).append(reviewer)
        for domain in list(self.pools):
            if domain is not None:
                self.pools[domain] = self._pool(self.pools[domain])

    def _pool(self, reviewers: list):
        return reviewers, list(itertools.accumulate(self.weight[id(r)] for r in reviewers))

    def pick(self, domains: list[str]):
        key = None
        if domains and self.rng.random() < SHARE_EXPERT_PICK:
            key = self.rng.choice(domains)
            key = key if key in self.pools else None
        reviewers, cumulative = self.pools[key]
        return reviewers[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]


def evaluation_started(proposals: list) -> dict[int, dt.datetime]:
    """When each proposal passed screening (its step into evaluation)."""
    from smartcity.proposals.models import StateChange

    return dict(
        StateChange.objects.filter(to_state="in_evaluation").values_list("proposal_id", "at")
    )


def create_evaluation(rng, per_proposal: int, reviewers: list, secretariat: list) -> dict:
    from smartcity.proposals.evaluation import dossier_fields
    from smartcity.proposals.models import Proposal, Solution
    from smartcity.reviews.models import (
        Assignment,
        Conflict,
        ConflictRules,
        CriterionResult,
        Dossier,
        Review,
        ReviewPhase,
        ReviewScore,
    )
    from smartcity.reviews.services import compute_results

    ConflictRules.objects.create(same_organisation=True, same_province=False)
    phase = ReviewPhase.objects.create(
        name_th="การประเมินข้อเสนอพื้นที่เมืองอัจฉริยะ ประจำปี 2568-2569",
        name_en="Evaluation of smart-city proposals, 2025-2026",
        status="open",
        reviewers_per_proposal=per_proposal,
        created_at=PHASE_OPENED,
        updated_at=PHASE_OPENED,
    )
    proposals = list(
        Proposal.objects.order_by("pk").only(
            "pk", "organisation_id", "submitted_at", "frozen_criteria", "name_th", "name_en"
        )
    )
    started = evaluation_started(proposals)
    domains_of: dict[int, list[str]] = {}
    for proposal_id, domain in Solution.objects.order_by("proposal_id", "position").values_list(
        "proposal_id", "domain"
    ):
        domains_of.setdefault(proposal_id, []).append(domain)
    # Each proposal's dossier, as the proposals' adapter opens it when screening passes
    # (dossier_fields() is what open_dossier() writes), with its provinces; those
    # screen_proposal() opened (pass_the_rest) are kept as they are.
    opened = list(Dossier.objects.filter(subject_kind="proposal"))
    have_dossier = {d.subject_id for d in opened}
    dossiers = Dossier.objects.bulk_create(
        (
            Dossier(
                **dossier_fields(
                    proposal, domains=list(dict.fromkeys(domains_of.get(proposal.pk, [])))
                ),
                organisation_id=proposal.organisation_id,
                created_at=started[proposal.pk],
                updated_at=started[proposal.pk],
            )
            for proposal in proposals
            if proposal.pk not in have_dossier
        ),
        batch_size=500,
    )
    dossier_of = {d.subject_id: d for d in dossiers}
    Provinces = Proposal.provinces.through
    DossierProvinces = Dossier.provinces.through
    DossierProvinces.objects.bulk_create(
        (
            DossierProvinces(dossier_id=dossier_of[row.proposal_id].pk, province_id=row.province_id)
            for row in Provinces.objects.filter(proposal_id__in=dossier_of).iterator()
        ),
        batch_size=2000,
    )
    dossier_of.update({d.subject_id: d for d in opened})
    by_organisation: dict[int, list] = {}
    for proposal in proposals:
        by_organisation.setdefault(proposal.organisation_id, []).append(proposal)

    # Detected conflicts: a reviewer of a proponent organisation with each of its proposals.
    conflicts, blocked = [], set()
    for reviewer in reviewers:
        for proposal in by_organisation.get(reviewer.organisation_id, []):
            at = started[proposal.pk] + dt.timedelta(hours=1)
            dismissed = rng.random() < SHARE_DISMISSED
            conflicts.append(
                Conflict(
                    reviewer=reviewer,
                    dossier=dossier_of[proposal.pk],
                    source="same_organisation",
                    dismissed_at=at + dt.timedelta(days=2) if dismissed else None,
                    dismissed_by=secretariat[0] if dismissed else None,
                    dismissal_reason="ผู้ประเมินย้ายไปสังกัดหน่วยงานอื่นแล้ว" if dismissed else "",
                    created_at=at,
                    updated_at=at,
                )
            )
            if not dismissed:
                blocked.add((id(reviewer), proposal.pk))

    # Older evaluations first: their reviews are further along.
    order = sorted(proposals, key=lambda p: (started[p.pk], p.pk))
    picker = Picker(rng, reviewers)
    assignments, plans = [], []  # plans: (assignment, state, proposal quality, bias, when)
    for rank, proposal in enumerate(order):
        age = 1 - rank / max(1, len(order) - 1)  # 1 for the oldest, 0 for the newest
        p_submitted = SUBMITTED_NEWEST + (SUBMITTED_OLDEST - SUBMITTED_NEWEST) * age
        quality = rng.betavariate(5, 3)  # how good the proposal is, 0..1, mostly 0.5-0.8
        assigned_at = max(started[proposal.pk], PHASE_OPENED) + dt.timedelta(
            days=rng.uniform(1, 10)
        )
        assigned_at = min(assigned_at, END)
        domains = domains_of.get(proposal.pk, [])
        chosen: list = []
        while len(chosen) < per_proposal:
            reviewer = picker.pick(domains)
            if reviewer in chosen or (id(reviewer), proposal.pk) in blocked:
                continue
            if rng.random() < SHARE_DECLARED:  # declared a conflict, replaced by another
                conflicts.append(
                    Conflict(
                        reviewer=reviewer,
                        dossier=dossier_of[proposal.pk],
                        source="declared",
                        reason=rng.choice(DECLARED_REASONS),
                        created_at=assigned_at + dt.timedelta(days=2),
                        updated_at=assigned_at + dt.timedelta(days=2),
                    )
                )
                blocked.add((id(reviewer), proposal.pk))
                continue
            chosen.append(reviewer)
        for reviewer in chosen:
            assignment = Assignment(
                phase=phase,
                dossier=dossier_of[proposal.pk],
                reviewer=reviewer,
                due_on=(assigned_at + dt.timedelta(days=REVIEW_DAYS)).date(),
                assigned_by=secretariat[rank % len(secretariat)],
                created_at=assigned_at,
                updated_at=assigned_at,
            )
            assignments.append(assignment)
            roll = rng.random()
            state = "submitted" if roll < p_submitted else "draft"
            if state == "submitted" and rng.random() < REOPENED:
                state = "reopened"
            bias = rng.gauss(0, 0.06)
            if rng.random() < SHARE_DISAGREEING:
                bias += rng.choice([-0.3, 0.25])
            plans.append((assignment, proposal, state, quality, bias, assigned_at, domains))

    # Each reviewer's cap: around the load they were given, so that some can take more.
    load: dict[int, int] = {}
    for assignment in assignments:
        load[id(assignment.reviewer)] = load.get(id(assignment.reviewer), 0) + 1
    for reviewer in reviewers:
        given = load.get(id(reviewer), 0)
        reviewer.max_load = max(5, given + rng.choice([0, 0, 1, 2, 5, 10]))
    from smartcity.reviews.models import Reviewer

    Reviewer.objects.bulk_create(reviewers, batch_size=500)
    Conflict.objects.bulk_create(conflicts, batch_size=500)
    Assignment.objects.bulk_create(assignments, batch_size=500)

    # Reviews, their scores and results.
    reviews, scores_rows, result_rows = [], [], []
    criteria_cache: dict[str, list] = {}
    results_cache: dict[tuple, tuple] = {}
    totals: dict[int, list] = {}  # proposal pk -> submitted totals
    for assignment, proposal, state, quality, bias, assigned_at, domains in plans:
        version = proposal.frozen_criteria["version"]
        criteria = criteria_cache.get(version)
        if criteria is None:
            criteria = [
                (c["code"], len(c["items"] or [None]), c)
                for c in proposal.frozen_criteria["criteria"]
            ]
            criteria_cache[version] = criteria
        items = [(code, position) for code, n, _c in criteria for position in range(1, n + 1)]
        level = quality + bias
        values = {key: _clamp(10 * (level + rng.gauss(0, 0.12)), 0, 10) for key in items}
        complete = True
        if state == "draft":  # the first items typed, the rest still empty
            typed = rng.randint(0, len(items))
            complete = typed == len(items)
            items = items[:typed]
        started_at = assigned_at + dt.timedelta(days=rng.uniform(0.5, 6))
        submitted_at = min(started_at + dt.timedelta(days=rng.uniform(1, 25)), END)
        review = Review(
            assignment=assignment,
            state=state,
            revision=rng.randint(2, 40),
            created_at=min(started_at, END),
        )
        if complete and (state != "draft" or rng.random() < 0.5):
            review.domain_assessments = {d: rng.choice(ASSESSMENTS) for d in domains}
        if state == "draft":
            review.updated_at = min(started_at + dt.timedelta(days=rng.uniform(0, 10)), END)
        else:
            key = (version, *(values[k] for k in items))
            if key not in results_cache:
                results_cache[key] = compute_results([c for _code, _n, c in criteria], values)
            total, results = results_cache[key]
            review.total_score = total
            review.recommendation = recommendation_for(total)
            if review.recommendation == "approve_with_conditions":
                review.conditions = rng.choice(CONDITIONS)
            review.submitted_at = submitted_at
            review.updated_at = submitted_at
            if state == "reopened":
                review.updated_at = min(submitted_at + dt.timedelta(days=3), END)
            result_rows.append((review, results))
            if state == "submitted":
                totals.setdefault(proposal.pk, []).append(total)
        reviews.append(review)
        scores_rows.append((review, [(k, values[k]) for k in items]))
    Review.objects.bulk_create(reviews, batch_size=500)
    ReviewScore.objects.bulk_create(
        (
            ReviewScore(
                review_id=review.pk,
                criterion=code,
                item=item,
                score=score,
                comment=COMMENTS[(review.pk * 7 + item * 3 + len(code)) % len(COMMENTS)],
            )
            for review, rows in scores_rows
            for (code, item), score in rows
        ),
        batch_size=2000,
    )
    CriterionResult.objects.bulk_create(
        (
            CriterionResult(review_id=review.pk, **row)
            for review, results in result_rows
            for row in results
        ),
        batch_size=2000,
    )

    # Summaries on a few fully reviewed proposals; half of those evaluated (written by
    # summarise(), outside explicit_timestamps: the services stamp their own dates).
    summaries = []  # (dossier, recommendation, conditions, summary, by, at, evaluated)
    for proposal in order:
        done = totals.get(proposal.pk, [])
        if len(done) < per_proposal or rng.random() >= SHARE_SUMMARISED:
            continue
        mean = sum(done) / len(done)
        at = min(started[proposal.pk] + dt.timedelta(days=rng.uniform(40, 90)), END)
        recommendation = recommendation_for(mean)
        conditions = rng.choice(CONDITIONS) if recommendation == "approve_with_conditions" else ""
        summary = rng.choice(SUMMARIES)
        by = rng.choice(secretariat)
        summaries.append((dossier_of[proposal.pk], recommendation, conditions, summary, by,
                          at, rng.random() < SHARE_EVALUATED))  # fmt: skip
    return {
        "reviewers": len(reviewers),
        "assignments": len(assignments),
        "reviews": len(reviews),
        "submitted": sum(1 for _a, _p, state, *_rest in plans if state == "submitted"),
        "score rows": sum(len(rows) for _r, rows in scores_rows),
        "criterion results": sum(len(results) for _r, results in result_rows),
        "conflicts": len(conflicts),
        "summaries": summaries,
    }


def summarise(summaries: list, secretariat: list) -> dict:
    """Write each planned summary through write_summary() and complete the evaluations
    planned so through complete_evaluation() (the proposal moves to "evaluated" by the
    proposals' adapter); then set the dates they stamped with "now" to the planned ones."""
    from smartcity.proposals.models import Proposal, StateChange
    from smartcity.reviews.models import Dossier, SummaryRecommendation
    from smartcity.reviews.services import complete_evaluation, write_summary

    evaluated = 0
    for dossier, recommendation, conditions, summary, by, at, evaluate in summaries:
        row = write_summary(
            dossier=dossier,
            recommendation=recommendation,
            summary=summary,
            conditions=conditions,
            by=by,
        )
        SummaryRecommendation.objects.filter(pk=row.pk).update(created_at=at, updated_at=at)
        if not evaluate:
            continue
        done = min(at + dt.timedelta(days=1), END)
        complete_evaluation(dossier=dossier, by=secretariat[0])
        Dossier.objects.filter(pk=dossier.pk).update(completed_at=done, updated_at=done)
        StateChange.objects.filter(proposal_id=dossier.subject_id, to_state="evaluated").update(
            at=done
        )
        Proposal.objects.filter(pk=dossier.subject_id).update(updated_at=done)
        evaluated += 1
    return {"summaries": len(summaries), "evaluated": evaluated}


def generate(proposals: int, organisations: int, reviewers: int, per_proposal: int, seed: int):
    from django.db import transaction

    from smartcity.accounts.models import Organisation, User
    from smartcity.geo.models import Province
    from smartcity.proposals.models import ScreeningDecision, StateChange
    from smartcity.reviews.models import (
        Assignment,
        Conflict,
        Review,
        Reviewer,
        ReviewPhase,
        SummaryRecommendation,
    )

    started = time.perf_counter()
    counts = generate_proposals(proposals, organisations, seed)
    print(f"bench_reviews: {counts['proposals']:,} proposals in "
          f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    rng = random.Random(f"{seed}-reviews")
    timestamps = explicit_timestamps(
        Reviewer,
        Conflict,
        ReviewPhase,
        Assignment,
        Review,
        SummaryRecommendation,
        StateChange,
        ScreeningDecision,
    )
    # The real services send their emails after commit: keep them in memory.
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with transaction.atomic():
        if ReviewPhase.objects.exists():
            raise SystemExit("bench_reviews: the database already holds a review phase")
        secretariat = list(User.objects.filter(is_secretariat=True).order_by("pk"))
        passed = pass_the_rest(secretariat)
        with timestamps:
            proponents = list(
                Organisation.objects.filter(proposals__isnull=False).distinct().order_by("pk")
            )
            provinces = list(Province.objects.order_by("code"))
            pool = create_reviewers(rng, reviewers, proponents, provinces)
            result = create_evaluation(rng, per_proposal, pool, secretariat)
        result.update(summarise(result.pop("summaries"), secretariat))
        # The rows were written in bulk, past the services that keep the board's and the
        # pool's summary rows: rebuild them once, as an operator would after an import.
        from smartcity.reviews.services.summaries import rebuild_summaries

        rebuild_summaries()
    return {"passed to evaluation": passed, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=10_000, help="proposals to add")
    parser.add_argument("--organisations", type=int, default=500, help="proponent organisations")
    parser.add_argument("--reviewers", type=int, default=400, help="reviewers in the pool")
    parser.add_argument("--per-proposal", type=int, default=5, help="reviewers per proposal")
    parser.add_argument("--seed", type=int, default=2564, help="random seed")
    args = parser.parse_args()
    if min(args.proposals, args.organisations, args.per_proposal) < 1:
        parser.error("--proposals, --organisations and --per-proposal must be at least 1")
    if args.reviewers < 2 * args.per_proposal:
        parser.error("--reviewers must be at least twice --per-proposal")
    setup_django()
    started = time.perf_counter()
    counts = generate(
        args.proposals, args.organisations, args.reviewers, args.per_proposal, args.seed
    )
    summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    print(f"bench_reviews: {summary}; in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
