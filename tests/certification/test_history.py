"""Areas certified before the platform, read from a CSV (certification.history) and
recorded by the one writer the command and the upload share
(services.history.record_certified_areas)."""

import datetime as dt

import pytest
from django.utils import translation

from smartcity.certification.history import columns, reading
from smartcity.certification.history.records import digest
from smartcity.certification.models import Batch, CertifiedArea
from smartcity.certification.services.history import ImportRefused, record_certified_areas
from smartcity.committee.enums import CommitteeKind, MeetingStatus
from smartcity.committee.models import Meeting
from smartcity.committee.services.committees import ensure_committees
from smartcity.core.models import AuditEntry
from smartcity.geo.models import Province
from smartcity.registry.selectors import national_figures
from tests.certification.factories import HEADER, ROW_1, ROW_2, CertifiedAreaFactory, csv_text
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def problems_of(text: str) -> list[str]:
    return [str(p) for p in reading.read(text).problems]


def apply(text: str, by=None):
    read = reading.read(text)
    assert read.problems == []
    return record_certified_areas(
        records=read.records, source="history.csv", file_digest=digest(read.records), by=by
    )


# Reading: every problem names its row, its column and what is wrong -----------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ROW_1.replace(",64,สุโขทัย,", ",99,สุโขทัย,"),
            "Row 2, column “province_code”: unknown province code “99”.",
        ),
        (
            ROW_1.replace(",64,สุโขทัย,", ",,สุโขไท,"),
            "Row 2, column “province_th”: unknown province “สุโขไท”",
        ),
        (
            ROW_1.replace(",64,สุโขทัย,", ",64,ตาก,"),
            "Row 2, column “province_th”: the province “ตาก” does not match the code 64",
        ),
        (
            ROW_1.replace("15/9/2563", "31/9/2563"),
            "Row 2, column “approved_on”: “31/9/2563” is not a date.",
        ),
        (
            ROW_1.replace("2/11/2563", "2/11/2599"),
            "Row 2, column “logo_ceremony”: 2 November 2056 is in the future",
        ),
        (
            ROW_1.replace("2/2563,15/9/2563", "2/2020,15/9/2563"),
            "Row 2, column “approved_by”: the year of meeting “2/2020” must be Buddhist era, "
            "e.g. 2/2563.",
        ),
        (
            ROW_1.replace("1/2563,2/10/2563", "1/2563,2/10/2564"),
            "Row 2, column “acknowledged_on”: 2 October 2021 is not in the B.E. year 2563",
        ),
        (
            ROW_1.replace("2/2563,15/9/2563", "second,15/9/2563"),
            "Row 2, column “approved_by”: “second” is not a meeting number",
        ),
        (
            ROW_1.replace("environment living", "environment smart-toilets"),
            "Row 2, column “domains”: unknown domain(s) “smart-toilets”",
        ),
        (
            ROW_1.replace(",municipality,", ",kingdom,"),
            "Row 2, column “proponent_type”: unknown proponent type “kingdom”.",
        ),
        (
            ROW_1.replace("2/11/2563", "1/10/2563"),
            "Row 2, column “logo_ceremony”: the logo ceremony is before the certification.",
        ),
        (
            ROW_1.replace("15/9/2563", "15/10/2563"),
            "Row 2, column “approved_on”: the sub-committee's meeting is after the steering",
        ),
        (
            ROW_1.replace("สุโขทัยเมืองอัจฉริยะ,Sukhothai Smart City", ","),
            "Row 2, column “name_en”: the area's name is empty.",
        ),
        (ROW_1 + ",extra", "Row 2: wrong number of fields: 15 instead of 14"),
    ],
)
def test_a_bad_value_is_named_by_row_and_column(row, message):
    assert [p for p in problems_of(csv_text(row)) if p.startswith(message)] != [], problems_of(
        csv_text(row)
    )


def test_the_problems_are_in_thai_for_a_thai_reader():
    with translation.override("th"):
        problems = problems_of(csv_text(ROW_1.replace(",64,สุโขทัย,", ",99,สุโขทัย,")))

    assert problems == ["แถวที่ 2 คอลัมน์ “province_code”: ไม่รู้จักรหัสจังหวัด “99”"]


def test_a_duplicate_area_names_both_rows():
    assert problems_of(csv_text(ROW_1, ROW_2, ROW_1)) == [
        "Row 4, column “name_en”: the same area as row 2 (same name and province)."
    ]


def test_a_missing_required_column_is_named_in_thai_and_english():
    header = HEADER.replace("acknowledged_by", "acknowledged")

    problems = problems_of(csv_text(ROW_1, header=header))

    assert problems == [
        "Unknown column “acknowledged” (column 9). The columns are listed on this page; "
        "check the spelling.",
        "The required column “ประชุมกรรมการที่รับทราบ” (acknowledged_by) is missing.",
    ]


