import json
from decimal import Decimal
from pathlib import Path

import factory

from smartcity.accounts.enums import MembershipRole
from smartcity.accounts.models import Membership
from smartcity.geo.models import Province
from smartcity.proposals.models import DatasetPlan, InfrastructureItem, Proposal, Solution
from smartcity.proposals.services.criteria import ensure_rolling_call, load_criteria_set
from tests.accounts.factories import OrganisationFactory, UserFactory

CRITERIA = (
    Path(__file__).resolve().parents[2]
    / "smartcity"
    / "proposals"
    / "data"
    / "criteria_set_2565.json"
)

# About 1 km x 1 km in central Phitsanulok.
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[100.26, 16.82], [100.27, 16.82], [100.27, 16.83], [100.26, 16.83], [100.26, 16.82]]
    ],
}


def rolling_call():
    criteria_set, _ = load_criteria_set(
        data=json.loads(CRITERIA.read_text(encoding="utf-8")), publish=True
    )
    return ensure_rolling_call(criteria_set=criteria_set)


def member(organisation, role=MembershipRole.EDITOR, **user_fields):
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    organisation = factory.SubFactory(OrganisationFactory)
    call = factory.LazyFunction(rolling_call)
    created_by = factory.SubFactory(UserFactory)
    name_th = factory.Sequence(lambda n: f"ข้อเสนอเมืองอัจฉริยะ {n}")
    name_en = factory.Sequence(lambda n: f"Proposal {n}")


def complete(proposal: Proposal, domains=("mobility", "environment")) -> Proposal:
    """Fill every section so the proposal may be submitted."""
    proposal.city_type = "existing"
    proposal.boundary = SQUARE
    proposal.boundary_area_km2 = Decimal("1.19")
    proposal.boundary_province_codes = ["65"]
    proposal.vision = "เมืองน่าอยู่ ปลอดภัย และยั่งยืน"
    proposal.goals = "ลดการใช้พลังงานร้อยละ 20 ภายในปี 2570"
    proposal.population_served = 60_000
    proposal.data_platform_design = "แพลตฟอร์มข้อมูลเมืองแบบเปิด"
    proposal.data_security = "เข้ารหัสข้อมูลและควบคุมสิทธิ์"
    proposal.personal_data_protection = "เป็นไปตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล"
    proposal.management_organisation = "บริษัทพัฒนาเมือง จำกัด"
    proposal.management_model = "ความร่วมมือรัฐและเอกชน"
    proposal.investment_plan = "ลงทุน 5 ปี"
    proposal.expected_private_investment_baht = Decimal("250000000")
    proposal.save()
    proposal.provinces.set([Province.objects.get(code="65")])
    InfrastructureItem.objects.create(
        proposal=proposal, title="สถานีตรวจวัดอากาศ", cost_baht=5_000_000, year=2027
    )
    DatasetPlan.objects.create(
        proposal=proposal, name="คุณภาพอากาศ", provider="เทศบาล", openness="open"
    )
    for domain in domains:
        Solution.objects.create(
            proposal=proposal,
            name=f"บริการ {domain}",
            domain=domain,
            indicator="ตัวชี้วัด",
            baseline="0",
            target="100",
            target_year=2028,
        )
    return proposal
