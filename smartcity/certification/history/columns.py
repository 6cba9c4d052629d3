"""The file's columns (English and Thai headers, what each holds) and the empty template."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from smartcity.committee.enums import CommitteeKind


@dataclass(frozen=True)
class Column:
    key: str  # the English header, as in the public-record file
    header_th: str  # the Thai header (not translated: it is what the file says)
    label: str
    required: bool = False
    help: str = ""


# The file's columns, in the template's order. A name and a province are required in one
# of their two forms (see REQUIRED_ONE_OF).
COLUMNS = [
    Column("name_th", "ชื่อพื้นที่ (ไทย)", gettext_lazy("Area name in Thai")),
    Column(
        "name_en",
        "ชื่อพื้นที่ (อังกฤษ)",
        gettext_lazy("Area name in English"),
        help=gettext_lazy("With the province, identifies the area; the Thai name if empty."),
    ),
    Column(
        "province_code",
        "รหัสจังหวัด",
        gettext_lazy("Province code"),
        help=gettext_lazy("The official two-digit code, e.g. 65."),
    ),
    Column(
        "province_th",
        "จังหวัด",
        gettext_lazy("Province"),
        help=gettext_lazy("Its Thai or English name; must agree with the code if both are given."),
    ),
    Column("proponent_th", "หน่วยงานที่เสนอ", gettext_lazy("Proponent")),
    Column(
        "proponent_type",
        "ประเภทหน่วยงาน",
        gettext_lazy("Proponent type"),
        help=gettext_lazy("One of the codes listed below; empty if not known."),
    ),
    Column(
        "approved_by",
        "ประชุมอนุกรรมการที่อนุมัติ",
        gettext_lazy("Sub-committee meeting that approved"),
        required=True,
        help=gettext_lazy("Its number and B.E. year, e.g. 2/2564."),
    ),
    Column(
        "approved_on",
        "วันที่ประชุมอนุกรรมการ",
        gettext_lazy("Date of that meeting"),
        help=gettext_lazy("e.g. 15/3/2564 (B.E.) or 2021-03-15 (C.E.); empty if not known."),
    ),
    Column(
        "acknowledged_by",
        "ประชุมกรรมการที่รับทราบ",
        gettext_lazy("Steering committee meeting that acknowledged"),
        required=True,
        help=gettext_lazy("Its number and B.E. year, e.g. 1/2564."),
    ),
    Column(
        "acknowledged_on",
        "วันที่รับรอง",
        gettext_lazy("Date of certification"),
        help=gettext_lazy(
            "The day of the steering committee's meeting; figures count the area from it."
        ),
    ),
    Column("logo_ceremony", "วันที่มอบตราสัญลักษณ์", gettext_lazy("Logo ceremony")),
    Column(
        "domains",
        "ด้านที่ได้รับตราสัญลักษณ์",
        gettext_lazy("Logo domains"),
        help=gettext_lazy("Domain codes separated by spaces or commas, e.g. environment mobility."),
    ),
    Column(
        "record",
        "คุณภาพของข้อมูล",
        gettext_lazy("Record quality"),
        help=gettext_lazy("confirmed (the default), inferred or title_th_unknown."),
    ),
    Column("note", "หมายเหตุ", gettext_lazy("Note")),
    Column(
        "batch",
        "ชุด",
        gettext_lazy("Batch"),
        help=gettext_lazy("Leave out: batches follow the certification date (B1 is the earliest)."),
    ),
]
TEMPLATE_COLUMNS = [c for c in COLUMNS if c.key != "batch"]
BY_HEADER = {**{c.key: c for c in COLUMNS}, **{c.header_th: c for c in COLUMNS}}
REQUIRED_ONE_OF = [("name_th", "name_en"), ("province_code", "province_th")]
SINGLE_LINE = ("name_th", "name_en", "province_code", "province_th", "proponent_th")
MAX_LENGTH = {"name_th": 300, "name_en": 300, "proponent_th": 300, "note": 5_000}
# The committee whose meeting each meeting column names, and the column of its date.
COLUMN_KIND = {
    "approved_by": CommitteeKind.SUB_COMMITTEE,
    "acknowledged_by": CommitteeKind.STEERING,
}
DATE_COLUMN = {"approved_by": "approved_on", "acknowledged_by": "acknowledged_on"}


def template_csv() -> str:
    """The empty template: the Thai headers, behind a byte-order mark so that Excel opens
    the Thai as Thai (the reader accepts the mark)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([c.header_th for c in TEMPLATE_COLUMNS])
    return "\ufeff" + out.getvalue()
