import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

THAI_PO = Path(__file__).resolve().parents[1] / "locale" / "th" / "LC_MESSAGES" / "django.po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is installed by make test")
def test_every_thai_message_is_translated_and_none_is_fuzzy():
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(THAI_PO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_domain_names_read_in_thai():
    from smartcity.core.enums import Domain

    with translation.override("th"):
        assert str(Domain.ENVIRONMENT.label) == "สิ่งแวดล้อมอัจฉริยะ"
        assert str(Domain.GOVERNANCE.label) == "การบริหารภาครัฐอัจฉริยะ"


@pytest.mark.django_db
def test_english_is_one_click_away_from_every_page():
    html = Client().get("/areas/").text
    assert 'name="language" value="en"' in html
