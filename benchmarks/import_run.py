"""Queue one import job for a file (through the API's workflow function) and
wait for it; prints articles/s from queueing to the job's end.

The file is first staged as Django's upload handler leaves an API upload (a
temporary file, which storing the job then moves): the clock starts where
the API view would start.
"""

import os
import shutil
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.core.files.uploadedfile import TemporaryUploadedFile  # noqa: E402
from django.db import transaction  # noqa: E402

from annotations import workflow  # noqa: E402
from annotations.models import Article, ImportJob, Project  # noqa: E402


def main(path, slug):
    project = Project.objects.get(slug=slug)
    owner = project.memberships.get(role="admin").user
    upload = TemporaryUploadedFile(os.path.basename(path), "application/x-ndjson", os.path.getsize(path), None)
    with open(path, "rb") as stream:
        shutil.copyfileobj(stream, upload)
    upload.seek(0)
    started = time.perf_counter()
    with transaction.atomic():
        job = workflow.import_queue(project=project, user=owner, upload=upload, format="jsonl")
    upload.close()  # as the request's end would; the file has moved into storage
    while True:
        job = ImportJob.objects.get(pk=job.pk)
        if job.is_finished:
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    assert job.status == "completed", (job.status, job.message, job.errors[:3])
    # The worker then fills in the search vectors the import deferred.
    while Article.objects.filter(import_job=job, search_vector__isnull=True).exists():
        time.sleep(0.2)
    searchable = time.perf_counter() - started
    ran = (job.finished_at - job.started_at).total_seconds()
    print(f"{job.created_count} {elapsed:.2f} {job.created_count / elapsed:.0f} {searchable:.2f} {ran:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
