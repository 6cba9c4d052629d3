"""The secretariat's side of evaluation, a module per page group: `board` (the board and
each dossier's page), `phases`, `pool` (the reviewer pool and conflicts of interest),
`assign` and `exports`; `common` holds what they share.

Every page needs `reviews.manage_evaluation` (the anonymous are sent to sign in, anyone else
gets 403). Every change is its own POST calling one service; a refusal (EvaluationError) is
shown as a message and nothing is half-saved, because the services are atomic."""
