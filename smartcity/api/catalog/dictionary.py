"""The data dictionary: every field of every published collection, its type, its meaning
in Thai and English, and which values mean "not reported". This module is the one place a
field's meaning is written; the dictionary page, its machine file (/open-data/dictionary/
<dataset>.json) and the catalogue's distributions all read it.

Meanings are written here in both languages side by side, not through the message
catalogue: the machine file carries both languages at once, and a field's meaning in Thai
and in English is one fact, edited in one place. Codes (statuses, domains, ...) take their
labels from the enums the data is stored with, so a code and its label cannot drift.

The areas' and certificates' fields are exactly the keys of
certification.serialisers (the CSV columns, the GeoJSON properties and the verification
JSON); tests/catalog/test_dictionary.py holds the two together. The other collections'
fields are the names the API is expected to use."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language

from smartcity.accounts.enums import OrganisationType
from smartcity.certification.enums import DisplayStatus, EventKind, RecordQuality
from smartcity.committee.enums import CommitteeKind, DatePrecision, MeetingStatus, Outcome
from smartcity.core.enums import Domain
from smartcity.network.enums import NetworkStatus


@dataclass(frozen=True)
class Text:
    """A short text in Thai and in English; str() is the reader's language."""

    th: str
    en: str

    def __str__(self) -> str:
        return self.th if (get_language() or "th").startswith("th") else self.en

    def as_dict(self) -> dict[str, str]:
        return {"th": self.th, "en": self.en}


# How a type reads in each format. CSV has no nesting: a list is its codes separated by
# one space, an object is its label.
TYPES: dict[str, Text] = {
    "string": Text("ข้อความ", "Text"),
    "integer": Text("จำนวนเต็ม", "Whole number"),
    "number": Text("ตัวเลข (ทศนิยมได้)", "Number (may have decimals)"),
    "date": Text(
        "วันที่แบบ ISO 8601 (YYYY-MM-DD) ในคริสต์ศักราช",
        "Date in ISO 8601 (YYYY-MM-DD), Christian era",
    ),
    "url": Text("ที่อยู่เว็บ (URL)", "Web address (URL)"),
    "code": Text("รหัสจากรายการค่าด้านล่าง", "A code from the values listed"),
    "codes": Text(
        "รายการรหัส: อาร์เรย์ใน JSON, ใน CSV คั่นด้วยช่องว่าง",
        "A list of codes: an array in JSON, separated by one space in CSV",
    ),
    "meeting": Text(
        "การประชุม: ออบเจกต์ใน JSON (ฟิลด์ย่อยด้านล่าง), ใน CSV เป็นข้อความเช่น “คณะอนุกรรมการ 1/2565”",
        "A meeting: an object in JSON (the parts below); in CSV its label, such as "
        "“Sub-committee 1/2565”",
    ),
    "object": Text("ออบเจกต์ (ฟิลด์ย่อยด้านล่าง)", "An object (the parts below)"),
    "list": Text("รายการของออบเจกต์ (ฟิลด์ย่อยด้านล่าง)", "A list of objects (the parts below)"),
}

# What "not reported" looks like, said once and reused.
NOT_ON_RECORD = Text(
    "ช่องว่างใน CSV, null ใน JSON และ GeoJSON: ไม่มีในบันทึกสาธารณะ",
    "An empty cell in CSV, null in JSON and GeoJSON: not on the public record",
)
NEVER_PUBLISHED = Text(
    "null (ช่องว่างใน CSV): ไม่เคยมีการเผยแพร่ ไม่ใช่ศูนย์ ค่า 0 หมายถึงศูนย์จริง",
    "null (an empty cell in CSV): never published. Never zero: a 0 means zero",
)
NO_CERTIFICATE = Text(
    "null (ช่องว่างใน CSV): พื้นที่นี้ไม่มีใบรับรองที่มีผล ณ วันที่ของข้อมูล",
    "null (an empty cell in CSV): the area holds no certificate that took effect by the "
    "date of the data",
)
NO_MEETING = Text(
    "null (ช่องว่างใน CSV): ไม่มีการประชุมนี้ในบันทึก",
    "null (an empty cell in CSV): no such meeting on record",
)


