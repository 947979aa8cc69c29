from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Fact-check annotations"

    def ready(self):
        from . import signals  # noqa: F401  (worker start-up hooks)
