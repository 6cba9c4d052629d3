import datetime as dt

import pytest
from django.core.management.base import CommandError
from django.utils import translation

from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.history import CERTIFIED_AREAS_CSV, import_certified_areas
from smartcity.committee.models import Meeting
from smartcity.core.errors import DataFileError
from smartcity.core.models import AuditEntry

HEADER = CERTIFIED_AREAS_CSV.read_text(encoding="utf-8").splitlines()[0]
GOOD_ROW = (
    "B9,sub-committee 1/2566,steering committee 1/2566 (2023-03-01),2023-04-01,"
    "ทดสอบเมืองอัจฉริยะ,Test Smart City,65,พิษณุโลก,,province,confirmed,"
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def write_csv(tmp_path, *rows, header=HEADER):
    path = tmp_path / "areas.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_loads_the_thirty_areas_with_their_meetings(programme_data):
    assert CertifiedArea.objects.count() == 30
    assert sorted(
        CertifiedArea.objects.order_by().values_list("batch__code", flat=True).distinct()
    ) == ["B1", "B2"]
    steering = Meeting.objects.get(committee__kind="steering_committee", number=1, year_be=2565)
    assert steering.held_on == dt.date(2022, 11, 9)
    assert steering.acknowledged_certificates.count() == 15
    assert sorted(
        f"{m.number}/{m.year_be}" for m in Meeting.objects.filter(committee__kind="sub_committee")
    ) == ["1/2564", "1/2565", "2/2564"]


@pytest.mark.django_db
def test_import_keeps_the_record_quality_and_unknowns(programme_data):
    saen_suk = CertifiedArea.objects.get(name_en="Saen Suk Smart City")
    nakhon_sawan = CertifiedArea.objects.get(name_en="Nakhon Sawan Smart City")
    samyan = CertifiedArea.objects.get(name_en="Samyan Smart City")

    assert saen_suk.record_quality == "inferred"
    assert (nakhon_sawan.record_quality, nakhon_sawan.name_th) == ("title_th_unknown", "")
    assert samyan.proponent.name_th == "จุฬาลงกรณ์มหาวิทยาลัย"
    assert samyan.proponent.type == "university"
    assert CertifiedArea.objects.filter(population_served__isnull=False).count() == 0
    assert CertifiedArea.objects.filter(expected_investment_baht__isnull=False).count() == 0


@pytest.mark.django_db
def test_batch_one_counts_from_the_end_of_its_acknowledgement_month(programme_data):
    phuket = CertifiedArea.objects.get(name_en="Phuket Smart City")
    assert (phuket.certified_on, phuket.logo_ceremony_on) == (
        dt.date(2021, 11, 30),
        dt.date(2021, 12, 24),
    )


@pytest.mark.django_db
def test_korat_holds_the_logo_for_all_seven_domains(programme_data):
    korat = CertifiedArea.objects.get(name_en="Korat Smart City")
    assert korat.certificates.get().domains.count() == 7


@pytest.mark.django_db
def test_second_import_changes_nothing(programme_data):
    rows = list(CertifiedArea.objects.order_by("pk").values())
    audit_rows = AuditEntry.objects.count()

    report = import_certified_areas()

    assert (report.created, report.updated, report.unchanged) == (0, 0, 30)
    assert list(CertifiedArea.objects.order_by("pk").values()) == rows
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.django_db
def test_import_of_a_corrected_row_updates_it_and_audits_the_change(tmp_path):
    import_certified_areas(path=write_csv(tmp_path, GOOD_ROW))
    corrected = GOOD_ROW.replace("ทดสอบเมืองอัจฉริยะ", "ทดสอบเมืองอัจฉริยะใหม่")

    report = import_certified_areas(path=write_csv(tmp_path, corrected))

    area = CertifiedArea.objects.get(name_en="Test Smart City")
    entry = AuditEntry.objects.for_object(area).filter(action="certification.area.updated").get()
    assert (report.created, report.updated) == (0, 1)
    assert (entry.before["name_th"], entry.after["name_th"]) == (
        "ทดสอบเมืองอัจฉริยะ",
        "ทดสอบเมืองอัจฉริยะใหม่",
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            GOOD_ROW.replace(",65,พิษณุโลก,", ",99,พิษณุโลก,"),
            "Row 3, column “province_code”: unknown province code “99”.",
        ),
        (
            GOOD_ROW.replace(",65,พิษณุโลก,", ",65,ภูเก็ต,"),
            "Row 3, column “province_th”: the province “ภูเก็ต” does not match the code 65",
        ),
        (
            GOOD_ROW.replace("B9,", "batch nine,"),
            "Row 3, column “batch”: “batch nine” is not a batch code such as B1.",
        ),
        (
            GOOD_ROW.replace(",province,", ",kingdom,"),
            "Row 3, column “proponent_type”: unknown proponent type “kingdom”.",
        ),
        (
            GOOD_ROW.replace(",confirmed,", ",rumoured,"),
            "Row 3, column “record”: unknown record quality “rumoured”.",
        ),
        (
            GOOD_ROW.replace("2023-04-01", "31/02/2566"),
            "Row 3, column “logo_ceremony”: “31/02/2566” is not a date.",
        ),
        (
            GOOD_ROW.replace("sub-committee 1/2566", "sub-committee 1/2023"),
            "Row 3, column “approved_by”: “sub-committee 1/2023” is not a meeting number",
        ),
        (
            GOOD_ROW.replace("ทดสอบเมืองอัจฉริยะ,Test Smart City", ","),
            "Row 3, column “name_en”: the area's name is empty.",
        ),
        (GOOD_ROW + ",extra", "Row 3: wrong number of fields: 13 instead of 12"),
        (GOOD_ROW.rsplit(",", 3)[0], "Row 3: wrong number of fields: 9 instead of 12"),
    ],
)
@pytest.mark.django_db
def test_a_bad_row_stops_the_import_before_anything_is_written(tmp_path, row, message):
    path = write_csv(tmp_path, GOOD_ROW.replace("Test Smart City", "First"), row)

    with pytest.raises(DataFileError) as error:
        import_certified_areas(path=path)

    assert message in str(error.value)
    assert CertifiedArea.objects.count() == 0
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path, GOOD_ROW, header=HEADER.replace("approved_by", "approved"))

    with pytest.raises(DataFileError, match="required column “ประชุมอนุกรรมการที่อนุมัติ”"):
        import_certified_areas(path=path)


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_bytes((HEADER + "\n" + GOOD_ROW + "\n").encode("tis-620"))

    with pytest.raises(DataFileError, match="not UTF-8 text"):
        import_certified_areas(path=path)


@pytest.mark.django_db
def test_command_stops_with_a_clear_message_on_a_bad_file(tmp_path, load_command):
    path = write_csv(tmp_path, GOOD_ROW.replace(",65,", ",00,"))

    with pytest.raises(CommandError) as error:
        load_command("load_certified_areas", file=path)

    assert "Nothing was imported" in str(error.value)
    assert "unknown province code “00”" in str(error.value)


@pytest.mark.django_db
def test_command_reports_what_it_did(load_command):
    first = load_command("load_certified_areas")
    second = load_command("load_certified_areas")

    assert "30 created, 0 updated, 0 unchanged" in first
    assert "0 created, 0 updated, 30 unchanged" in second
