"""Fill the database for the API benchmark: one project, 10,000 articles
of about 2.5 KB, 50,000 claims, a published verdict on every other claim,
and a reviewer whose API token is printed."""

import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from annotations.models import (  # noqa: E402
    ApiToken,
    Article,
    Claim,
    ClaimStatus,
    Membership,
    Project,
    Verdict,
    VerdictStatus,
)
from annotations.text import text_hash  # noqa: E402

ARTICLES, CLAIMS_PER_ARTICLE = int(sys.argv[1]), int(sys.argv[2])
WORDS = "rudal balistik amunisi Rusia Ukraina Korea Utara NATO Stoltenberg keamanan “konsekuensi” aliansi Eropa".split()


def main():
    rng = random.Random(7)
    user, _ = get_user_model().objects.get_or_create(username="bench")
    project = Project.objects.create(name="Bench", slug="bench", language="id")
    project.install_rating_preset("id")
    Membership.objects.create(project=project, user=user, role="reviewer")
    ratings = list(project.ratings.all())
    now = timezone.now()
    for first in range(0, ARTICLES, 1000):
        with transaction.atomic():
            articles = []
            for n in range(first, min(first + 1000, ARTICLES)):
                text = f"Artikel {n} – " + " ".join(rng.choice(WORDS) for _ in range(300))
                articles.append(
                    Article(
                        project=project, title=f"Berita nomor {n}", text=text, text_hash=text_hash(text), language="id"
                    )
                )
            Article.objects.bulk_create(articles)
            claims = []
            for article in articles:
                for k in range(CLAIMS_PER_ARTICLE):
                    start = 20 * k
                    claims.append(Claim(
                        project=project, article=article, start=start, end=start + 40,
                        quote=article.text[start : start + 40], statement=f"Klaim {k} dari {article.title}",
                        claimant=rng.choice(["AS", "NATO", "Kremlin", "Pyongyang"]), created_by=user,
                        status=ClaimStatus.PUBLISHED if k % 2 else ClaimStatus.OPEN,
                    ))  # fmt: skip
            Claim.objects.bulk_create(claims)
            Verdict.objects.bulk_create(
                Verdict(claim=claim, author=user, rating=rng.choice(ratings), summary="Ringkasan.",
                        status=VerdictStatus.PUBLISHED, published_at=now)
                for claim in claims if claim.status == ClaimStatus.PUBLISHED
            )  # fmt: skip
    print(ApiToken.objects.issue(user=user, name="benchmark")[1])


main()
