import factory
from django.contrib.auth import get_user_model

from annotations import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Project

    name = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    language = "id"
    publisher_name = "Cek Fakta"
    publisher_url = "https://cekfakta.example/"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = models.Role.ANNOTATOR


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Rating

    project = factory.SubFactory(ProjectFactory)
    label = factory.Sequence(lambda n: f"Rating {n}")
    value = 1


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"Artikel nomor {n}: “kutipan” – selesai.")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Claim

    article = factory.SubFactory(ArticleFactory)
    project = factory.SelfAttribute("article.project")
    start = 0
    end = 7
    quote = factory.LazyAttribute(lambda claim: claim.article.text[claim.start : claim.end])


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Verdict

    claim = factory.SubFactory(ClaimFactory)


def member(project, role=models.Role.ANNOTATOR, **fields):
    """A user who is a member of the project with the given role."""
    return MembershipFactory(project=project, role=role, **fields).user
