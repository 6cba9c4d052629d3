"""Synthetic registry data for the benchmark (scripts/bench.py).

Run by bench.py in a subprocess whose DATABASE_URL points at a copy of the "1x" database
(migrated, with the real geography, certified areas and network cities loaded). It adds
committee meetings, batches, proponent organisations and certified areas until the
database holds `--areas` certified areas, spread over all 77 provinces.

Everything is drawn from a seeded random generator and from fixed dates, so two runs
with the same seed build the same data. Rows are written with bulk_create in one
transaction: generation takes a few seconds (most of it is PyThaiNLP segmenting the
names for the search document).

    DATABASE_URL=sqlite:///var/bench/x.sqlite3 python scripts/bench_data.py --areas 3000
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Meetings: two per committee per B.E. year, sub-committee first and the steering
# committee about two months later. Years are those of the certification dates we want
# (2021-2026 C.E.); the last steering meeting (Oct 2026) is still in the past, so every
# generated area counts as certified "today".
FIRST_YEAR_BE = 2564
LAST_YEAR_BE = 2569
MEETING_MONTHS = {1: (3, 5), 2: (8, 10)}  # number -> (sub-committee month, steering month)
# Logo ceremonies after this day are treated as "not held yet" (left empty).
CEREMONY_CUTOFF = dt.date(2026, 11, 1)

# Thai and English words for area names: "<province> <word> <n>".
NAME_WORDS = [
    ("เมืองอัจฉริยะ", "Smart City"),
    ("เมืองน่าอยู่อัจฉริยะ", "Livable Smart City"),
    ("เมืองเก่าอัจฉริยะ", "Smart Old Town"),
    ("ย่านนวัตกรรม", "Innovation District"),
    ("เมืองท่องเที่ยวอัจฉริยะ", "Smart Tourism City"),
    ("เมืองเศรษฐกิจใหม่", "New Economy City"),
    ("สมาร์ทซิตี้", "SmartCity"),
    ("เมืองการศึกษาอัจฉริยะ", "Smart Education City"),
    ("เมืองสุขภาพดี", "Wellness City"),
    ("ชุมชนพลังงานสะอาด", "Clean Energy Community"),
    ("ศูนย์กลางคมนาคมอัจฉริยะ", "Smart Transport Hub"),
    ("เกาะอัจฉริยะ", "Smart Island"),
]

# Proponent organisations per province: (type, Thai pattern, English pattern, probability).
ORGANISATION_PATTERNS = [
    ("municipality", "เทศบาลนคร{th}", "{en} City Municipality", 1.0),
    ("province", "จังหวัด{th}", "{en} Province", 1.0),
    ("university", "มหาวิทยาลัย{th}", "{en} University", 0.3),
    ("private", "บริษัท {th} ดีเวลลอปเมนต์ จำกัด", "{en} Development Co., Ltd.", 0.3),
    ("city_company", "บริษัท {th} พัฒนาเมือง จำกัด", "{en} City Development Co., Ltd.", 0.4),
    ("government", "สำนักงาน{th}เมืองอัจฉริยะ", "{en} Smart City Office", 0.2),
]
NATIONAL_ORGANISATIONS = [
    ("state_enterprise", "การไฟฟ้าส่วนภูมิภาค", "Provincial Electricity Authority"),
    ("state_enterprise", "การนิคมอุตสาหกรรมแห่งประเทศไทย", "Industrial Estate Authority of Thailand"),
    ("state_enterprise", "การเคหะแห่งชาติ", "National Housing Authority"),
    ("government", "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล", "Digital Economy Promotion Agency"),
]

# Shares of the generated areas (the rest gets the common case).
SHARE_WITH_PROPONENT = 0.65  # organisation on record
SHARE_TYPE_ONLY = 0.20  # type known, organisation not named; the rest: "not reported"
SHARE_WITH_DOMAINS = 0.85  # the rest: domains not reported
SHARE_WITH_POPULATION = 0.40
SHARE_WITH_INVESTMENT = 0.30
SHARE_INFERRED = 0.05
SHARE_TITLE_TH_UNKNOWN = 0.03


def setup_django() -> None:
    """Make the project importable and configure Django from the environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartcity.settings")
    import django

    django.setup()


