"""Synthetic smart-city proposals for the benchmark (python -m scripts.bench).

Run by the benchmark in a subprocess whose DATABASE_URL points at a database that is migrated
and has the geography and the criteria set with its rolling call loaded (manage.py
load_criteria_sets), but no proposal yet. It adds:

- a few secretariat officers (is_secretariat=True; the bench logs in as the first);
- `--organisations` proponent organisations, each with an owner and often an editor or
  a viewer: one in every province, then more where proponents are busier (with fewer
  than 77, that many distinct provinces, Bangkok and Phitsanulok the most likely);
- `--proposals` proposals of those organisations in realistic states: most of them
  submitted, resubmitted, in screening, returned or in evaluation, some drafts, some
  withdrawn or ineligible. Each covers 1-3 provinces (and a few districts), has a
  boundary, a few infrastructure items, datasets and smart services, sometimes
  attachment records (no file is written), one or two submitted versions (none for a
  draft) whose content is frozen by smartcity.proposals.snapshots.snapshot_content(),
  the code of proposal_snapshot() that submit_proposal() calls, fed with the rows at
  hand instead of six queries per version; its timeline (StateChange rows) and the
  screening decisions that led to its state. The first proposal is the one the bench
  reviews: back in screening with a second version, after a return.

What the services would also write and no measured page reads (audit entries,
notification emails) is left out. search_document and sort_name come from
services.refresh_search_document() and Proposal.set_sort_name() (what save() calls), since
bulk_create skips save().

Everything is drawn from a seeded random generator and fixed dates, so two runs with the
same arguments build the same data (ids included, on an identical starting database). All rows are written with bulk_create in one
transaction; 10,000 proposals take some 15-25 seconds.

    DATABASE_URL=sqlite:///var/bench/x.sqlite3 python -m scripts.bench.generators.proposals \
        --proposals 10000 --organisations 500
"""

import argparse
import datetime as dt
import hashlib
import random
import time
from decimal import Decimal

from scripts.bench.generators.common import explicit_timestamps, setup_django, unusable_password

# Proposals were started between these instants; nothing happens after END, so that a
# run on any later day sees the same data (only "days waiting" grows).
START = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
END = dt.datetime(2026, 10, 30, 17, 0, tzinfo=dt.UTC)
JOINED = START - dt.timedelta(days=30)  # when the people and organisations signed up

# Final state -> share of the proposals. The review page is measured on a proposal in
# screening with two versions, so both are common enough to exist at 1x.
STATE_SHARES = {
    "draft": 0.08,
    "submitted": 0.20,
    "resubmitted": 0.08,
    "screening": 0.14,
    "returned": 0.14,
    "in_evaluation": 0.26,
    "ineligible": 0.05,
    "withdrawn": 0.05,
}
# Share of the screened states (screening, in evaluation, ineligible) that went through a
# return and a resubmission first, so have two versions.
SHARE_SECOND_ROUND = 0.35
SHARE_WITHDRAWN_BEFORE_SUBMISSION = 0.4

SECRETARIAT = [
    ("secretariat1@bench.example", "สมศรี ใจดี"),
    ("secretariat2@bench.example", "ประเสริฐ วงศ์สวัสดิ์"),
    ("secretariat3@bench.example", "กมลวรรณ ศรีสุข"),
    ("secretariat4@bench.example", "Nattapong Chaiyaporn"),
]
FIRST_NAMES = ["สมชาย", "สุดารัตน์", "วิชัย", "อรุณี", "ธนพล", "พิมพ์ชนก", "ณัฐวุฒิ", "กัญญา",
               "อนุชา", "ปิยะนุช", "ชยพล", "รัตนา", "ศุภชัย", "วราภรณ์", "ธีรวัฒน์", "จิราพร"]  # fmt: skip
LAST_NAMES = ["ใจดี", "ศรีสวัสดิ์", "วงศ์ไทย", "บุญมา", "แก้วมณี", "ทองคำ", "สุขสันต์", "พรหมมา",
              "จันทร์เพ็ญ", "รุ่งเรือง", "ศักดิ์สิทธิ์", "มีสุข"]  # fmt: skip

# Provinces with more proponents than most: Bangkok, and Phitsanulok (the pilot province,
# filtered on by the bench).
BUSY_PROVINCES = {"10": 5, "65": 3}
# The first proposal (the one the bench reviews) also covers this province, so that the
# province filter finds something waiting in screening at every size.
REVIEWED_ALSO_COVERS = "65"