def test_thai_headers_are_read_as_the_english_ones():
    thai = ",".join(c.header_th for c in columns.TEMPLATE_COLUMNS)

    read = reading.read(csv_text(ROW_1, header=thai))

    assert (read.problems, [r.name_en for r in read.records]) == ([], ["Sukhothai Smart City"])


def test_a_province_named_without_its_code_is_found():
    read = reading.read(csv_text(ROW_1.replace(",64,สุโขทัย,", ",,Sukhothai,")))

    assert [r.province_code for r in read.records] == ["64"]


def test_dates_are_read_in_either_era():
    row = ROW_1.replace("15/9/2563", "2020-09-15").replace("2/10/2563", "2/10/2020")

    records = reading.read(csv_text(row)).records

    assert (records[0].approved["held_on"], records[0].acknowledged["held_on"]) == (
        "2020-09-15",
        "2020-10-02",
    )


def test_a_file_with_a_byte_order_mark_is_read():
    text, problems = reading.decode(("\ufeff" + csv_text(ROW_1)).encode("utf-8"))

    assert problems == []
    assert reading.read(text).problems == []


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (csv_text(ROW_1).encode("tis-620"), "The file is not UTF-8 text"),
        (csv_text(ROW_1).encode("utf-16"), "The file is saved as UTF-16"),
        (b"x" * (reading.MAX_BYTES + 1), "The file is 1,025 kB; at most 1,024 kB"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, start):
    text, problems = reading.decode(data)

    assert text is None
    assert [str(p)[: len(start)] for p in problems] == [start]