def ensure_meetings(rng: random.Random) -> list[tuple]:
    """Numbered meetings of both committees for every year, reusing those already loaded.

    Returns (sub-committee meeting, steering meeting) pairs in date order; the areas of a
    pair are approved by the first and certified by the second."""
    from smartcity.committee.enums import CommitteeKind, DatePrecision
    from smartcity.committee.models import Meeting
    from smartcity.committee.services.committees import ensure_committees

    committees = ensure_committees()
    existing = {
        (m.committee_id, m.year_be, m.number): m
        for m in Meeting.objects.filter(number__isnull=False)
    }
    pairs, new = [], []
    for year_be in range(FIRST_YEAR_BE, LAST_YEAR_BE + 1):
        year_ce = year_be - 543
        previous = {}  # committee -> date of its previous meeting this year
        for number, months in MEETING_MONTHS.items():
            pair = []
            for kind, month in zip(
                (CommitteeKind.SUB_COMMITTEE, CommitteeKind.STEERING), months, strict=True
            ):
                committee = committees[kind]
                meeting = existing.get((committee.pk, year_be, number))
                if meeting is None:
                    held_on = dt.date(year_ce, month, rng.randint(3, 26))
                    # Meeting 2 never before a (loaded) meeting 1 of the same year.
                    if committee in previous:
                        held_on = max(held_on, previous[committee] + dt.timedelta(days=14))
                    meeting = Meeting(
                        committee=committee,
                        year_be=year_be,
                        number=number,
                        held_on=held_on,
                        held_on_precision=DatePrecision.DAY,
                    )
                    new.append(meeting)
                if meeting.held_on:
                    previous[committee] = meeting.held_on
                pair.append(meeting)
            pairs.append(tuple(pair))
    Meeting.objects.bulk_create(new)
    # Steering meetings without a date cannot certify anything.
    return [(sub, steering) for sub, steering in pairs if steering.effective_on]


def ensure_batches(rng: random.Random, steering_meetings: list) -> dict[int, object]:
    """One batch per steering meeting: the batch its loaded areas already use, else a
    new one ("B<n>") with a logo ceremony one to two months after the meeting."""
    from smartcity.certification.models import Batch, Certificate

    by_meeting = {
        meeting_id: batch
        for meeting_id, batch in (
            (c.acknowledging_meeting_id, c.area.batch)
            for c in Certificate.objects.select_related("area__batch").exclude(area__batch=None)
        )
    }
    used_numbers = [
        int(code[1:]) for code in Batch.objects.values_list("code", flat=True) if code[1:].isdigit()
    ]
    next_number = max(used_numbers, default=0) + 1
    result, new = {}, []
    for meeting in steering_meetings:
        batch = by_meeting.get(meeting.pk)
        if batch is None:
            ceremony = meeting.effective_on + dt.timedelta(days=rng.randint(30, 60))
            batch = Batch(
                code=f"B{next_number}",
                logo_ceremony_on=ceremony if ceremony <= CEREMONY_CUTOFF else None,
            )
            next_number += 1
            new.append(batch)
        result[meeting.pk] = batch
    Batch.objects.bulk_create(new)
    return result


def create_organisations(rng: random.Random, provinces: list) -> dict[str, list]:
    """Proponents of varied types in every province (plus a few national bodies).

    Returns {province code: [organisations]}, national bodies under the key ""."""
    from smartcity.accounts.models import Organisation

    taken = set(Organisation.objects.values_list("name_th", flat=True))
    new = []
    for province in provinces:
        for kind, pattern_th, pattern_en, probability in ORGANISATION_PATTERNS:
            name_th = pattern_th.format(th=province.name_th)
            if name_th in taken or rng.random() > probability:
                continue
            taken.add(name_th)
            new.append(
                Organisation(
                    name_th=name_th,
                    name_en=pattern_en.format(en=province.name_en),
                    type=kind,
                    province=province,
                )
            )
    for kind, name_th, name_en in NATIONAL_ORGANISATIONS:
        if name_th not in taken:
            taken.add(name_th)
            new.append(Organisation(name_th=name_th, name_en=name_en, type=kind))
    Organisation.objects.bulk_create(new)
    by_province: dict[str, list] = {p.code: [] for p in provinces}
    by_province[""] = []
    codes = {p.pk: p.code for p in provinces}
    for organisation in Organisation.objects.order_by("pk"):
        by_province[codes.get(organisation.province_id, "")].append(organisation)
    return by_province


def pick_provinces(rng: random.Random, provinces: list, count: int) -> list:
    """`count` provinces: every province at least once, then a skewed random choice
    (some provinces are far more active than others, Bangkok most of all)."""
    chosen = list(provinces[:count])
    weights = [rng.uniform(0.3, 3.0) * (4 if p.code == "10" else 1) for p in provinces]
    chosen += rng.choices(provinces, weights=weights, k=max(0, count - len(chosen)))
    rng.shuffle(chosen)
    return chosen


