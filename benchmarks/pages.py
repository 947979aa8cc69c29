"""The HTML pages and the API's published claims at SIZE articles and
SIZE/2 claims on PostgreSQL (run by pages.sh, which starts the servers).

``setup SIZE``: one project grown with SQL (articles with their search
vectors, claims in a realistic mix of statuses, their verdicts and two
activities each), then VACUUM ANALYZE.
``time SIZE``: each page requested sequentially through Django's test client
(a warm-up, then at least 30 timed requests), p99 in ms; prints one
``name=value`` per line. A page the code does not have yet (a 404) is ``na``.
"""

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from annotations import workflow  # noqa: E402
from annotations.models import Project  # noqa: E402

SLUG = "bench"
REQUESTS = int(os.environ.get("REQUESTS", 30))
CHUNK = 50_000

WORDS = (
    "pemerintah menteri kebijakan ekonomi perdagangan Jakarta Surabaya pemilu harga beras naik turun persen "
    "vaksin campak aman untuk anak sekolah rumah sakit dokter pasien warga desa kota provinsi banjir gempa "
    "minister said unemployment fell rose percent prices growth election court police report budget tax "
    "Ukraina Rusia NATO keamanan aliansi Eropa café naïve ditemukan fakta data survei hasil laporan resmi"
).split()


def sql(statement, params=None, using="default"):
    with connections[using].cursor() as cursor:
        cursor.execute(statement, params)


