"""How fast new articles are split and scored for check-worthiness, as the
``score_sentences`` task does it after an import: N articles (default
5,000) of some 25 real Indonesian and English news sentences each, on a
throwaway SQLite database (the work is Python's; the database takes the
rows in batches). Prints ``RESULT sentences …``, with the minutes 100,000
articles would take on one worker.
"""

import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="factcheck-sentences.")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DEBUG", "true")  # a throwaway SQLite desk on this machine, as the quick start
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from annotations import suggestions, workflow  # noqa: E402
from annotations.models import Article, Sentence  # noqa: E402


def sentences():
    with (ROOT / "tests" / "data" / "checkworthiness-id.tsv").open(encoding="utf-8") as rows:
        found = [row[1] for row in csv.reader(rows, delimiter="\t") if len(row) > 2 and row[0] != "Sentence_id"]
    english = [
        "The minister said inflation rose to 5.2 percent in March, the highest in a decade.",
        "Critics called the plan a disaster, but offered no figures.",
        "What will happen next is anyone's guess.",
        "The company reported a net profit of $3.4 billion, up 12 percent from last year.",
    ]
    return found + english


def main(count):
    call_command("migrate", verbosity=0)
    user = User.objects.create(username="bench", is_staff=True)
    project = workflow.project_create(user=user, name="Bench", slug="bench", language="id")
    pool, rng = sentences(), random.Random(count)
    articles = []
    for n in range(count):
        article = Article(project=project, language="id", title=f"Berita {n}",
                          text=f"Berita {n}. " + " ".join(rng.choice(pool) for _ in range(25)))  # fmt: skip
        article.set_text(article.text)
        articles.append(article)
    Article.objects.bulk_create(articles, batch_size=1000)
    started = time.perf_counter()
    while suggestions.score_pending():
        pass
    seconds = time.perf_counter() - started
    total = Sentence.objects.count()
    per_article = seconds / count
    print(f"{count} articles, {total} sentences in {seconds:.1f} s: {count / seconds:.0f} articles/s, "
          f"{total / seconds:.0f} sentences/s")  # fmt: skip
    print(f"RESULT sentences articles={count} sentences={total} seconds={seconds:.1f} "
          f"articles_per_s={count / seconds:.0f} sentences_per_s={total / seconds:.0f} "
          f"minutes_for_100k={100_000 * per_article / 60:.1f}")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
