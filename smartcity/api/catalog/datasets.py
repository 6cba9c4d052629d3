"""What the platform publishes as open data: one dataset per published collection, its
distributions (the files and API endpoints that carry it) and the terms it is offered
under. The catalogue (catalog.rdf) and the open-data page both read these; the fields of
each are in catalog.dictionary.

Titles, descriptions and keywords are written in Thai and English side by side, as in the
dictionary: the catalogue carries both languages at once, each with its language tag."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from smartcity.api.catalog.dictionary import DICTIONARY, Text

# The programme's secretariat publishes the data (docs/open-data.md).
PUBLISHER = Text(
    "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า) สำนักงานเมืองอัจฉริยะประเทศไทย",
    "Digital Economy Promotion Agency (depa), Smart City Thailand Office",
)
PUBLISHER_HOMEPAGE = "https://www.depa.or.th/"

# Thai government open data is offered under the licence of the national portal
# (data.go.th, run by the Digital Government Development Agency): the Open Government
# Licence - Thailand. Nothing in the programme's record names another.
LICENCE = Text(
    "สัญญาอนุญาตข้อมูลเปิดภาครัฐ (Open Government Licence - Thailand)",
    "Open Government Licence - Thailand",
)
LICENCE_URL = "https://data.go.th/pages/dga-open-government-license"

CATALOGUE_TITLE = Text("ข้อมูลเปิดเมืองอัจฉริยะประเทศไทย", "Smart City Thailand open data")
CATALOGUE_DESCRIPTION = Text(
    "ชุดข้อมูลเปิดของโครงการส่งเสริมเมืองอัจฉริยะประเทศไทย: พื้นที่ที่ได้รับการรับรอง "
    "ใบรับรอง ตัวเลขระดับประเทศ ความครอบคลุมรายจังหวัด การประชุมคณะกรรมการ "
    "และเมืองในเครือข่ายเมืองอัจฉริยะอาเซียน คำนวณจากบันทึกของแพลตฟอร์ม",
    "The open data of the Smart City Thailand programme: certified areas, certificates, "
    "national figures, coverage by province, committee meetings and the cities in the "
    "ASEAN Smart Cities Network, computed from the platform's records.",
)

MEDIA_TYPES = {
    "CSV": "text/csv",
    "GEOJSON": "application/geo+json",
    "JSON": "application/json",
}


@dataclass(frozen=True)
class Distribution:
    """One way to get a dataset: a file to download or an API endpoint. `path` is the
    site-relative address, or a URL name to reverse. `api` marks the /api/v1/ endpoints."""

    key: str
    title: Text
    format: str
    path: str | Callable[[], str]
    download: bool = True
    api: bool = False
    dictionary: str | None = None  # another dictionary entry than the dataset's
    note: Text | None = None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    def resolve(self) -> str:
        return self.path() if callable(self.path) else self.path


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Text
    description: Text
    keywords: tuple[Text, ...]
    # The EU frequency vocabulary's code (publications.europa.eu/resource/authority/frequency).
    frequency: str
    landing: Callable[[], str]
    distributions: tuple[Distribution, ...]

    @property
    def fields(self):
        return DICTIONARY[self.slug]

    def dictionaries(self) -> list[str]:
        """The dictionary entries its distributions follow: its own first."""
        named = [d.dictionary for d in self.distributions if d.dictionary]
        return list(dict.fromkeys([self.slug, *named]))


def _url(name: str, *args) -> Callable[[], str]:
    return lambda: reverse(name, args=args)


def _open_data(anchor: str) -> Callable[[], str]:
    return lambda: reverse("opendata:index") + f"#{anchor}"


_API_JSON = Text("ผ่าน API (JSON)", "Through the API (JSON)")
_API_GEOJSON = Text("ผ่าน API (GeoJSON)", "Through the API (GeoJSON)")

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        slug="areas",
        title=Text("พื้นที่เมืองอัจฉริยะที่ได้รับการรับรอง", "Certified smart-city areas"),
        description=Text(
            "ทุกพื้นที่ที่ได้รับตราสัญลักษณ์เมืองอัจฉริยะประเทศไทย พร้อมจังหวัด ผู้พัฒนาเมือง "
            "รุ่น ด้านที่ได้รับ การประชุมที่เห็นชอบและรับทราบ และสถานะของใบรับรอง ณ วันที่ขอ "
            "(พารามิเตอร์ as_of) ตำแหน่งเป็นจุดตัวแทนของจังหวัด",
            "Every area holding the Smart City Thailand logo, with its province, proponent, "
            "batch, domains, the meetings that approved and acknowledged it and its "
            "certificate's status on the date asked (the as_of parameter). Locations are a "
            "representative point of the province.",
        ),
        keywords=(
            Text("เมืองอัจฉริยะ", "smart city"),
            Text("ตราสัญลักษณ์", "logo"),
            Text("การรับรอง", "certification"),
            Text("ทะเบียน", "registry"),
        ),
        frequency="CONT",
        landing=_url("registry:area_list"),
        distributions=(
            Distribution(
                "csv",
                Text("ทะเบียนพื้นที่ (CSV)", "Certified areas (CSV)"),
                "CSV",
                _url("registry:export_csv"),
            ),
            Distribution(
                "geojson",
                Text("ทะเบียนพื้นที่ (GeoJSON)", "Certified areas (GeoJSON)"),
                "GEOJSON",
                _url("registry:export_geojson"),
            ),
            Distribution("api", _API_JSON, "JSON", "/api/v1/areas/", download=False, api=True),
        ),
    ),
    Dataset(
        slug="figures",
        title=Text("ตัวเลขระดับประเทศ", "National figures"),
        description=Text(
            "จำนวนพื้นที่และจังหวัดที่ได้รับการรับรอง ณ วันใดก็ได้ รายภาค รายรุ่น และรายด้าน "
            "ตัวเลขเดียวกับหน้าแรก ประชากรและการลงทุนนับเฉพาะที่มีการแจ้ง",
            "The number of certified areas and provinces on any date, by region, batch and "
            "domain: the home page's numbers. People served and investment count only what "
            "was declared.",
        ),
        keywords=(
            Text("สถิติ", "statistics"),
            Text("เมืองอัจฉริยะ", "smart city"),
            Text("ตัวชี้วัด", "indicators"),
        ),
        frequency="CONT",
        landing=_url("registry:home"),
        distributions=(
            Distribution(
                "api",
                _API_JSON,
                "JSON",
                "/api/v1/figures/",
                download=False,
                api=True,
                note=Text("วันที่ใดก็ได้: ?as_of=YYYY-MM-DD", "Any date: ?as_of=YYYY-MM-DD"),
            ),
        ),
    ),
    Dataset(
        slug="provinces",
        title=Text("ความครอบคลุมรายจังหวัด", "Coverage by province"),
        description=Text(
            "ทั้ง 77 จังหวัดและหกภาค พร้อมจำนวนพื้นที่ที่ได้รับการรับรองและขอบเขตจังหวัดแบบย่อ "
            "ขอบเขตจังหวัด: Natural Earth (สาธารณสมบัติ) ชื่อและรหัสจังหวัด: GeoThai (CC BY 4.0)",
            "All 77 provinces and the six regions with their certified areas and simplified "
            "province boundaries. Boundaries: Natural Earth (public domain); province names "
            "and codes: GeoThai (CC BY 4.0).",
        ),
        keywords=(
            Text("จังหวัด", "province"),
            Text("ภาค", "region"),
            Text("แผนที่", "map"),
            Text("เมืองอัจฉริยะ", "smart city"),
        ),
        frequency="CONT",
        landing=_url("registry:map"),
        distributions=(
            Distribution(
                "map",
                Text("แผนที่จังหวัด (GeoJSON)", "Province map (GeoJSON)"),
                "GEOJSON",
                _url("registry:map_geojson"),
            ),
            Distribution("api", _API_JSON, "JSON", "/api/v1/provinces/", download=False, api=True),
            Distribution(
                "api-geojson", _API_GEOJSON, "GEOJSON", "/api/v1/provinces.geojson", api=True
            ),
            Distribution(
                "regions",
                Text("ภาค ผ่าน API (JSON)", "Regions through the API (JSON)"),
                "JSON",
                "/api/v1/regions/",
                download=False,
                api=True,
                dictionary="regions",
            ),
        ),
    ),
    Dataset(
        slug="certificates",
        title=Text("ใบรับรองเมืองอัจฉริยะ", "Smart-city certificates"),
        description=Text(
            "ใบรับรองแต่ละฉบับตามเลขที่ พร้อมวาระ สถานะ ด้านที่ได้รับ และประวัติสาธารณะ "
            "(การรับรอง การมอบตรา การพัก การเพิกถอน) สำหรับนักลงทุนและบีโอไอใช้ตรวจสอบ",
            "Each certificate by its number, with its term, status, domains and public "
            "history (certification, logo ceremony, suspension, revocation): what investors "
            "and the BOI verify.",
        ),
        keywords=(
            Text("ใบรับรอง", "certificate"),
            Text("การตรวจสอบ", "verification"),
            Text("บีโอไอ", "BOI"),
            Text("เมืองอัจฉริยะ", "smart city"),
        ),
        frequency="CONT",
        landing=_url("certification:verify_search"),
        distributions=(
            Distribution(
                "verify",
                Text("บันทึกการตรวจสอบ (JSON)", "Verification record (JSON)"),
                "JSON",
                _url("certification:verify_search"),
                download=False,
                note=Text(
                    "ใบรับรองหนึ่งฉบับ: /verify/<เลขที่>.json", "One certificate: /verify/<number>.json"
                ),
            ),
            Distribution(
                "api",
                _API_JSON,
                "JSON",
                "/api/v1/docs/",
                download=False,
                api=True,
                note=Text(
                    "ใบรับรองหนึ่งฉบับ: /api/v1/certificates/<เลขที่>/",
                    "One certificate: /api/v1/certificates/<number>/",
                ),
            ),
        ),
    ),
    Dataset(
        slug="meetings",
        title=Text("การประชุมคณะกรรมการ", "Committee meetings"),
        description=Text(
            "การประชุมของคณะอนุกรรมการและคณะกรรมการขับเคลื่อนฯ ที่ผลเป็นสาธารณะ "
            "(ครั้งที่/ปี พ.ศ. วันที่ และประกาศผล)",
            "The sub-committee's and the steering committee's meetings whose results are "
            "public (number/B.E. year, date and the announcement).",
        ),
        keywords=(
            Text("คณะกรรมการ", "committee"),
            Text("การประชุม", "meeting"),
            Text("ประกาศ", "announcement"),
        ),
        frequency="IRREG",
        landing=_url("registry:announcements"),
        distributions=(
            Distribution("api", _API_JSON, "JSON", "/api/v1/meetings/", download=False, api=True),
        ),
    ),
    Dataset(
        slug="network-cities",
        title=Text("เมืองในเครือข่ายเมืองอัจฉริยะอาเซียน", "ASEAN Smart Cities Network cities"),
        description=Text(
            "เมืองของไทยที่เป็นสมาชิกหรือได้รับการเสนอชื่อเข้าเครือข่ายเมืองอัจฉริยะอาเซียน (ASCN)",
            "The Thai cities that are members of, or nominated to, the ASEAN Smart Cities "
            "Network (ASCN).",
        ),
        keywords=(
            Text("อาเซียน", "ASEAN"),
            Text("เครือข่ายเมืองอัจฉริยะอาเซียน", "ASCN"),
            Text("เมืองอัจฉริยะ", "smart city"),
        ),
        frequency="IRREG",
        landing=_open_data("network-cities"),
        distributions=(
            Distribution(
                "api", _API_JSON, "JSON", "/api/v1/network-cities/", download=False, api=True
            ),
        ),
    ),
)

BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}

API_ROOT = "/api/v1/"
API_SCHEMA = "/api/v1/schema/"
API_DOCS = "/api/v1/docs/"