@dataclass(frozen=True)
class Field:
    """One field of a record. `only` names the formats that carry it when not all do
    ("csv", "geojson", "json"); `values` lists the codes a code field takes."""

    name: str
    type: str
    meaning: Text
    not_reported: Text | None = None
    values: type[TextChoices] | tuple[tuple[str, Text | Promise], ...] | None = None
    parts: tuple["Field", ...] = ()
    only: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: unknown type {self.type}")

    def value_meanings(self) -> list[tuple[str, Text]]:
        """The codes with their meaning in both languages."""
        if self.values is None:
            return []
        if isinstance(self.values, tuple):
            pairs = self.values
        else:
            pairs = tuple((choice.value, choice.label) for choice in self.values)
        return [(value, t if isinstance(t, Text) else _both(t)) for value, t in pairs]

    def in_format(self, fmt: str) -> bool:
        return not self.only or fmt in self.only


def _both(label) -> Text:
    """A lazy translated label in both languages (the enums' labels, from the .po)."""
    with translation.override("th"):
        thai = str(label)
    with translation.override("en"):
        english = str(label)
    return Text(thai, english)


REGIONS = (
    ("north", Text("ภาคเหนือ", "North")),
    ("northeast", Text("ภาคตะวันออกเฉียงเหนือ", "Northeast")),
    ("central", Text("ภาคกลาง (รวมกรุงเทพมหานคร)", "Central (with Bangkok)")),
    ("east", Text("ภาคตะวันออก", "East")),
    ("west", Text("ภาคตะวันตก", "West")),
    ("south", Text("ภาคใต้", "South")),
)

MEETING_PARTS = (
    Field(
        "committee",
        "code",
        Text("คณะกรรมการที่ประชุม", "The committee that met"),
        values=CommitteeKind,
    ),
    Field(
        "committee_name",
        "string",
        Text("ชื่อคณะกรรมการ ในภาษาของผู้อ่าน", "The committee's name, in the reader's language"),
    ),
    Field(
        "reference",
        "string",
        Text(
            "ครั้งที่/ปี พ.ศ. เช่น 1/2565; มีแต่ปีเมื่อไม่ทราบครั้งที่",
            "Number/B.E. year, such as 1/2565; the year alone when the number is not known",
        ),
    ),
    Field(
        "number",
        "integer",
        Text("ครั้งที่ของการประชุมในปี พ.ศ. นั้น", "The meeting's number within its B.E. year"),
        not_reported=Text("null: ไม่ทราบครั้งที่", "null: the number is not known"),
    ),
    Field("year_be", "integer", Text("ปีพุทธศักราชของการประชุม", "The meeting's Buddhist-era year")),
    Field(
        "held_on",
        "date",
        Text("วันที่ประชุม", "The day the meeting was held"),
        not_reported=Text("null: ไม่ทราบวันที่", "null: the date is not known"),
    ),
    Field(
        "held_on_precision",
        "code",
        Text(
            "ความแม่นยำของวันที่ประชุม (เดือนเท่านั้น: วันที่ 1 ของเดือนแทนทั้งเดือน)",
            "How precise held_on is (month only: the 1st stands for the whole month)",
        ),
        values=DatePrecision,
    ),
    Field(
        "label",
        "string",
        Text(
            "ชื่อการประชุมสำหรับอ่าน เช่นเดียวกับในไฟล์ CSV",
            "The meeting as the CSV writes it, for reading",
        ),
    ),
)

HISTORY_PARTS = (
    Field(
        "event",
        "code",
        Text("สิ่งที่เกิดขึ้นกับใบรับรอง", "What happened to the certificate"),
        values=EventKind,
    ),
    Field(
        "event_label",
        "string",
        Text("ชื่อเหตุการณ์ ในภาษาของผู้อ่าน", "The event, in the reader's language"),
    ),
    Field("on", "date", Text("วันที่เกิดเหตุการณ์", "The day it happened")),
    Field(
        "reason",
        "string",
        Text("เหตุผลที่บันทึกไว้ (การพักหรือเพิกถอน)", "The reason recorded (a suspension or revocation)"),
        not_reported=Text("null: ไม่มีเหตุผลที่เผยแพร่", "null: no reason published"),
    ),
    Field(
        "meeting",
        "meeting",
        Text("การประชุมที่ตัดสิน", "The meeting that decided it"),
        not_reported=NO_MEETING,
        parts=MEETING_PARTS,
    ),
)

NO_VOTE = Text("null: ไม่ได้บันทึกผลการลงคะแนน", "null: no vote was recorded")

