"""Load the demo desk: a project, four users, the seed article and its claim.

Safe to run again: it finds what is already there instead of adding it twice.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from annotations import workflow
from annotations.models import Article, Project, Role
from annotations.text import normalise, text_hash

DEMO_PASSWORD = "factcheck-demo"
SEED_ARTICLE = Path(settings.BASE_DIR) / "demo" / "seed-article-id.txt"
# Where the seed text was published; its title is the words of that address
# (the page gives no date, so none is stored).
SEED_URL = "https://larismanis.com/nato-di-bawah-ancaman-putin-dan-kim-jong-un"
SEED_TITLE = "NATO di bawah ancaman Putin dan Kim Jong Un"
SEED_CLAIM = "AS telah menuduh Korea Utara menyuplai rudal balistik dan amunisi ke Rusia untuk digunakan di Ukraina."


class Command(BaseCommand):
    help = "Create the demo project, users, seed article and claim (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        project, _ = Project.objects.get_or_create(
            slug="demo",
            defaults={
                "name": "Demo desk",
                "language": "id",
                "publisher_name": "Demo desk",
            },
        )
        # A demo loaded before had a placeholder site, which its ClaimReviews named as their author's.
        Project.objects.filter(pk=project.pk, publisher_url="https://example.org/").update(publisher_url="")
        project.install_rating_preset("id")

        users = {}
        for role in Role:
            user, created = User.objects.get_or_create(username=role.value)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = user.is_superuser = role == Role.ADMIN
                user.save()
            project.memberships.get_or_create(user=user, defaults={"role": role})
            users[role] = user

        text = normalise(SEED_ARTICLE.read_text(encoding="utf-8"))
        article = Article.objects.filter(project=project, text_hash=text_hash(text)).first()
        if article is None:
            article = Article.objects.create(
                project=project, title=SEED_TITLE, url=SEED_URL, publisher="Larismanis.com", language="id", text=text
            )
        elif not article.url and article.title.endswith("…"):  # loaded before, titled with its first words
            Article.objects.filter(pk=article.pk).update(title=SEED_TITLE, url=SEED_URL)
        if not article.claims.exists():
            start = article.text.index(SEED_CLAIM)
            workflow.claim_mark(
                article=article,
                user=users[Role.ANNOTATOR],
                start=start,
                end=start + len(SEED_CLAIM),
                statement="The US accuses North Korea of supplying ballistic missiles and ammunition to Russia.",
                claimant="AS",
                claimant_url="https://www.wikidata.org/wiki/Q30",
                claimant_type="organization",
            )

        self.stdout.write(
            f"Demo desk ready: project 'demo', users {', '.join(r.value for r in Role)}, password {DEMO_PASSWORD}"
        )
