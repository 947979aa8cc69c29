"""Writers: what becomes of the records of an import.

- ``articles``: plain articles, in fast batches (COPY on PostgreSQL); a
  record that carries claims goes to ``with_claims``.
- ``with_claims``: an article with its claims, verdicts, evidence and
  history (this app's own JSON Lines export, read back).
- ``claimreview``: fact-checks published as ClaimReview.
"""