# Proponent kinds: (type, Thai pattern, English pattern, weight); {d} a district name,
# {p} the province's. Names that already exist are skipped.
ORGANISATION_KINDS = [
    ("municipality", "เทศบาลเมือง{d}", "{d_en} Town Municipality", 30),
    ("municipality", "เทศบาลตำบล{d}", "{d_en} Subdistrict Municipality", 20),
    ("province", "องค์การบริหารส่วนจังหวัด{p}", "{p_en} Provincial Administrative Organisation", 10),
    ("university", "มหาวิทยาลัยราชภัฏ{d}", "{d_en} Rajabhat University", 6),
    ("city_company", "บริษัท {d} พัฒนาเมือง จำกัด", "{d_en} City Development Co., Ltd.", 14),
    ("private", "บริษัท {d} สมาร์ท ดีเวลลอปเมนต์ จำกัด", "{d_en} Smart Development Co., Ltd.", 12),
    ("government", "สำนักงานพัฒนาพื้นที่{d}", "{d_en} Area Development Office", 6),
    ("state_enterprise", "การนิคมอุตสาหกรรม{d}", "{d_en} Industrial Estate", 2),
]

# Proposal names: "<word> <province> <n>". "ย่านนวัตกรรม" is segmented as ย่าน + นวัตกรรม,
# so the bench's search for นวัตกรรม finds the proposals named with it (and those only).
PROPOSAL_WORDS = [
    ("เมืองอัจฉริยะ", "Smart City"),
    ("เมืองน่าอยู่อัจฉริยะ", "Livable Smart City"),
    ("ย่านนวัตกรรม", "Innovation District"),
    ("เมืองเก่าอัจฉริยะ", "Smart Old Town"),
    ("ศูนย์กลางคมนาคมอัจฉริยะ", "Smart Transport Hub"),
    ("ชุมชนพลังงานสะอาด", "Clean Energy Community"),
    ("เมืองสุขภาพดี", "Wellness City"),
    ("เมืองการศึกษาอัจฉริยะ", "Smart Education City"),
    ("เมืองใหม่อัจฉริยะ", "Smart New Town"),
    ("เมืองชายแดนอัจฉริยะ", "Smart Border Town"),
]

