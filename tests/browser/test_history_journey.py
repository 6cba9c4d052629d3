"""In Thai: an officer of the secretariat records a batch of areas certified before the
platform from a CSV, with the meetings that approved and acknowledged them; a file with a
mistake is refused row by row first. The national figures count the batch from its
certification date: not the day before, and from that day on."""

import pytest
from playwright.sync_api import expect

from smartcity.accounts.models import User
from smartcity.certification.models import CertifiedArea
from smartcity.certification.services.history import import_certified_areas
from smartcity.geo.services import load_geography

PASSWORD = "History-Batch-2563"
HEADER = (
    "ชื่อพื้นที่ (ไทย),ชื่อพื้นที่ (อังกฤษ),รหัสจังหวัด,จังหวัด,หน่วยงานที่เสนอ,ประเภทหน่วยงาน,"
    "ประชุมอนุกรรมการที่อนุมัติ,วันที่ประชุมอนุกรรมการ,ประชุมกรรมการที่รับทราบ,วันที่รับรอง,"
    "วันที่มอบตราสัญลักษณ์,ด้านที่ได้รับตราสัญลักษณ์,คุณภาพของข้อมูล,หมายเหตุ"
)
# Synthetic areas in three provinces the public record does not cover, certified by the
# steering committee's meeting 1/2563 on 2 October 2020 (B.E. 2563).
ROWS = [
    "สุโขทัยเมืองมรดกอัจฉริยะ,Sukhothai Heritage Smart City,64,สุโขทัย,เทศบาลเมืองสุโขทัยธานี,"
    "municipality,2/2563,15/9/2563,1/2563,2/10/2563,2/11/2563,environment living,confirmed,",
    "อุตรดิตถ์เมืองน่าอยู่,Uttaradit Livable City,53,อุตรดิตถ์,,province,2/2563,15/9/2563,"
    "1/2563,2/10/2563,2/11/2563,governance,confirmed,ข้อมูลสังเคราะห์สำหรับการทดสอบ",
    "พะเยาเมืองอัจฉริยะ,Phayao Smart City,56,พะเยา,มหาวิทยาลัยพะเยา,university,2/2563,"
    "15/9/2563,1/2563,2/10/2563,,people economy,confirmed,",
]


def csv_file(*rows: str) -> dict:
    text = "\n".join([HEADER, *rows]) + "\n"
    return {"name": "ชุดก่อนแพลตฟอร์ม.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.fixture
def officer(transactional_db):
    # Live-server tests run in committed transactions, so they load their own data.
    load_geography()
    import_certified_areas()
    return User.objects.create_user(
        email="history@depa.example",
        password=PASSWORD,
        full_name="เจ้าหน้าที่ฝ่ายเลขานุการ",
        is_secretariat=True,
    )


def figures(page, as_of: str) -> tuple[str, str]:
    page.goto(f"/?as_of={as_of}")
    areas = page.get_by_test_id("figure-areas").locator(".number")
    expect(areas).to_be_visible()
    provinces = page.get_by_test_id("figure-provinces").locator(".number")
    return areas.inner_text(), provinces.inner_text()


def test_an_officer_records_a_batch_from_before_the_platform(page, officer, screenshot):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", officer.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("input[name=password]")).to_have_count(0)

    assert figures(page, "2020-10-01") == ("0", "0")
    assert figures(page, "2020-10-02") == ("0", "0")

    page.goto("/secretariat/certificates/")
    page.get_by_test_id("certificates-nav").get_by_role(
        "link", name="พื้นที่ที่ได้รับการรับรองก่อนมีแพลตฟอร์ม"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("พื้นที่ที่ได้รับการรับรองก่อนมีแพลตฟอร์ม")
    expect(page.get_by_test_id("history-columns")).to_contain_text("ประชุมกรรมการที่รับทราบ")
    screenshot("history-upload-th")

    # A file with two mistakes: nothing is kept, each mistake is named by row and column.
    bad = [ROWS[0], ROWS[1].replace(",53,", ",99,"), ROWS[2].replace("15/9/2563", "31/9/2563")]
    page.set_input_files("input[type=file]", files=[csv_file(*bad)])
    page.get_by_role("button", name="ตรวจไฟล์").click()
    problems = page.get_by_test_id("history-problem")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("ไม่รู้จักรหัสจังหวัด “99”")
    expect(problems.nth(1)).to_contain_text("“31/9/2563” ไม่ใช่วันที่")
    expect(page.get_by_test_id("history-problems")).to_contain_text("ไฟล์ยังไม่ถูกบันทึก: ต้องแก้ 2 จุด")
    screenshot("history-errors-th")

    page.set_input_files("input[type=file]", files=[csv_file(*ROWS)])
    page.get_by_role("button", name="ตรวจไฟล์").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ตรวจดูก่อนบันทึก")
    expect(page.get_by_test_id("history-row")).to_have_count(3)
    expect(page.get_by_test_id("history-summary")).to_contain_text("ใหม่ 3 แห่ง")
    expect(page.get_by_test_id("history-meetings")).to_contain_text("2/2563 (15 กันยายน 2563)")
    expect(page.get_by_test_id("history-meetings")).to_contain_text("จะบันทึกใหม่")
    expect(page.get_by_test_id("history-preview")).to_contain_text("2 ตุลาคม 2563")
    assert CertifiedArea.objects.count() == 30  # nothing written before the officer confirms
    screenshot("history-preview-th")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_test_id("history-apply")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the preview scrolls sideways on a phone ({width}px)"
    screenshot("history-preview-phone-th")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="บันทึกพื้นที่เหล่านี้").click()
    expect(page.locator(".messages")).to_contain_text("เพิ่มพื้นที่ 3 แห่ง")
    screenshot("history-recorded-th")

    assert figures(page, "2020-10-01") == ("0", "0")
    assert figures(page, "2020-10-02") == ("3", "3")
    screenshot("history-home-as-of-th")
    assert figures(page, "2022-11-09") == ("33", "26")

    page.goto("/secretariat/batches/")
    expect(page.get_by_test_id("batch-row").first).to_contain_text("B1")
    expect(page.get_by_test_id("batch-row").first).to_contain_text("3")