# A committee's released resolution on the proposal that became a certificate: what a
# partner agency's token adds to a certificate (the public record names the meetings).
DECISION_PARTS = (
    Field(
        "meeting",
        "meeting",
        Text("การประชุมที่มีมติ", "The meeting that resolved it"),
        parts=MEETING_PARTS,
    ),
    Field(
        "agenda_item",
        "string",
        Text("วาระที่ของเรื่องในการประชุมนั้น", "The item's number on that meeting's agenda"),
    ),
    Field("outcome", "code", Text("มติของคณะกรรมการ", "The committee's resolution"), values=Outcome),
    Field(
        "outcome_label",
        "string",
        Text("มติ ในภาษาของผู้อ่าน", "The resolution, in the reader's language"),
    ),
    Field(
        "domains",
        "codes",
        Text(
            "ด้านที่คณะอนุกรรมการฯ เห็นชอบ (ว่างสำหรับมติอื่น)",
            "The domains the sub-committee approved (empty for other resolutions)",
        ),
        values=Domain,
    ),
    Field("votes_for", "integer", Text("คะแนนเห็นชอบ", "Votes for"), not_reported=NO_VOTE),
    Field("votes_against", "integer", Text("คะแนนไม่เห็นชอบ", "Votes against"), not_reported=NO_VOTE),
    Field("votes_abstaining", "integer", Text("งดออกเสียง", "Abstentions"), not_reported=NO_VOTE),
    Field("released_on", "date", Text("วันที่แจ้งมติ", "The day the resolution was released")),
)