TEXTS = {
    "vision": [
        "{p} เป็นเมืองน่าอยู่ ปลอดภัย และยั่งยืน ที่ประชาชนทุกกลุ่มเข้าถึงบริการสาธารณะได้สะดวก "
        "ด้วยข้อมูลและเทคโนโลยีดิจิทัล",
        "พัฒนา{p}ให้เป็นศูนย์กลางเศรษฐกิจสร้างสรรค์ของภูมิภาค ควบคู่กับการรักษาสิ่งแวดล้อม "
        "และอัตลักษณ์ทางวัฒนธรรมของชุมชน",
        "เมืองที่ใช้ข้อมูลในการตัดสินใจ ลดการใช้พลังงาน และยกระดับคุณภาพชีวิตของผู้อยู่อาศัยและนักท่องเที่ยวใน{p}",
    ],
    "goals": [
        "1. ลดการใช้พลังงานในอาคารสาธารณะร้อยละ 20 ภายในปี 2572\n"
        "2. ลดเวลาเดินทางเฉลี่ยในเขตเมืองร้อยละ 15\n3. ประชาชนใช้บริการออนไลน์ของเมืองร้อยละ 60",
        "1. เพิ่มพื้นที่สีเขียวเป็น 9 ตารางเมตรต่อคน\n2. ลดปริมาณขยะที่ฝังกลบร้อยละ 30\n"
        "3. เปิดเผยชุดข้อมูลเมืองอย่างน้อย 50 ชุด",
        "1. ลดอุบัติเหตุทางถนนร้อยละ 25\n2. ผู้สูงอายุเข้าถึงการแพทย์ทางไกลร้อยละ 40\n"
        "3. รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 10 ต่อปี",
    ],
    "data_platform_design": [
        "แพลตฟอร์มข้อมูลเมืองแบบเปิด (City Data Platform) เชื่อมโยงข้อมูลจากเซนเซอร์ หน่วยงานรัฐ "
        "และภาคเอกชน ผ่าน API มาตรฐาน พร้อมแดชบอร์ดสำหรับผู้บริหารและประชาชน",
        "ระบบบริหารจัดการข้อมูลกลางบนคลาวด์ภาครัฐ จัดทำบัญชีข้อมูล (Data Catalog) "
        "และธรรมาภิบาลข้อมูลตามมาตรฐานของสำนักงานพัฒนารัฐบาลดิจิทัล",
    ],
    "data_security": [
        "เข้ารหัสข้อมูลทั้งระหว่างส่งและจัดเก็บ ควบคุมสิทธิ์ตามบทบาท และตรวจสอบช่องโหว่ปีละสองครั้ง",
        "ปฏิบัติตามมาตรฐาน ISO/IEC 27001 มีศูนย์เฝ้าระวังภัยคุกคามทางไซเบอร์และแผนรับมือเหตุการณ์",
    ],
    "personal_data_protection": [
        "เป็นไปตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 แต่งตั้งเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล "
        "และทำให้ข้อมูลไม่สามารถระบุตัวบุคคลได้ก่อนเปิดเผย",
        "เก็บข้อมูลส่วนบุคคลเท่าที่จำเป็น ขอความยินยอมอย่างชัดแจ้ง และบันทึกการเข้าถึงทุกครั้ง",
    ],
    "management_organisation": [
        "บริษัทพัฒนาเมือง{p} จำกัด ร่วมกับเทศบาลและหอการค้าจังหวัด",
        "คณะกรรมการขับเคลื่อนเมืองอัจฉริยะ{p} โดยมีผู้ว่าราชการจังหวัดเป็นประธาน",
    ],
    "management_model": [
        "ความร่วมมือรัฐและเอกชน (PPP) โดยเอกชนลงทุนโครงสร้างพื้นฐานดิจิทัลและได้รับส่วนแบ่งรายได้จากบริการ",
        "วิสาหกิจเพื่อสังคมบริหารบริการของเมือง รายได้จากค่าบริการนำกลับมาลงทุนในชุมชน",
    ],
    "investment_plan": [
        "ลงทุนระยะ 5 ปี ปีแรกโครงสร้างพื้นฐานดิจิทัล ปีที่ 2-3 บริการด้านการเดินทางและพลังงาน "
        "ปีที่ 4-5 ขยายผลสู่พื้นที่โดยรอบ",
        "งบประมาณท้องถิ่นร้อยละ 30 เงินอุดหนุนรัฐร้อยละ 20 และการลงทุนภาคเอกชนร้อยละ 50",
    ],
}
INFRASTRUCTURE = [
    ("สถานีตรวจวัดคุณภาพอากาศ", False), ("ไฟถนนอัจฉริยะ", False), ("ทางจักรยานเชื่อมย่านเมือง", False),
    ("ระบบขนส่งสาธารณะไฟฟ้า", False), ("โครงข่ายเส้นใยแก้วนำแสง", True), ("จุดกระจายสัญญาณ Wi-Fi สาธารณะ", True),
    ("ศูนย์ปฏิบัติการเมือง (IOC)", True), ("เซนเซอร์ตรวจวัดระดับน้ำ", True), ("โซลาร์รูฟท็อปอาคารสาธารณะ", False),
    ("กล้อง CCTV พร้อมระบบวิเคราะห์ภาพ", True), ("ระบบบริหารจัดการขยะอัจฉริยะ", True),
]  # fmt: skip
DATASETS = [
    "คุณภาพอากาศรายชั่วโมง", "ปริมาณการจราจร", "การใช้ไฟฟ้าอาคารสาธารณะ", "ปริมาณขยะรายวัน",
    "ระดับน้ำในคลอง", "จุดเกิดอุบัติเหตุ", "นักท่องเที่ยวรายเดือน", "ผู้ป่วยโรคเรื้อรัง", "ที่จอดรถว่าง",
]  # fmt: skip
PROVIDERS = ["เทศบาล", "สำนักงานจังหวัด", "การไฟฟ้าส่วนภูมิภาค", "สำนักงานขนส่งจังหวัด",
             "โรงพยาบาลประจำจังหวัด", "บริษัทพัฒนาเมือง", "สถานีตำรวจภูธร"]  # fmt: skip
