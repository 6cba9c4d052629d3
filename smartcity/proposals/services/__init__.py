"""Writes for proposals, one module per part of a proposal's life.

- state: the transition table and `transition_proposal`, the only writer of `state`
- drafting: starting a draft and saving it (autosave), its boundary included
- area: a boundary's analysis against the provinces and the other live proposals
- attachments: the PDFs kept with a draft
- submission: submitting (or resubmitting) a frozen version, and withdrawing
- screening: the secretariat's screening, return for information and its due date
- criteria: loading criteria sets and the standing call
- errors: the refusals every module raises
"""