# The record of an area and its current certificate (certification.serialisers.FIELDS,
# in that order), and the GeoJSON's own location_precision.
AREA_FIELDS = (
    Field("id", "integer", Text("หมายเลขของพื้นที่บนแพลตฟอร์ม คงที่ ใช้อ้างอิงได้", "The area's number on the platform; stable, use it to refer to the area")),
    Field("name_th", "string", Text("ชื่อพื้นที่ภาษาไทย", "The area's name in Thai"), not_reported=NOT_ON_RECORD),
    Field("name_en", "string", Text("ชื่อพื้นที่ภาษาอังกฤษ", "The area's name in English"), not_reported=NOT_ON_RECORD),
    Field("province_code", "string", Text("รหัสจังหวัดสองหลักตามรหัสทางการ (10 คือกรุงเทพมหานคร)", "The province's two-digit official code (10 is Bangkok)")),
    Field("province_iso", "string", Text("รหัสจังหวัดตาม ISO 3166-2:TH เช่น TH-10", "The province's ISO 3166-2:TH code, such as TH-10")),
    Field("province_th", "string", Text("ชื่อจังหวัดภาษาไทย", "The province's name in Thai")),
    Field("province_en", "string", Text("ชื่อจังหวัดภาษาอังกฤษ", "The province's name in English")),
    Field("region", "code", Text("ภาคของจังหวัด ตามการแบ่งหกภาคทางภูมิศาสตร์", "The province's region, in the six-region geographic grouping"), values=REGIONS),
    Field("proponent_th", "string", Text("ชื่อผู้พัฒนาเมือง (ผู้ยื่นข้อเสนอ) ภาษาไทย", "The proponent (city developer) in Thai"), not_reported=NOT_ON_RECORD),
    Field("proponent_en", "string", Text("ชื่อผู้พัฒนาเมือง (ผู้ยื่นข้อเสนอ) ภาษาอังกฤษ", "The proponent (city developer) in English"), not_reported=NOT_ON_RECORD),
    Field("proponent_type", "code", Text("ประเภทของผู้พัฒนาเมือง", "The kind of proponent"), not_reported=NOT_ON_RECORD, values=OrganisationType),
    Field("batch", "string", Text("รหัสรุ่นของการรับรอง เช่น B1, B2", "The certification batch's code, such as B1, B2"), not_reported=NOT_ON_RECORD),
    Field("certificate_number", "string", Text("เลขที่ใบรับรองปัจจุบันของพื้นที่ ใช้ตรวจสอบที่ /verify/", "The number of the area's current certificate; check it at /verify/"), not_reported=NO_CERTIFICATE),
    Field("status", "code", Text("สถานะของตราสัญลักษณ์ ณ วันที่ของข้อมูล", "The logo's status on the date of the data"), not_reported=NO_CERTIFICATE, values=DisplayStatus),
    Field("certified_on", "date", Text("วันที่ได้รับการรับรอง", "The day the area was certified")),
    Field("valid_from", "date", Text("วันแรกที่ใบรับรองมีผล", "The first day the certificate is valid"), not_reported=Text("null (ช่องว่างใน CSV): บันทึกสาธารณะไม่ระบุวาระ (พื้นที่ที่รับรองก่อนมีแพลตฟอร์ม)", "null (an empty cell in CSV): the public record gives no term (areas certified before the platform)")),
    Field("valid_until", "date", Text("วันสุดท้ายที่ใบรับรองมีผล (นับรวมวันนั้น)", "The last day the certificate is valid (that day included)"), not_reported=Text("null (ช่องว่างใน CSV): บันทึกสาธารณะไม่ระบุวาระ", "null (an empty cell in CSV): the public record gives no term")),
    Field("revoked_on", "date", Text("วันที่เพิกถอนตราสัญลักษณ์", "The day the logo was revoked"), not_reported=Text("null (ช่องว่างใน CSV): ไม่ได้ถูกเพิกถอน", "null (an empty cell in CSV): not revoked")),
    Field("approving_meeting", "meeting", Text("การประชุมคณะอนุกรรมการที่เห็นชอบ", "The sub-committee meeting that approved it"), not_reported=NO_MEETING, parts=MEETING_PARTS),
    Field("acknowledging_meeting", "meeting", Text("การประชุมคณะกรรมการขับเคลื่อนฯ ที่รับทราบ", "The steering-committee meeting that acknowledged it"), not_reported=NO_MEETING, parts=MEETING_PARTS),
    Field("logo_ceremony_on", "date", Text("วันที่มอบตราสัญลักษณ์", "The day the logo was presented"), not_reported=NOT_ON_RECORD),
    Field("domains", "codes", Text("ด้านที่ได้รับตราสัญลักษณ์ (7 Smart)", "The domains the logo is granted for (7 Smart)"), not_reported=Text("รายการว่าง (ช่องว่างใน CSV): บันทึกไม่ระบุด้าน", "An empty list (an empty cell in CSV): the domains are not on record"), values=Domain),
    Field("population_served", "integer", Text("จำนวนประชากรที่ได้รับประโยชน์ ตามที่ผู้พัฒนาเมืองแจ้ง", "People served, as the proponent declared"), not_reported=NEVER_PUBLISHED),
    Field("expected_investment_baht", "number", Text("มูลค่าการลงทุนที่คาดว่าจะเกิดขึ้น (บาท) ตามที่แจ้ง", "Investment expected, in baht, as declared"), not_reported=NEVER_PUBLISHED),
    Field("record_quality", "code", Text("ความแน่นอนของบันทึกสาธารณะของแถวนี้", "How sure the public record is of this row"), values=RecordQuality),
    Field("note", "string", Text("หมายเหตุของสำนักงานเลขานุการ", "The secretariat's note"), not_reported=Text("null (ช่องว่างใน CSV): ไม่มีหมายเหตุ", "null (an empty cell in CSV): no note")),
    Field("url", "url", Text("หน้าของพื้นที่ในทะเบียน (ใน CSV เป็นที่อยู่ภายในเว็บไซต์)", "The area's page in the registry (site-relative in CSV)")),
    Field("verify_url", "url", Text("หน้าตรวจสอบใบรับรอง", "The certificate's verification page"), not_reported=NO_CERTIFICATE, only=("json",)),
    Field("location_precision", "code", Text("ความแม่นยำของตำแหน่งจุด", "How precise the point is"), values=(("province", Text("จุดตัวแทนของจังหวัด: ไม่มีขอบเขตของพื้นที่ในบันทึก", "A representative point of the province: the area's own boundary is not on record")),), only=("geojson",)),
)  # fmt: skip

# A certificate by number (the verification record): the area's fields, its status in
# words and its public history.
CERTIFICATE_FIELDS = (
    *(f for f in AREA_FIELDS if f.name != "location_precision"),
    Field("status_label", "string", Text("สถานะ ในภาษาของผู้อ่าน", "The status, in the reader's language")),
    Field("history", "list", Text("ประวัติสาธารณะของใบรับรอง เรียงตามวันที่", "The certificate's public history, in date order"), parts=HISTORY_PARTS),
)  # fmt: skip

_COUNT_PARTS = {
    "areas": Field("areas", "integer", Text("จำนวนพื้นที่ที่ได้รับการรับรอง", "Certified areas")),
    "provinces": Field("provinces", "integer", Text("จำนวนจังหวัดที่มีพื้นที่ได้รับการรับรอง", "Provinces with a certified area")),
}  # fmt: skip