SOLUTIONS = {
    "environment": ("ระบบเฝ้าระวังคุณภาพอากาศ", "ค่าเฉลี่ย PM2.5 (µg/m³)", "42", "25"),
    "mobility": ("แอปพลิเคชันขนส่งสาธารณะ", "ผู้ใช้ขนส่งสาธารณะต่อวัน", "8,000", "15,000"),
    "living": ("การแพทย์ทางไกลสำหรับผู้สูงอายุ", "ผู้สูงอายุที่ใช้บริการ (ร้อยละ)", "5", "40"),
    "people": ("ศูนย์เรียนรู้ดิจิทัลชุมชน", "ผู้ผ่านการอบรมทักษะดิจิทัล (คน)", "0", "5,000"),
    "energy": ("โครงข่ายไฟฟ้าอัจฉริยะ", "การใช้พลังงานหมุนเวียน (ร้อยละ)", "3", "20"),
    "economy": ("ตลาดออนไลน์สินค้าชุมชน", "รายได้ผู้ประกอบการรายย่อย (ล้านบาท/ปี)", "12", "30"),
    "governance": ("ระบบรับเรื่องร้องเรียนออนไลน์", "เรื่องที่แก้ไขภายใน 7 วัน (ร้อยละ)", "35", "85"),
}
MISSING_ITEMS = {
    "area_vision": ["แผนที่ขอบเขตพื้นที่ที่มีมาตราส่วน", "ตัวชี้วัดเป้าหมายที่วัดผลได้"],
    "infrastructure": ["ประมาณการค่าใช้จ่ายรายปี", "แหล่งงบประมาณของโครงสร้างพื้นฐาน"],
    "data_platform": ["ผังการเชื่อมโยงข้อมูล", "ข้อตกลงการแบ่งปันข้อมูลกับหน่วยงานอื่น"],
    "services": ["ค่าฐานของตัวชี้วัด", "บริการด้านที่สอง"],
    "management": ["หนังสือยืนยันการร่วมลงทุนของเอกชน", "แผนการลงทุนรายปี"],
}
INELIGIBLE_REASONS = [
    "พื้นที่เสนอซ้อนทับกับพื้นที่ที่ได้รับการรับรองแล้ว",
    "ผู้เสนอไม่มีอำนาจดำเนินการในพื้นที่ที่เสนอ",
    "ไม่ได้ส่งข้อมูลเพิ่มเติมภายในกำหนด",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


# --------------------------------------------------------------------------------------
# People and organisations
# --------------------------------------------------------------------------------------


def create_secretariat() -> list:
    from smartcity.accounts.models import User

    users = [
        User(
            email=email,
            full_name=name,
            is_secretariat=True,
            password=unusable_password(email),
            date_joined=JOINED,
        )
        for email, name in SECRETARIAT
    ]
    return User.objects.bulk_create(users)


def create_organisations(rng: random.Random, count: int, provinces: list, districts: dict):
    """`count` organisations: one in every province first (as far as `count` allows), then
    a skewed choice (Bangkok and a few provinces are much more active). Returns
    [(organisation, [member users, owner first])]."""
    from smartcity.accounts.enums import MembershipRole
    from smartcity.accounts.models import Membership, Organisation, User

    taken = set(Organisation.objects.values_list("name_th", flat=True))
    weights = [rng.uniform(0.3, 3.0) * BUSY_PROVINCES.get(p.code, 1) for p in provinces]
    if count >= len(provinces):
        chosen = list(provinces)
        chosen += rng.choices(provinces, weights=weights, k=count - len(provinces))
    else:  # as many distinct provinces as organisations, the busy ones most likely
        pool, chosen = dict(zip(provinces, weights, strict=True)), []
        for _ in range(count):
            province = rng.choices(list(pool), weights=list(pool.values()))[0]
            chosen.append(province)
            del pool[province]
    kinds = ORGANISATION_KINDS
    organisations = []
    for number, province in enumerate(chosen, start=1):
        for _attempt in range(20):
            kind, pattern_th, pattern_en, _weight = rng.choices(
                kinds, weights=[k[3] for k in kinds]
            )[0]
            district = rng.choice(districts[province.pk])
            d_th = district.name_th.removeprefix("เขต").removeprefix("อำเภอ")
            name_th = pattern_th.format(d=d_th, p=province.name_th)
            if name_th not in taken:
                break
        else:
            name_th = f"{name_th} {number}"
        taken.add(name_th)
        organisations.append(
            Organisation(
                name_th=name_th,
                name_en=pattern_en.format(d_en=district.name_en, p_en=province.name_en),
                type=kind,
                province=province,
                created_at=JOINED,
                updated_at=JOINED,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=500)

    users, roles = [], []
    for number, organisation in enumerate(organisations, start=1):
        wanted = [MembershipRole.OWNER]
        if rng.random() < 0.6:
            wanted.append(MembershipRole.EDITOR)
        if rng.random() < 0.15:
            wanted.append(MembershipRole.VIEWER)
        for index, role in enumerate(wanted):
            email = f"{role}{index}.org{number}@bench.example"
            users.append(
                User(
                    email=email,
                    full_name=person(rng),
                    password=unusable_password(email),
                    preferred_language="th" if rng.random() < 0.9 else "en",
                    date_joined=JOINED,
                )
            )
            roles.append((organisation, role))
    User.objects.bulk_create(users, batch_size=500)
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                organisation=organisation,
                role=role,
                created_at=JOINED,
                updated_at=JOINED,
            )
            for user, (organisation, role) in zip(users, roles, strict=True)
        ],
        batch_size=500,
    )
    members = {o.pk: [] for o in organisations}
    for user, (organisation, role) in zip(users, roles, strict=True):
        if role != MembershipRole.VIEWER:  # viewers never write
            members[organisation.pk].append(user)
    return [(o, members[o.pk]) for o in organisations]


