"""Filling in the search vectors that bulk imports leave empty (PostgreSQL)."""

import os
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction

BATCH = 1000
# Computing a vector is CPU work in the database (about 0.2 ms per 2.5 KB
# article): one connection per core indexes an import that many times faster.
WORKERS = max(1, min(4, os.cpu_count() or 1))

_UPDATE = """
    UPDATE annotations_article a
    SET search_vector = annotations_article_vector(a.title, a.text, a.language)
    WHERE a.id IN (
        SELECT id FROM annotations_article
        WHERE id BETWEEN %s AND %s AND search_vector IS NULL
        FOR UPDATE SKIP LOCKED
    )
"""


def _index_range(low, high, thread=False):
    """Index the pending articles with ids in [low, high], in a transaction of its own."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_UPDATE, [low, high])
            return cursor.rowcount
    finally:
        if thread:
            connection.close()  # the thread's own connection


def index_pending(limit=None, after=0) -> int:
    """Compute the search vectors of articles imported with indexing deferred.

    Walks the ids above ``after`` (an import passes the largest id before it
    started, so that the rows indexed long ago are not read again) in ranges
    of ``BATCH`` ids, ``WORKERS`` ranges at a time on connections of their
    own. Idempotent and safe to run from several workers at once (SKIP
    LOCKED); returns the number of articles indexed, about ``limit`` at most.
    """
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM annotations_article WHERE id > %s AND search_vector IS NULL", [after])
        low = cursor.fetchone()[0]
        cursor.execute("SELECT max(id) FROM annotations_article")
        high = cursor.fetchone()[0]
    if low is None:
        return 0
    if limit is not None:
        high = min(high, low + limit - 1)
    ranges = [(start, min(start + BATCH - 1, high)) for start in range(low, high + 1, BATCH)]
    if len(ranges) == 1 or connection.in_atomic_block:  # (other connections would not see this transaction's rows)
        return sum(_index_range(*r) for r in ranges)
    with ThreadPoolExecutor(WORKERS) as pool:
        done = sum(pool.map(lambda r: _index_range(*r, thread=True), ranges))
    if limit is None or done < limit:
        # Articles written while this ran (ids above ``high``, or rows a concurrent run had locked).
        done += index_pending(None if limit is None else limit - done, after=high)
    return done