FIGURE_FIELDS = (
    Field("as_of", "date", Text("วันที่ของตัวเลข", "The date the figures are for")),
    _COUNT_PARTS["areas"],
    _COUNT_PARTS["provinces"],
    Field("total_provinces", "integer", Text("จำนวนจังหวัดทั้งประเทศ (77)", "Provinces in the country (77)")),
    Field("target_areas", "integer", Text("เป้าหมายจำนวนเมืองอัจฉริยะ", "The national target of smart cities")),
    Field("target_year", "integer", Text("ปีของเป้าหมาย (ค.ศ.)", "The target's year (C.E.)")),
    Field("by_region", "list", Text("ตัวเลขรายภาค", "The figures by region"), parts=(
        Field("region", "code", Text("ภาค", "The region"), values=REGIONS),
        _COUNT_PARTS["areas"],
        _COUNT_PARTS["provinces"],
        Field("total_provinces", "integer", Text("จำนวนจังหวัดในภาค", "Provinces in the region")),
    )),
    Field("by_batch", "list", Text("จำนวนพื้นที่รายรุ่น", "Areas by batch"), parts=(
        Field("batch", "string", Text("รหัสรุ่น", "The batch's code")),
        _COUNT_PARTS["areas"],
    )),
    Field("by_domain", "list", Text("จำนวนพื้นที่รายด้าน", "Areas by domain"), parts=(
        Field("domain", "code", Text("ด้าน", "The domain"), values=Domain),
        _COUNT_PARTS["areas"],
    )),
    Field("areas_with_domains", "integer", Text("จำนวนพื้นที่ที่บันทึกด้านไว้", "Areas whose domains are on record")),
    Field("population_total", "integer", Text("ประชากรที่ได้รับประโยชน์รวม เฉพาะพื้นที่ที่แจ้ง", "People served, summed over the areas that declared it"), not_reported=Text("null: ไม่มีพื้นที่ใดแจ้ง ไม่ใช่ศูนย์", "null: no area declared it. Never zero")),
    Field("population_reported", "integer", Text("จำนวนพื้นที่ที่แจ้งประชากร", "Areas that declared the people served")),
    Field("investment_total", "number", Text("มูลค่าการลงทุนที่คาดรวม (บาท) เฉพาะพื้นที่ที่แจ้ง", "Investment expected, in baht, summed over the areas that declared it"), not_reported=Text("null: ไม่มีพื้นที่ใดแจ้ง ไม่ใช่ศูนย์", "null: no area declared it. Never zero")),
    Field("investment_reported", "integer", Text("จำนวนพื้นที่ที่แจ้งมูลค่าการลงทุน", "Areas that declared the investment")),
    Field("record_quality", "object", Text("จำนวนพื้นที่ตามความแน่นอนของบันทึก (รหัส: จำนวน)", "Areas by how sure the record is (code: count)"), values=RecordQuality),
)  # fmt: skip

PROVINCE_FIELDS = (
    Field("code", "string", Text("รหัสจังหวัดสองหลักตามรหัสทางการ", "The province's two-digit official code")),
    Field("iso_code", "string", Text("รหัส ISO 3166-2:TH", "The ISO 3166-2:TH code"), only=("json",)),
    Field("name_th", "string", Text("ชื่อจังหวัดภาษาไทย", "The province's name in Thai"), only=("json",)),
    Field("name_en", "string", Text("ชื่อจังหวัดภาษาอังกฤษ", "The province's name in English"), only=("json",)),
    Field("name", "string", Text("ชื่อจังหวัด ในภาษาของผู้อ่าน (ไฟล์แผนที่)", "The province's name in the reader's language (the map's file)"), only=("geojson",)),
    Field("region", "code", Text("ภาค (ในไฟล์แผนที่: ชื่อภาคในภาษาของผู้อ่าน)", "The region (in the map's file: its name in the reader's language)"), values=REGIONS),
    _COUNT_PARTS["areas"],
    Field("url", "url", Text("หน้าของจังหวัดในทะเบียน", "The province's page in the registry")),
)  # fmt: skip

REGION_FIELDS = (
    Field("code", "code", Text("รหัสภาค", "The region's code"), values=REGIONS),
    Field("name_th", "string", Text("ชื่อภาคภาษาไทย", "The region's name in Thai")),
    Field("name_en", "string", Text("ชื่อภาคภาษาอังกฤษ", "The region's name in English")),
    _COUNT_PARTS["areas"],
    _COUNT_PARTS["provinces"],
    Field("total_provinces", "integer", Text("จำนวนจังหวัดในภาค", "Provinces in the region")),
)  # fmt: skip