# --------------------------------------------------------------------------------------
# Proposals
# --------------------------------------------------------------------------------------


def history(rng: random.Random, state: str) -> list[tuple[str, str]]:
    """The transitions (from, to) that led a proposal to `state`, as the services allow."""
    submit_1 = [("draft", "submitted"), ("submitted", "screening")]
    second_round = [
        ("screening", "returned"),
        ("returned", "resubmitted"),
        ("resubmitted", "screening"),
    ]
    twice = rng.random() < SHARE_SECOND_ROUND
    if state == "draft":
        return []
    if state == "submitted":
        return [("draft", "submitted")]
    if state == "resubmitted":
        return [*submit_1, ("screening", "returned"), ("returned", "resubmitted")]
    if state == "returned":
        return [*submit_1, ("screening", "returned")]
    if state == "screening":
        return submit_1 + (second_round if twice else [])
    if state in {"in_evaluation", "ineligible"}:
        return submit_1 + (second_round if twice else []) + [("screening", state)]
    if state == "withdrawn":
        if rng.random() < SHARE_WITHDRAWN_BEFORE_SUBMISSION:
            return [("draft", "withdrawn")]
        return rng.choice(
            [
                [("draft", "submitted"), ("submitted", "withdrawn")],
                [*submit_1, ("screening", "returned"), ("returned", "withdrawn")],
            ]
        )
    raise ValueError(state)


def instants(rng: random.Random, count: int) -> list[dt.datetime]:
    """The creation of a proposal and then `count` later events, all within START..END."""
    created = START + (END - START) * rng.random() ** 0.7  # more activity lately
    gaps = [dt.timedelta(days=rng.uniform(1, 45), hours=rng.uniform(0, 8)) for _ in range(count)]
    room, used = END - created, sum(gaps, dt.timedelta())
    if used > room:
        gaps = [gap * (room / used) for gap in gaps]
    moments = [created]
    for gap in gaps:
        moments.append(moments[-1] + gap)
    return moments


def fill(rng: random.Random, proposal, provinces_by_code: dict, complete: bool) -> dict:
    """Set the proposal's own fields; return its rows and many-to-many codes."""
    province = provinces_by_code[proposal.home_code]
    p = province.name_th
    texts = {name: rng.choice(options).format(p=p) for name, options in TEXTS.items()}
    if not complete:  # a draft: the first sections written, the rest still empty
        for name in rng.sample(list(TEXTS), rng.randint(2, len(TEXTS))):
            texts[name] = ""
    for name, value in texts.items():
        setattr(proposal, name, value)
    proposal.city_type = (
        rng.choice(["existing"] * 4 + ["new"]) if complete or rng.random() < 0.5 else ""
    )
    proposal.population_served = (
        rng.randint(5_000, 900_000) if complete or rng.random() < 0.5 else None
    )
    proposal.expected_private_investment_baht = (
        Decimal(rng.randint(10, 20_000)) * 1_000_000 if complete or rng.random() < 0.3 else None
    )
    if complete or rng.random() < 0.4:
        lon, lat = province.label_lon or 100.5, province.label_lat or 13.75
        half = rng.uniform(0.01, 0.06)
        proposal.boundary = {
            "type": "Polygon",
            "coordinates": [[[round(lon - half, 5), round(lat - half, 5)],
                             [round(lon + half, 5), round(lat - half, 5)],
                             [round(lon + half, 5), round(lat + half, 5)],
                             [round(lon - half, 5), round(lat + half, 5)],
                             [round(lon - half, 5), round(lat - half, 5)]]],
        }  # fmt: skip
        proposal.boundary_area_km2 = Decimal(str(round((2 * half * 111) ** 2 * 0.97, 3)))
        proposal.boundary_province_codes = [province.code]
    rows = {"infrastructure_items": [], "datasets": [], "solutions": []}
    if complete or rng.random() < 0.6:
        for title, digital in rng.sample(INFRASTRUCTURE, rng.randint(2, 5)):
            rows["infrastructure_items"].append(
                {"title": title, "is_digital": digital,
                 "cost_baht": Decimal(rng.randint(5, 900)) * 100_000, "year": rng.randint(2026, 2030)}
            )  # fmt: skip
    if complete or rng.random() < 0.5:
        for name in rng.sample(DATASETS, rng.randint(1, 4)):
            rows["datasets"].append(
                {"name": name, "provider": rng.choice(PROVIDERS),
                 "openness": rng.choice(["open", "open", "shared", "restricted"]),
                 "has_personal_data": rng.random() < 0.25}
            )  # fmt: skip
    if complete or rng.random() < 0.4:
        for domain in rng.sample(list(SOLUTIONS), rng.randint(2, 4)):
            name, indicator, baseline, target = SOLUTIONS[domain]
            rows["solutions"].append(
                {"name": name, "domain": domain, "indicator": indicator, "baseline": baseline,
                 "target": target, "target_year": rng.randint(2027, 2031)}
            )  # fmt: skip
    return rows


