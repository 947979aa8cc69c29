"""Filling in the search vectors that bulk imports leave empty (PostgreSQL)."""

from django.db import connection, transaction

BATCH = 1000


def index_pending(limit=None) -> int:
    """Compute the search vectors of articles imported with indexing deferred.

    Idempotent and safe to run from several workers at once (SKIP LOCKED);
    returns the number of articles indexed.
    """
    if connection.vendor != "postgresql":
        return 0
    done = 0
    while limit is None or done < limit:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """
                UPDATE annotations_article a
                SET search_vector = annotations_article_vector(a.title, a.text, a.language)
                WHERE a.id IN (
                    SELECT id FROM annotations_article WHERE search_vector IS NULL
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
                )
                """,
                [BATCH],
            )
            count = cursor.rowcount
        done += count
        if count < BATCH:
            return done
    return done
