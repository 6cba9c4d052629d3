"""Criteria sets (loaded from their JSON description) and the standing call for proposals."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartcity.core import audit
from smartcity.proposals.enums import CriteriaSetStatus
from smartcity.proposals.models import Call, CriteriaSet, Criterion, CriterionItem
from smartcity.proposals.services.errors import ProposalError


@transaction.atomic
def load_criteria_set(*, data: dict, publish: bool = False, by=None) -> tuple[CriteriaSet, bool]:
    """Create a criteria set from its JSON description unless its version exists.
    Returns (set, created). A published set is never modified: a change is a new version."""
    existing = CriteriaSet.objects.filter(version=data["version"]).first()
    if existing is not None:
        return existing, False
    weights = sum(Decimal(str(c["weight"])) for c in data["criteria"])
    if weights != 100:
        raise ProposalError(
            _("The criteria weights add up to %(total)s, not 100.") % {"total": weights}
        )
    criteria_set = CriteriaSet.objects.create(
        version=data["version"],
        name_th=data["name_th"],
        name_en=data["name_en"],
        min_domains=data["min_domains"],
        required_domains=data["required_domains"],
        pass_mark=data["pass_mark"],
        status=CriteriaSetStatus.PUBLISHED if publish else CriteriaSetStatus.DRAFT,
    )
    for position, spec in enumerate(data["criteria"], start=1):
        criterion = Criterion.objects.create(
            criteria_set=criteria_set,
            code=spec["code"],
            position=position,
            title_th=spec["title_th"],
            title_en=spec["title_en"],
            weight=spec["weight"],
            max_score=spec["max_score"],
            pass_mark=spec["pass_mark"],
        )
        CriterionItem.objects.bulk_create(
            CriterionItem(
                criterion=criterion,
                position=i,
                title_th=item["title_th"],
                title_en=item["title_en"],
                weight=item["weight"],
            )
            for i, item in enumerate(spec.get("items", []), start=1)
        )
    audit.record(
        action="proposals.criteria_set.created",
        by=by,
        target=criteria_set,
        after={"version": criteria_set.version},
    )
    return criteria_set, True


@transaction.atomic
def ensure_rolling_call(*, criteria_set: CriteriaSet, by=None) -> Call:
    """The standing call that accepts proposals all year, under `criteria_set`."""
    call = Call.objects.filter(criteria_set=criteria_set, closes_on__isnull=True).first()
    if call is None:
        call = Call.objects.create(
            title_th="การรับข้อเสนอพื้นที่เมืองอัจฉริยะ (เปิดรับตลอดปี)",
            title_en="Smart city area proposals (rolling call)",
            criteria_set=criteria_set,
            opens_on=timezone.localdate(),
        )
        audit.record(action="proposals.call.opened", by=by, target=call)
    return call
