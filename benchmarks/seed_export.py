"""Fill a project with N published claims (5 per article), each with a
verdict and two evidence sources, for the export benchmark."""

import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from annotations import workflow  # noqa: E402
from annotations.models import Article, Claim, ClaimStatus, Evidence, Verdict, VerdictStatus  # noqa: E402
from annotations.text import text_hash  # noqa: E402

WORDS = "rudal balistik amunisi Rusia Ukraina Korea Utara NATO “konsekuensi” aliansi Eropa café 🇮🇩".split()


def main(count, slug):
    rng = random.Random(count)
    # Staff: on a default instance only staff create projects.
    user, _ = get_user_model().objects.update_or_create(username="bench", defaults={"is_staff": True})
    project = workflow.project_create(user=user, name=slug, slug=slug, language="id", publisher_name="Bench")
    ratings = list(project.ratings.all())
    now = timezone.now()
    for first in range(0, count // 5, 2000):
        with transaction.atomic():
            articles = []
            for n in range(first, min(first + 2000, count // 5)):
                text = f"Artikel {n} – " + " ".join(rng.choice(WORDS) for _ in range(300))
                articles.append(Article(project=project, title=f"Berita {n}", text=text, text_hash=text_hash(text),
                                        url=f"https://berita.example/{n}", language="id"))  # fmt: skip
            Article.objects.bulk_create(articles)
            claims = [
                Claim(project=project, article=a, start=30 * k, end=30 * k + 25, quote=a.text[30 * k : 30 * k + 25],
                      statement=f"Klaim {k} tentang {a.title}", claimant="Pejabat", status=ClaimStatus.PUBLISHED,
                      created_by=user, tags=["bench"])
                for a in articles for k in range(5)
            ]  # fmt: skip
            Claim.objects.bulk_create(claims)
            verdicts = Verdict.objects.bulk_create(
                Verdict(claim=c, author=user, rating=rng.choice(ratings), summary="Ringkasan – “hasil”.",
                        analysis="Analisis **penting**.", status=VerdictStatus.PUBLISHED, published_at=now)
                for c in claims
            )  # fmt: skip
            Evidence.objects.bulk_create(
                Evidence(verdict=v, url=f"https://sumber.example/{v.claim_id}/{i}", title=f"Sumber {i}", order=i)
                for v in verdicts for i in range(2)
            )  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
    # Statistics for the planner, as a live database would have them.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