def create_areas(rng: random.Random, count: int, pairs: list, batches: dict, organisations):
    """`count` certified areas with their logo domains; returns the number created."""
    from smartcity.accounts.enums import OrganisationType
    from smartcity.certification.enums import RecordQuality
    from smartcity.certification.models import (
        Certificate,
        CertificateDomain,
        CertificateSequence,
        CertifiedArea,
    )
    from smartcity.certification.services.issuing import refresh_search_document
    from smartcity.core.db import thai_sort_key
    from smartcity.core.enums import Domain
    from smartcity.geo.models import Province

    provinces = list(Province.objects.select_related("region").order_by("code"))
    # Names are numbered per province, after the areas the province already has.
    numbers = {p.pk: 0 for p in provinces}
    for province_id in CertifiedArea.objects.values_list("province_id", flat=True):
        numbers[province_id] += 1
    # The programme grows: later meetings certify more areas.
    pair_weights = [1 + index for index in range(len(pairs))]
    known_types = [t for t in OrganisationType.values if t != OrganisationType.OTHER]

    areas, domains_of, meetings_of = [], [], []
    for province in pick_provinces(rng, provinces, count):
        numbers[province.pk] += 1
        word_th, word_en = rng.choice(NAME_WORDS)
        sub, steering = rng.choices(pairs, weights=pair_weights)[0]
        batch = batches[steering.pk]

        proponent, proponent_type = None, ""
        draw = rng.random()
        if draw < SHARE_WITH_PROPONENT:
            local = organisations[province.code]
            pool = local if local and rng.random() < 0.95 else organisations[""]
            proponent = rng.choice(pool)
            proponent_type = proponent.type
        elif draw < SHARE_WITH_PROPONENT + SHARE_TYPE_ONLY:
            proponent_type = rng.choice(known_types)

        draw = rng.random()
        if draw < SHARE_INFERRED:
            quality = RecordQuality.INFERRED
        elif draw < SHARE_INFERRED + SHARE_TITLE_TH_UNKNOWN:
            quality = RecordQuality.TITLE_TH_UNKNOWN
        else:
            quality = RecordQuality.CONFIRMED

        population = None
        if rng.random() < SHARE_WITH_POPULATION:
            population = rng.randint(2_000, 1_500_000)
        investment = None
        if rng.random() < SHARE_WITH_INVESTMENT:
            investment = Decimal(rng.randint(5, 80_000)) * 1_000_000

        area = CertifiedArea(
            name_th=""
            if quality == RecordQuality.TITLE_TH_UNKNOWN
            else f"{province.name_th} {word_th} {numbers[province.pk]}",
            name_en=f"{province.name_en} {word_en} {numbers[province.pk]}",
            province=province,
            proponent=proponent,
            proponent_type=proponent_type,
            batch=batch,
            certified_on=steering.effective_on,
            logo_ceremony_on=batch.logo_ceremony_on,
            record_quality=quality,
            note="synthetic benchmark record" if quality != RecordQuality.CONFIRMED else "",
            population_served=population,
            expected_investment_baht=investment,
        )
        area.search_document = refresh_search_document(area)
        area.sort_name = thai_sort_key(area.name_th or area.name_en)  # bulk_create skips save()
        areas.append(area)
        meetings_of.append((sub, steering))

        chosen = []
        if rng.random() < SHARE_WITH_DOMAINS:
            size = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 7])
            chosen = rng.sample(Domain.values, size)
        domains_of.append(chosen)

    CertifiedArea.objects.bulk_create(areas, batch_size=500)
    # Each area's certificate, numbered on from each year's counter (no term on record,
    # as the imported ones).
    last = dict(CertificateSequence.objects.values_list("year_be", "last"))
    certificates = []
    for area, (sub, steering) in zip(areas, meetings_of, strict=True):
        year_be = area.certified_on.year + 543
        last[year_be] = last.get(year_be, 0) + 1
        certificates.append(
            Certificate(
                area=area,
                number=f"SCT-{year_be}-{last[year_be]:03d}",
                approving_meeting=sub,
                acknowledging_meeting=steering,
                certified_on=area.certified_on,
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=500)
    for year_be, n in last.items():
        CertificateSequence.objects.update_or_create(year_be=year_be, defaults={"last": n})
    CertificateDomain.objects.bulk_create(
        [
            CertificateDomain(certificate=certificate, domain=domain)
            for certificate, chosen in zip(certificates, domains_of, strict=True)
            for domain in chosen
        ],
        batch_size=1000,
    )
    return len(areas)


def generate(total_areas: int, seed: int) -> int:
    """Top the current database up to `total_areas` certified areas; returns how many
    were added. All or nothing."""
    from django.db import transaction

    from smartcity.certification.models import CertifiedArea
    from smartcity.geo.models import Province

    rng = random.Random(seed)
    with transaction.atomic():
        missing = total_areas - CertifiedArea.objects.count()
        if missing <= 0:
            return 0
        provinces = list(Province.objects.order_by("code"))
        if len(provinces) != 77:
            raise SystemExit(f"expected the 77 provinces to be loaded, found {len(provinces)}")
        pairs = ensure_meetings(rng)
        batches = ensure_batches(rng, [steering for _sub, steering in pairs])
        organisations = create_organisations(rng, provinces)
        return create_areas(rng, missing, pairs, batches, organisations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=3000, help="total certified areas wanted")
    parser.add_argument("--seed", type=int, default=2564, help="random seed")
    args = parser.parse_args()
    setup_django()
    started = time.perf_counter()
    added = generate(args.areas, args.seed)
    print(f"bench_data: {added} synthetic areas added in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