def earlier_content(content: dict, missing: list[dict], drop_attachment: bool) -> dict:
    """The first version of a proposal that was returned and resubmitted: what the second
    version added in answer to the missing items is not there yet (nor, if
    `drop_attachment`, its last attachment)."""
    first = dict(content)
    codes = {m["criterion"] for m in missing}
    if "area_vision" in codes:
        first["goals"] = content["goals"].split("\n")[0]
    if "infrastructure" in codes and len(content["infrastructure_items"]) > 1:
        first["infrastructure_items"] = content["infrastructure_items"][:-1]
    if "data_platform" in codes and len(content["datasets"]) > 1:
        first["datasets"] = content["datasets"][:-1]
    if "services" in codes and len(content["solutions"]) > 2:
        first["solutions"] = content["solutions"][:-1]
    if "management" in codes or first == content:
        first["investment_plan"] = "ลงทุนระยะ 5 ปี (รายละเอียดจะส่งเพิ่มเติม)"
    if content["attachments"] and drop_attachment:
        first["attachments"] = content["attachments"][:-1]
    return first


def checklist(criteria: dict, missing: list[dict], note: str = "") -> dict:
    incomplete = {m["criterion"] for m in missing}
    return {
        c["code"]: {
            "complete": c["code"] not in incomplete,
            "note": note if c["code"] in incomplete else "",
        }
        for c in criteria["criteria"]
    }