MEETING_FIELDS = (
    Field("id", "integer", Text("หมายเลขของการประชุมบนแพลตฟอร์ม", "The meeting's number on the platform")),
    *(f for f in MEETING_PARTS if f.name not in {"committee_name", "label"}),
    Field("committee_name_th", "string", Text("ชื่อคณะกรรมการภาษาไทย", "The committee's name in Thai")),
    Field("committee_name_en", "string", Text("ชื่อคณะกรรมการภาษาอังกฤษ", "The committee's name in English")),
    Field("status", "code", Text("สถานะของการประชุม (เผยแพร่เฉพาะที่ประกาศผลแล้วหรืออยู่ในบันทึกสาธารณะ)", "The meeting's status (only meetings whose results are public are published)"), values=tuple((s.value, s.label) for s in MeetingStatus if s in MeetingStatus.public())),
    Field("areas_certified", "integer", Text("จำนวนพื้นที่ที่รับทราบการรับรองในการประชุมนี้ (คณะกรรมการขับเคลื่อนฯ)", "Areas whose certification this meeting acknowledged (steering committee)"), not_reported=Text("null: การประชุมของคณะอนุกรรมการ", "null: a sub-committee meeting")),
    Field("announcement_url", "url", Text("ประกาศผลหลังการประชุม", "The announcement after the meeting"), not_reported=Text("null: ไม่มีประกาศ", "null: no announcement")),
)  # fmt: skip

NETWORK_CITY_FIELDS = (
    Field("id", "integer", Text("หมายเลขของเมืองบนแพลตฟอร์ม", "The city's number on the platform")),
    Field("name_th", "string", Text("ชื่อเมืองภาษาไทย", "The city's name in Thai")),
    Field("name_en", "string", Text("ชื่อเมืองภาษาอังกฤษ", "The city's name in English")),
    Field("province_code", "string", Text("รหัสจังหวัดสองหลัก", "The province's two-digit code")),
    Field("province_iso", "string", Text("รหัส ISO 3166-2:TH ของจังหวัด", "The province's ISO 3166-2:TH code")),
    Field("status", "code", Text("สมาชิกเครือข่ายเมืองอัจฉริยะอาเซียน หรือได้รับการเสนอชื่อ", "A member of the ASEAN Smart Cities Network, or nominated"), values=NetworkStatus),
    Field("since_year", "integer", Text("ปีที่เป็นสมาชิกหรือได้รับการเสนอชื่อ (ค.ศ.)", "The year it joined or was nominated (C.E.)")),
    Field("since_on", "date", Text("วันที่เป็นสมาชิกหรือได้รับการเสนอชื่อ", "The day it joined or was nominated"), not_reported=Text("null: ทราบแต่ปี", "null: only the year is known")),
    Field("decided_by", "string", Text("ผู้ตัดสิน เช่น เมืองนำร่องของอาเซียน", "Who decided, such as “ASEAN pilot city”"), not_reported=NOT_ON_RECORD),
    Field("deciding_meeting", "meeting", Text("การประชุมที่เสนอชื่อ", "The meeting that nominated it"), not_reported=NO_MEETING, parts=MEETING_PARTS),
)  # fmt: skip

# Each published collection's fields, by the dataset's identifier (catalog.datasets).
DICTIONARY: dict[str, tuple[Field, ...]] = {
    "areas": AREA_FIELDS,
    "figures": FIGURE_FIELDS,
    "provinces": PROVINCE_FIELDS,
    "regions": REGION_FIELDS,
    "certificates": CERTIFICATE_FIELDS,
    "meetings": MEETING_FIELDS,
    "network-cities": NETWORK_CITY_FIELDS,
}


def walk(fields: tuple[Field, ...], prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field with its dotted path (approving_meeting.reference), parts included."""
    for f in fields:
        path = f"{prefix}{f.name}"
        yield path, f
        yield from walk(f.parts, f"{path}.")


def field_as_dict(f: Field) -> dict:
    """A field for the machine file: both languages, its values and its parts."""
    out = {
        "name": f.name,
        "type": f.type,
        "type_description": TYPES[f.type].as_dict(),
        "meaning": f.meaning.as_dict(),
        "not_reported": f.not_reported.as_dict() if f.not_reported else None,
    }
    if f.only:
        out["only_in"] = list(f.only)
    if f.values is not None:
        out["values"] = [
            {"value": value, "meaning": text.as_dict()} for value, text in f.value_meanings()
        ]
    if f.parts:
        out["fields"] = [field_as_dict(part) for part in f.parts]
    return out
