"""Numbers given once and never reused: certificates ("SCT-2565-016") and batch codes."""

import re

from smartcity.certification.models import Batch, CertificateSequence


def next_certificate_number(year_be: int) -> str:
    """The next free number of `year_be`, "SCT-2565-016". Must run inside a transaction:
    the year's counter row is locked, so two certifications at once never share a
    number and none is skipped."""
    CertificateSequence.objects.bulk_create(
        [CertificateSequence(year_be=year_be, last=0)], ignore_conflicts=True
    )
    counter = CertificateSequence.objects.select_for_update().get(year_be=year_be)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"SCT-{year_be}-{counter.last:03d}"


def next_batch_code() -> str:
    numbers = [int(code[1:]) for code in Batch.objects.values_list("code", flat=True)
               if re.fullmatch(r"B\d+", code)]  # fmt: skip
    return f"B{max(numbers, default=0) + 1}"