def create_proposals(rng, count, organisations, secretariat, call, criteria, provinces, districts):
    """`count` proposals of `organisations`, with everything hanging off them."""
    from smartcity.proposals.models import (
        Attachment,
        DatasetPlan,
        InfrastructureItem,
        Proposal,
        ProposalVersion,
        ScreeningDecision,
        Solution,
        StateChange,
    )
    from smartcity.proposals.services.drafting import refresh_search_document
    from smartcity.proposals.snapshots import snapshot_content

    provinces_by_code = {p.code: p for p in provinces}
    province_ids = {p.code: p.pk for p in provinces}
    states, shares = zip(*STATE_SHARES.items(), strict=True)
    # The organisations are not equally active: a few submit far more than most.
    org_weights = [rng.uniform(0.2, 2.5) for _ in organisations]
    numbers: dict[str, int] = {}
    row_models = {"infrastructure_items": InfrastructureItem, "datasets": DatasetPlan,
                  "solutions": Solution}  # fmt: skip
    created = {model: [] for model in (Proposal, *row_models.values(), Attachment,
                                       ProposalVersion, ScreeningDecision, StateChange)}  # fmt: skip
    through_provinces, through_districts = [], []  # (proposal, code)
    # Versions whose content is frozen once the attachments have their ids:
    # (version, proposal, provinces, districts, section rows, attachments, first of two,
    # missing items, drop the last attachment from the first version).
    to_freeze = []

    for index in range(count):
        # Every organisation has at least one proposal, then the active ones get more.
        organisation, members = (
            organisations[index]
            if index < len(organisations)
            else rng.choices(organisations, weights=org_weights)[0]
        )
        if index == 0:  # the proposal the bench reviews: back in screening with version 2
            state = "screening"
            steps = [("draft", "submitted"), ("submitted", "screening"), ("screening", "returned"),
                     ("returned", "resubmitted"), ("resubmitted", "screening")]  # fmt: skip
        else:
            state = rng.choices(states, weights=shares)[0]
            steps = history(rng, state)
        moments = instants(rng, len(steps))
        home = (
            organisation.province
            if organisation.province and rng.random() < 0.9
            else rng.choice(provinces)
        )
        covered = [home.code]
        for _extra in range(rng.choices([0, 1, 2], weights=[60, 30, 10])[0]):
            code = rng.choice(provinces).code
            if code not in covered:
                covered.append(code)
        if index == 0 and REVIEWED_ALSO_COVERS not in covered:
            covered = [*covered[:2], REVIEWED_ALSO_COVERS]
        pool = districts[home.pk]
        chosen_districts = [d.code for d in rng.sample(pool, min(len(pool), rng.randint(0, 3)))]
        numbers[home.code] = numbers.get(home.code, 0) + 1
        word_th, word_en = rng.choice(PROPOSAL_WORDS)
        named = state != "draft" or rng.random() < 0.8
        author = rng.choice(members)
        proposal = Proposal(
            organisation=organisation,
            call=call,
            state=state,
            created_by=author,
            name_th=f"{word_th} {home.name_th} {numbers[home.code]}" if named else "",
            name_en=f"{word_en} {home.name_en} {numbers[home.code]}" if named else "",
            created_at=moments[0],
            updated_at=moments[-1],
            revision=rng.randint(3, 60),
        )
        proposal.home_code = home.code
        submitted = bool(steps) and steps[0] != ("draft", "withdrawn")
        rows = fill(rng, proposal, provinces_by_code, complete=submitted)
        proposal.search_document = refresh_search_document(proposal)
        proposal.set_sort_name()  # as save()
        created[Proposal].append(proposal)
        section_rows = {
            name: [model(proposal=proposal, position=i, **row) for i, row in enumerate(rows[name])]
            for name, model in row_models.items()
        }
        for name, model in row_models.items():
            created[model].extend(section_rows[name])
        through_provinces.extend((proposal, code) for code in covered)
        through_districts.extend((proposal, code) for code in chosen_districts)
        held = []
        if submitted and rng.random() < 0.6:
            for number in range(rng.randint(1, 3)):
                digest = hashlib.sha256(
                    f"{rng.getrandbits(64)}-{index}-{number}".encode()
                ).hexdigest()
                held.append(
                    Attachment(
                        proposal=proposal,
                        criterion=rng.choice(["", *MISSING_ITEMS]),
                        original_name=f"เอกสารประกอบ-{number + 1}.pdf",
                        size=rng.randint(80_000, 9_000_000),
                        sha256=digest,
                        uploaded_by=members[0],
                        created_at=moments[0],
                        updated_at=moments[0],
                    )
                )
        created[Attachment].extend(held)

        # Walk the history: versions, screening decisions, the timeline.
        returns = sum(1 for _before, after in steps if after == "returned")
        missing_first = []
        if returns:
            codes = rng.sample(list(MISSING_ITEMS), rng.randint(1, 3))
            missing_first = [{"criterion": c, "text": rng.choice(MISSING_ITEMS[c])} for c in codes]
        officer = rng.choice(secretariat)
        latest = None
        for (before, after), at in zip(steps, moments[1:], strict=True):
            by = (
                rng.choice(members)
                if after in {"submitted", "resubmitted", "withdrawn"}
                else officer
            )
            note = ""
            if after in {"submitted", "resubmitted"}:
                proposal.version_number += 1
                proposal.submitted_at = at
                proposal.frozen_criteria = criteria
                proposal.information_due_on = None
                first_of_two = bool(proposal.version_number == 1 and returns)
                latest = ProposalVersion(
                    proposal=proposal,
                    number=proposal.version_number,
                    submitted_at=at,
                    submitted_by=by,
                    criteria=criteria,
                )
                drop = first_of_two and bool(held) and rng.random() < 0.5
                to_freeze.append((latest, proposal, covered, chosen_districts, section_rows,
                                  held, first_of_two, missing_first, drop))  # fmt: skip
                created[ProposalVersion].append(latest)
                note = f"Version {proposal.version_number}"
            elif before == "screening":
                outcome = {
                    "returned": "return",
                    "in_evaluation": "pass",
                    "ineligible": "ineligible",
                }[after]
                missing = missing_first if outcome == "return" else []
                reason = rng.choice(INELIGIBLE_REASONS) if outcome == "ineligible" else ""
                due_on = (at + dt.timedelta(days=rng.randint(14, 60))).date() if missing else None
                created[ScreeningDecision].append(
                    ScreeningDecision(
                        proposal=proposal,
                        version=latest,
                        outcome=outcome,
                        checklist=checklist(criteria, missing, note="ขาดเอกสาร"),
                        missing_items=missing,
                        due_on=due_on,
                        reason=reason,
                        decided_by=by,
                        decided_at=at,
                    )
                )
                note = reason
                proposal.information_due_on = due_on
            elif after == "withdrawn" and rng.random() < 0.5:
                note = "ผู้บริหารเปลี่ยนแผนการลงทุน"
            created[StateChange].append(
                StateChange(
                    proposal=proposal, from_state=before, to_state=after, by=by, at=at, note=note
                )
            )
        if state != "returned":
            proposal.information_due_on = None

    # Proposals first (bulk_create gives them their ids), then what refers to them; the
    # versions' content once the attachments have ids (the snapshot names each by id).
    Proposal.objects.bulk_create(created[Proposal], batch_size=500)
    for attachment in created[Attachment]:
        attachment.file = f"proposals/{attachment.proposal.pk}/{attachment.sha256[:16]}.pdf"
    for model, objects in created.items():
        if model is ProposalVersion:
            freeze(to_freeze, snapshot_content)
        if model is not Proposal:
            # An unsaved parent assigned earlier is read again now that it has an id.
            model.objects.bulk_create(objects, batch_size=500)
    district_ids = {d.code: d.pk for pool in districts.values() for d in pool}
    Proposal.provinces.through.objects.bulk_create(
        [
            Proposal.provinces.through(proposal_id=p.pk, province_id=province_ids[c])
            for p, c in through_provinces
        ],
        batch_size=1000,
    )
    Proposal.districts.through.objects.bulk_create(
        [
            Proposal.districts.through(proposal_id=p.pk, district_id=district_ids[c])
            for p, c in through_districts
        ],
        batch_size=1000,
    )
    return {
        "proposals": len(created[Proposal]),
        "versions": len(created[ProposalVersion]),
        "state changes": len(created[StateChange]),
        "screening decisions": len(created[ScreeningDecision]),
        "section rows": sum(len(created[m]) for m in row_models.values()),
        "attachment records": len(created[Attachment]),
    }


