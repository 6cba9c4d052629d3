"""Synthetic data for the benchmark, written through the platform's own functions.

- registry.py: meetings, batches, organisations and certified areas with their
  certificates (numbered by certification.services.next_certificate_number);
- proposals.py: secretariat, organisations with members, proposals with their rows,
  versions (content frozen by proposals.snapshots.snapshot_content, the code of
  proposal_snapshot()), screening decisions and timeline;
- reviews.py: the evaluation board: every proposal passed to evaluation (the last one by
  proposals.services.screen_proposal, the others' dossiers from
  proposals.evaluation.dossier_fields), the reviewer pool, assignments, reviews with
  results from reviews.services.compute_results, summaries and completed evaluations
  through reviews.services.write_summary and complete_evaluation.

Each runs in a subprocess started by scripts/bench/databases.py, as
`python -m scripts.bench.generators.NAME`, with DATABASE_URL set."""