@pytest.mark.parametrize(("mark", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_with_the_wrong_delimiter_says_so(mark, name):
    text = csv_text(ROW_1).replace(",", mark)

    assert problems_of(text) == [
        f"The columns are separated by {name}; separate them with commas "
        "(save as “CSV UTF-8 (comma delimited)”)."
    ]


def test_an_empty_file_and_a_file_without_rows_are_refused():
    assert problems_of("") == ["The file is empty: it has no header row."]
    assert problems_of(csv_text()) == ["The file has a header but no rows."]


def test_a_line_break_inside_a_name_is_refused():
    row = ROW_1.replace("สุโขทัยเมืองอัจฉริยะ", '"สุโขทัย\nเมืองอัจฉริยะ"')

    assert problems_of(csv_text(row)) == [
        "Row 2, column “name_th”: contains a line break or a control character; "
        "write it on one line."
    ]


def test_formula_looking_and_hostile_text_is_kept_as_text():
    row = ROW_2.replace(",ทดสอบ", ',"=HYPERLINK(""http://x"",""y"")"').replace(
        "อุตรดิตถ์เมืองอัจฉริยะ", "<script>alert(1)</script>"
    )

    apply(csv_text(row))

    area = CertifiedArea.objects.get(name_en="Uttaradit Smart City")
    assert (area.name_th, area.note) == (
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x","y")',
    )


# Meetings ---------------------------------------------------------------------------


def test_a_meeting_number_the_platform_gave_is_refused():
    committees = ensure_committees()
    Meeting.objects.create(
        committee=committees[CommitteeKind.SUB_COMMITTEE],
        number=2,
        year_be=2563,
        held_on=dt.date(2020, 9, 15),
        status=MeetingStatus.CLOSED,
    )

    problems = problems_of(csv_text(ROW_1))

    assert problems == [
        "Row 2, column “approved_by”: meeting 2/2563 of the sub-committee was scheduled on "
        "the platform; a meeting before the platform needs a number of its own."
    ]


def test_a_meeting_on_record_with_another_date_is_refused():
    apply(csv_text(ROW_1))

    problems = problems_of(csv_text(ROW_2.replace("2/10/2563", "3/10/2563")))

    assert problems == [
        "Row 2, column “acknowledged_on”: meeting 1/2563 is on record as held on "
        "2 October 2020, not 3 October 2020."
    ]


def test_the_meetings_are_recorded_with_their_real_numbers(secretariat_user):
    apply(csv_text(ROW_1, ROW_2), by=secretariat_user)

    area = CertifiedArea.objects.get(name_en="Sukhothai Smart City")
    certificate = area.certificates.get()
    approving, acknowledging = certificate.approving_meeting, certificate.acknowledging_meeting
    assert (approving.reference, approving.held_on) == ("2/2563", dt.date(2020, 9, 15))
    assert (acknowledging.reference, acknowledging.status) == ("1/2563", "historical")
    assert area.certified_on == dt.date(2020, 10, 2)
    assert Meeting.objects.count() == 2


# Applying ---------------------------------------------------------------------------


def test_applying_records_the_areas_and_one_audit_row_for_the_batch(secretariat_user):
    report = apply(csv_text(ROW_1, ROW_2), by=secretariat_user)

    batch_rows = AuditEntry.objects.filter(action="certification.history.imported")
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert [(e.actor, e.after["created"], e.after["rows"]) for e in batch_rows] == [
        (secretariat_user, 2, 2)
    ]
    assert AuditEntry.objects.filter(action="certification.area.imported").count() == 2
    sukhothai = CertifiedArea.objects.get(name_en="Sukhothai Smart City")
    certificate = sukhothai.certificates.get()
    assert sorted(certificate.domains.values_list("domain", flat=True)) == ["environment", "living"]
    assert certificate.number == "SCT-2563-001"


def test_applying_twice_adds_nothing():
    apply(csv_text(ROW_1, ROW_2))
    rows = list(CertifiedArea.objects.order_by("pk").values())

    report = apply(csv_text(ROW_1, ROW_2))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert list(CertifiedArea.objects.order_by("pk").values()) == rows
    assert AuditEntry.objects.filter(action="certification.history.imported").count() == 1


def test_a_bad_row_in_the_middle_writes_nothing():
    committees = ensure_committees()
    good = reading.read(csv_text(ROW_1, ROW_2)).records
    # The platform schedules meeting 1/2563 of the steering committee between the
    # preview and the apply: the second row now names it.
    Meeting.objects.create(
        committee=committees[CommitteeKind.STEERING],
        number=5,
        year_be=2563,
        status=MeetingStatus.SCHEDULED,
    )
    good[1].acknowledged = {**good[1].acknowledged, "number": 5}
    meetings = Meeting.objects.count()

    with pytest.raises(ImportRefused) as refused:
        record_certified_areas(records=good, source="history.csv")

    assert [p.line for p in refused.value.found] == [3]
    assert CertifiedArea.objects.count() == 0
    assert Meeting.objects.count() == meetings
    assert AuditEntry.objects.filter(action__startswith="certification.").count() == 0


def test_a_failure_after_the_first_row_is_written_undoes_it(secretariat_user):
    records = reading.read(csv_text(ROW_1, ROW_2)).records
    # Rows come only from the reader, which never lets an unknown province through; one
    # that fails while being written stands for any failure half-way.
    records[1].province_code = "99"
    audit_rows = AuditEntry.objects.count()

    with pytest.raises(KeyError):
        record_certified_areas(records=records, source="history.csv", by=secretariat_user)

    assert (CertifiedArea.objects.count(), Meeting.objects.count(), Batch.objects.count()) == (
        0,
        0,
        0,
    )
    assert AuditEntry.objects.count() == audit_rows


def test_an_area_certified_on_the_platform_cannot_be_changed_here():
    CertifiedAreaFactory(
        name_en="Sukhothai Smart City",
        province=Province.objects.get(code="64"),
        proposal=ProposalFactory(),
    )

    assert problems_of(csv_text(ROW_1)) == [
        "Row 2, column “name_en”: this area was certified through the platform; its record "
        "cannot be changed here."
    ]


# Batches follow the certification date ------------------------------------------------


def test_an_older_batch_recorded_later_becomes_b1(programme_data):
    assert list(Batch.objects.values_list("code", flat=True)) == ["B1", "B2"]
    phuket_batch = CertifiedArea.objects.get(name_en="Phuket Smart City").batch_id

    apply(csv_text(ROW_1, ROW_2))

    codes = {b.pk: b.code for b in Batch.objects.all()}
    sukhothai = CertifiedArea.objects.get(name_en="Sukhothai Smart City")
    assert list(Batch.objects.values_list("code", flat=True)) == ["B1", "B2", "B3"]
    assert (codes[sukhothai.batch_id], codes[phuket_batch]) == ("B1", "B2")
    figures = national_figures(dt.date(2021, 12, 31))
    assert [(b.code, n) for b, n in figures.batches] == [("B1", 2), ("B2", 15)]
    assert AuditEntry.objects.filter(action="certification.batch.relabelled").count() == 1


def test_figures_count_the_history_from_its_certification_date(programme_data):
    before = national_figures(dt.date(2020, 10, 1))
    apply(csv_text(ROW_1, ROW_2))

    after = national_figures(dt.date(2020, 10, 2))
    today = national_figures()

    assert (before.areas, after.areas, after.provinces) == (0, 2, 2)
    assert (today.areas, today.provinces) == (32, 25)


def test_batches_sort_by_position_past_nine():
    for n in range(1, 12):
        apply(
            csv_text(
                ROW_2.replace("Uttaradit Smart City", f"Area {n}")
                .replace("2/2563,15/9/2563", f"{n}/2563,{n}/1/2563")
                .replace("1/2563,2/10/2563", f"{n}/2563,{n + 1}/1/2563")
            )
        )

    assert list(Batch.objects.values_list("code", flat=True)) == [f"B{n}" for n in range(1, 12)]