def freeze(to_freeze: list, snapshot_content) -> None:
    """Each version's content, as submit_proposal() freezes it (snapshot_content() is the
    code of snapshots.proposal_snapshot()); a first version of two lacks what the second
    added. Versions of one proposal share the frozen content of its final rows."""
    contents: dict[int, dict] = {}
    for version, proposal, provinces, districts, rows, held, first, missing, drop in to_freeze:
        content = contents.get(id(proposal))
        if content is None:
            content = contents[id(proposal)] = snapshot_content(
                proposal, provinces=provinces, districts=districts, attachments=held, **rows
            )
        version.content = earlier_content(content, missing, drop) if first else content


def generate(proposals: int, organisations: int, seed: int) -> dict:
    """Add secretariat officers, `organisations` proponents and `proposals` proposals to a
    database without proposals. All or nothing."""
    from django.db import transaction

    from smartcity.accounts.models import Membership, Organisation
    from smartcity.geo.models import District, Province
    from smartcity.proposals.models import (
        Attachment,
        Call,
        Proposal,
        ScreeningDecision,
        StateChange,
    )
    from smartcity.proposals.snapshots import criteria_snapshot

    rng = random.Random(seed)
    with (
        transaction.atomic(),
        explicit_timestamps(
            Organisation, Membership, Proposal, StateChange, ScreeningDecision, Attachment
        ),
    ):
        if Proposal.objects.exists():
            raise SystemExit("bench_proposals: the database already holds proposals")
        call = (
            Call.objects.select_related("criteria_set")
            .filter(closes_on__isnull=True)
            .order_by("pk")
            .first()
        )
        if call is None:
            raise SystemExit("bench_proposals: no rolling call; run manage.py load_criteria_sets")
        criteria = criteria_snapshot(call.criteria_set)
        provinces = list(Province.objects.order_by("code"))
        if len(provinces) != 77:
            raise SystemExit(f"expected the 77 provinces to be loaded, found {len(provinces)}")
        districts: dict[int, list] = {p.pk: [] for p in provinces}
        for district in District.objects.order_by("code"):
            districts[district.province_id].append(district)
        secretariat = create_secretariat()
        proponents = create_organisations(rng, organisations, provinces, districts)
        counts = create_proposals(
            rng, proposals, proponents, secretariat, call, criteria, provinces, districts
        )
        counts["organisations"] = len(proponents)
        counts["members"] = Membership.objects.filter(
            organisation__in=[o for o, _m in proponents]
        ).count()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--proposals", type=int, default=10_000, help="proposals to add")
    parser.add_argument(
        "--organisations", type=int, default=500, help="proponent organisations to add"
    )
    parser.add_argument("--seed", type=int, default=2564, help="random seed")
    args = parser.parse_args()
    if args.proposals < 1 or args.organisations < 1:
        parser.error("--proposals and --organisations must be at least 1")
    setup_django()
    started = time.perf_counter()
    counts = generate(args.proposals, args.organisations, args.seed)
    summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    print(f"bench_proposals: {summary} added in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
