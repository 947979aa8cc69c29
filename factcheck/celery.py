import gc
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def freeze_startup_objects(**kwargs):
    """Take what the worker loaded at start (Django, the app, Celery) out of
    the garbage collector's sight: an import of 100,000 articles otherwise
    spends a few per cent of its time in full collections that traverse it."""
    gc.collect()
    gc.freeze()
