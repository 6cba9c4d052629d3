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
        ("/secretariat/evaluation/assign/", "secretariat"),
        ("/secretariat/evaluation/reviewers/", "secretariat"),
        ("/reviews/", "reviewer"),
        ("/reviews/{assignment}/", "reviewer"),
    ],
}
SUITE_DATASETS = {"registry": "main", "proposals": "main", "reviews": "reviews"}
EXPORT_PAGES = {"/areas/export.csv", "/areas/export.geojson"}
REVIEW_EXPORT_PAGE = "/secretariat/evaluation/export.csv"
SLOW_RATIO = 1.5
# A page whose first request is slow gets fewer timed runs: about this many seconds of
# timed runs, and never fewer than MIN_RUNS.
PAGE_BUDGET_S = 20.0
MIN_RUNS = 3