def setup(size):
    editor = User.objects.create(username="bench", is_staff=True)
    project = workflow.project_create(user=editor, name="Bench", slug=SLUG, language="id")
    sql("SET synchronous_commit = off")
    # 500 sentences of 8 to 16 words, and 2,000 texts of 26 sentences (about 2.5 KB); one text in ten
    # speaks of "rudal", the word the search is timed with.
    sql(
        """
        CREATE UNLOGGED TABLE bench_sentence AS
        SELECT i, initcap(array_to_string(ARRAY(
            SELECT (%(w)s::text[])[1 + (i * 7919 + j * 104729) %% cardinality(%(w)s::text[])]
            FROM generate_series(1, 8 + i %% 9) j), ' ')) || '.' AS s
        FROM generate_series(0, 499) i;
        CREATE UNLOGGED TABLE bench_text AS
        SELECT k, CASE WHEN k %% 10 = 0 THEN 'Rudal itu diluncurkan dari pangkalan, kata juru bicara. ' ELSE '' END
            || array_to_string(ARRAY(SELECT s FROM bench_sentence WHERE i IN (
                SELECT (k * 31 + j * 17) %% 500 FROM generate_series(1, 26) j)), ' ') AS text
        FROM generate_series(0, 1999) k;
        """,
        {"w": WORDS},
    )
    started = time.perf_counter()

    def articles(first):  # one chunk, on a connection of its own; the trigger computes the search vectors
        alias = f"chunk{first}"
        connections.databases[alias] = connections.databases["default"]
        try:
            sql(
                """
                INSERT INTO annotations_article (project_id, title, url, publisher, author, language, text,
                    text_hash, external_id, created_at, published_at, independent)
                SELECT %(p)s,
                    CASE WHEN g %% 3 = 0 THEN lower(s.s) ELSE s.s END || ' ' || g,
                    'https://berita.example/' || g, 'Publisher ' || g %% 50, '',
                    CASE WHEN g %% 4 = 0 THEN 'en' ELSE 'id' END, t.text,
                    encode(sha256(('bench-' || g)::bytea), 'hex'), '',
                    -- imported in batches of 10,000 that share their time, as imports write them
                    now() - ((%(size)s - g) / 10000) * interval '1 hour',
                    CASE WHEN g %% 5 = 0 THEN NULL ELSE now() - (g %% 1000) * interval '1 day' END, 'off'
                FROM generate_series(%(first)s, %(last)s) g
                JOIN bench_text t ON t.k = g %% 2000 JOIN bench_sentence s ON s.i = g %% 500
                """,
                {"p": project.pk, "size": size, "first": first, "last": min(first + CHUNK - 1, size)},
                using=alias,
            )
        finally:
            connections[alias].close()

    with ThreadPoolExecutor(2) as pool:  # two cores
        list(pool.map(articles, range(1, size + 1, CHUNK)))
    print(f"  {size} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    ratings = list(project.ratings.order_by("order").values_list("pk", flat=True))
    reviewer = User.objects.create(username="bench-reviewer")
    workflow.membership_add(project=project, user=editor, member=reviewer, role="reviewer")
    # Claims: 60 % open, 5 % in progress, 5 % in review, 30 % published; a sixth without check-worthiness;
    # a tenth of those being checked are the benchmark user's (its "Your claims").
    sql(
        """
        INSERT INTO annotations_claim (project_id, article_id, start, "end", quote, statement, claimant,
            claimant_url, claimant_type, appearance_urls, tags, status, check_worthiness, assignee_id,
            created_by_id, revision, created_at, updated_at)
        SELECT %(p)s, a.id, 0, 80, substr(a.text, 1, 80), 'Pernyataan ' || c || ': ' || substr(a.text, 1, 80),
            'Claimant ' || c %% 1000, '', 'person', '[]', '[]',
            CASE WHEN c %% 100 < 60 THEN 'open' WHEN c %% 100 < 65 THEN 'in_progress'
                 WHEN c %% 100 < 70 THEN 'in_review' ELSE 'published' END,
            CASE WHEN c %% 6 = 0 THEN NULL ELSE 1 + c %% 5 END,
            CASE WHEN c %% 100 BETWEEN 60 AND 69 THEN CASE WHEN c %% 1000 < 100 THEN %(e)s ELSE %(r)s END END,
            %(e)s, 1, now() - (c %% 60) * interval '1 day', now() - (c %% 60) * interval '1 day'
        FROM generate_series(1, %(n)s) c
        JOIN annotations_article a ON a.id = (SELECT min(id) FROM annotations_article) + (c * 2 - 1) %% %(size)s
        """,
        {"p": project.pk, "n": size // 2, "size": size, "e": editor.pk, "r": reviewer.pk},
    )
    sql(
        """
        INSERT INTO annotations_verdict (claim_id, author_id, rating_id, summary, analysis, status, version,
            is_current, correction_note, published_at, revision, created_at, updated_at, reviewed_by_id)
        SELECT c.id, c.assignee_id, (%(ratings)s::bigint[])[1 + c.id %% cardinality(%(ratings)s::bigint[])],
            'Ringkasan.', 'Analisis.', CASE c.status WHEN 'in_progress' THEN 'draft' WHEN 'in_review' THEN 'submitted'
            ELSE 'published' END, 1, true, '',
            CASE WHEN c.status = 'published' THEN c.updated_at END, 1, c.created_at, c.updated_at,
            CASE WHEN c.status = 'published' THEN %(e)s END
        FROM annotations_claim c WHERE c.project_id = %(p)s AND c.status IN ('in_progress', 'in_review', 'published')
        """,
        {"p": project.pk, "ratings": ratings, "e": editor.pk},
    )
    sql(
        """
        INSERT INTO annotations_activity (project_id, actor_id, verb, object_type, object_id, from_state, to_state,
            comment, created_at)
        SELECT %(p)s, %(e)s, 'claim.marked', 'claim', c.id, '', 'open', '', c.created_at
        FROM annotations_claim c WHERE c.project_id = %(p)s
        UNION ALL
        SELECT %(p)s, %(r)s, 'claim.taken', 'claim', c.id, 'open', 'in_progress', '', c.updated_at
        FROM annotations_claim c WHERE c.project_id = %(p)s AND c.status <> 'open'
        """,
        {"p": project.pk, "e": editor.pk, "r": reviewer.pk},
    )
    sql("DROP TABLE bench_sentence, bench_text")
    print(f"  claims, verdicts, activity in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    connection.close()
    sql("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def p99(client, url, n=REQUESTS, before=None):
    """p99 in ms of ``n`` sequential GETs after one warm-up; None for a page that does not exist (404)."""
    response = client.get(url)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(n):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.quantiles(times, n=100, method="inclusive")[98]


def timings():
    project = Project.objects.get(slug=SLUG)
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username="bench"))
    base = f"/projects/{project.slug}/"
    pages = {
        "dashboard": base,
        "articles": f"{base}articles/",
        "articles_search": f"{base}articles/?q=rudal",
        "articles_sort": f"{base}articles/?sort=title",
        "articles_language": f"{base}articles/?language=en",
        "claims_list": f"{base}claims/",
        "claims_filter": f"{base}claims/?status=in_review",
        "claims_search": f"{base}claims/?q=rudal",
        "review_queue": f"{base}review/",
        "editor_queue": f"{base}editor/",
        "api_published": "/api/v1/claims/?status=published",
    }
    for name, url in pages.items():
        value = p99(client, url)
        print(f"{name}_p99_ms={'na' if value is None else round(value, 1)}", flush=True)
    # The dashboard when its cached counts have just expired (once a minute per project).
    value = p99(client, base, n=10, before=cache.clear)
    print(f"dashboard_uncached_p99_ms={round(value, 1)}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        timings()
