"""Writers: what becomes of the records of an import.

- ``articles``: plain articles, in fast batches (COPY on PostgreSQL); a
  record that carries claims goes to ``with_claims``.
- ``with_claims``: an article with its claims, verdicts, evidence and
  history (this app's own JSON Lines export, read back).
- ``fact_checks``: fact-checks published by others (ClaimReview), as
  ``ExternalFactCheck`` rows; a batch of articles hands them its fact-check
  records (a ZIP of pages holds both).
"""
