from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Fact-check annotations"

    def ready(self):
        # The folders the quick start writes to: the SQLite database, the
        # filesystem broker, uploads in progress. Made here, once the
        # settings are read, rather than as a side effect of reading them.
        folders = [settings.VAR_DIR, settings.FILE_UPLOAD_TEMP_DIR]
        options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
        folders += [options[key] for key in ("data_folder_in", "control_folder") if key in options]
        for folder in folders:
            Path(folder).mkdir(parents=True, exist_ok=True)
