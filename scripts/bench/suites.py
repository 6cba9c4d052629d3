"""What is measured: the pages of each suite, in display order, who asks for them, and
which databases each suite runs on."""

# A Thai word that begins a word of the search document of some proposals (those named
# "ย่านนวัตกรรม ...": ย่าน + นวัตกรรม), about one in ten.
PROPOSAL_QUERY = "นวัตกรรม"

# The pages measured, per suite, in display order: (path, who asks). In paths, "{area}" is
# the first certified area (lowest id: a real one, the same in both databases) and
# "{proposal}" the first proposal with two versions that is back in screening (the
# generator makes the first proposal so). Who asks: None (anonymous), "secretariat" (an
# officer) or "applicant" (the owner of that proposal's organisation). At 1x the queue
# has only a few pages, so ?page=50 and page=300 show its last one (Paginator.get_page).
SUITES = {
    "registry": [
        ("/", None),
        ("/?as_of=2022-11-08", None),
        ("/areas/", None),
        ("/areas/?q=พิษณุโลก", None),
        ("/areas/?region=south&sort=newest", None),
        ("/areas/?domain=mobility", None),
        ("/areas/{area}/", None),
        ("/provinces/65/", None),
        ("/map/", None),
        ("/map/provinces.geojson", None),
        ("/areas/export.csv", None),
        ("/areas/export.geojson", None),
        ("/certificates/{certificate}.pdf", None),
    ],
    "proposals": [
        ("/secretariat/proposals/", "secretariat"),
        ("/secretariat/proposals/?state=all", "secretariat"),
        (f"/secretariat/proposals/?q={PROPOSAL_QUERY}", "secretariat"),
        ("/secretariat/proposals/?province=65", "secretariat"),
        ("/secretariat/proposals/?page=50", "secretariat"),
        ("/secretariat/proposals/?state=all&sort=name&page=300", "secretariat"),
        ("/secretariat/proposals/{proposal}/", "secretariat"),
        ("/proposals/", "applicant"),
        ("/proposals/{proposal}/", "applicant"),
    ],
    # "{evaluated}": the dossier of the first proposal whose five reviews are all submitted; "{assignment}"
    # the reviewer's first assignment with a draft review (the score sheet being filled
    # in). The board has 50 proposals a page: at 1x, ?page=100 shows its last page.
    "reviews": [
        ("/secretariat/evaluation/", "secretariat"),
        ("/secretariat/evaluation/?page=100", "secretariat"),
        ("/secretariat/evaluation/dossiers/{evaluated}/", "secretariat"),
        ("/secretariat/evaluation/export.csv", "secretariat"),
        ("/secretariat/evaluation/export.xlsx", "secretariat"),
        ("/secretariat/evaluation/assign/", "secretariat"),
        ("/secretariat/evaluation/reviewers/", "secretariat"),
        ("/reviews/", "reviewer"),
        ("/reviews/{assignment}/", "reviewer"),
    ],
    # The read API (issue 13): its lists and figures, and the registry's HTML list as its
    # yardstick. Measuring older code that has no /api/v1/, a page is skipped with a note.
    "api": [
        ("/api/v1/areas/", None),
        ("/api/v1/areas/?format=csv", None),
        ("/api/v1/provinces/", None),
        ("/api/v1/figures/", None),
        ("/api/v1/figures/?as_of=2022-11-09", None),
        ("/areas/", None),
    ],
}
SUITE_DATASETS = {"registry": "main", "proposals": "main", "reviews": "reviews", "api": "main"}
# Suites whose pages may not exist yet in the code measured (see measure.skip_reason).
OPTIONAL_SUITES = {"api"}
EXPORT_PAGES = {"/areas/export.csv", "/areas/export.geojson"}
REVIEW_EXPORT_PAGE = "/secretariat/evaluation/export.csv"
REVIEW_XLSX_PAGE = "/secretariat/evaluation/export.xlsx"
CERTIFICATE_PDF_PAGE = "/certificates/{certificate}.pdf"

# The exports whose cost per row, query count and memory are goals: (page, who, label,
# rows): rows is how the bench counts the export's rows ("csv": the rows of its CSV
# output, read back with csv.reader; "geojson": its features; "as:PAGE": those of another
# export of the same rows and columns, the XLSX's being the review CSV's).
EXPORTS = [
    ("/areas/export.csv", None, "registry CSV", "csv"),
    ("/areas/export.geojson", None, "registry GeoJSON", "geojson"),
    (REVIEW_EXPORT_PAGE, "secretariat", "review CSV", "csv"),
    (REVIEW_XLSX_PAGE, "secretariat", "review XLSX", f"as:{REVIEW_EXPORT_PAGE}"),
]

# Word search against an exact lookup on an indexed column, on the same selector (the
# rows a list page shows): (suite, label, selector, the word). The lookup filters the same
# selector's rows by primary key (the index every table has).
SEARCHES = [
    ("registry", "registry", "smartcity.registry.selectors.search_areas", "พิษณุโลก"),
    ("proposals", "secretariat queue", "smartcity.proposals.selectors.screening_queue",
     PROPOSAL_QUERY),
]  # fmt: skip
SEARCH_PAGE_SIZE = 25
SEARCH_RUNS = 30

# The goals of issue 12 (and the API rows of 13): the pages each one reads.
PUBLIC_LIST_PAGES = [
    "/",
    "/?as_of=2022-11-08",
    "/areas/",
    "/areas/?q=พิษณุโลก",
    "/areas/?region=south&sort=newest",
    "/areas/?domain=mobility",
    "/provinces/65/",
    "/map/",
]
BOARD_PAGES = [
    ("/secretariat/evaluation/", "secretariat"),
    ("/secretariat/evaluation/?page=100", "secretariat"),
    ("/secretariat/evaluation/reviewers/", "secretariat"),
    ("/secretariat/proposals/", "secretariat"),
    ("/secretariat/proposals/?page=50", "secretariat"),
    ("/secretariat/proposals/?state=all&sort=name&page=300", "secretariat"),
]
API_PAGES = ["/api/v1/areas/", "/api/v1/figures/"]
API_HTML_PAGE = "/areas/"
TARGETS = {
    "throughput": 0.50,  # home page req/s at least this share of the bare view's
    "public_lists": 1.5,  # 100x/1x
    "boards": 2.0,  # 100x/1x
    "search": 3.0,  # word search / exact lookup
    "export_per_row": 3.0,  # export / csv.writer on the same rows
    "export_memory": 1.5,  # peak 100x / peak 1x
    "xlsx_seconds": 60.0,
    "pdf": 2.0,  # certificate PDF request / blank WeasyPrint page
    "pdf_first": 5.0,  # its first rendering / blank page
    "api": 1.5,  # 100x/1x, as the public lists
}

# The home page's throughput under the production server (scripts/serve.py's granian),
# against the bare view /healthz under the same server.
THROUGHPUT_PAGES = {"bare": "/healthz", "home": "/"}
THROUGHPUT_WORKERS = 2
THROUGHPUT_CONCURRENCY = 16
THROUGHPUT_SECONDS = 4.0
THROUGHPUT_ROUNDS = 2  # bare and home alternate; the best round of each is kept
SLOW_RATIO = 1.5
# A page whose first request is slow gets fewer timed runs: about this many seconds of
# timed runs, and never fewer than MIN_RUNS.
PAGE_BUDGET_S = 20.0
MIN_RUNS = 3
