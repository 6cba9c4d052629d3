"""Export kinds for the tests of core.exports: a count from 1 to n, one that fails after
a few rows, one that only the secretariat may ask for."""

from smartcity.core.exports import export_kind


def write_numbers(parameters, out, progress):
    rows = int(parameters["rows"])
    progress.total(rows)
    out.write(b"n\n")
    for n in progress.counted(range(1, rows + 1)):
        out.write(f"{n}\n".encode())


def write_broken(parameters, out, progress):
    progress.total(10)
    progress.advance(3)
    raise RuntimeError("disk full")


NUMBERS = export_kind(
    "tests.numbers",
    title="Numbers",
    extension="csv",
    content_type="text/csv; charset=utf-8",
    permission=None,
    filename=lambda parameters: f"numbers-{parameters['rows']}.csv",
    write=write_numbers,
)
BROKEN = export_kind(
    "tests.broken",
    title="Broken",
    extension="csv",
    content_type="text/csv; charset=utf-8",
    permission=None,
    filename=lambda parameters: "broken.csv",
    write=write_broken,
)
SECRET = export_kind(
    "tests.secret",
    title="Secret",
    extension="csv",
    content_type="text/csv; charset=utf-8",
    permission="core.manage_background_work",
    filename=lambda parameters: "secret.csv",
    write=write_numbers,
)
