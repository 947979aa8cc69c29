"""Queue one import job for a file (through the API's workflow function) and
wait for it; prints articles/s from queueing to the job's end.

The file is first staged as Django's upload handler leaves an API upload (a
temporary file, which storing the job then moves): the clock starts where
the API view would start, in a server that has run an import before. A
first import of the file's first ten records, into a project of its own,
warms this process and the worker as a running server is warm: each loads
the task modules and opens its broker and database connections on its first
import (0.3-0.6 s together, once in a process's life), which is not the
throughput of an import. And the staged file is written out to disk before
the clock starts, as an upload is while its request streams it in: the
kernel writing out 270 MB of fresh pages delayed the job's start by 0.15 s.
"""

import itertools
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


def staged(path, lines=None):
    upload = TemporaryUploadedFile(os.path.basename(path), "application/x-ndjson", os.path.getsize(path), None)
    with open(path, "rb") as stream:
        if lines is None:
            shutil.copyfileobj(stream, upload)
        else:
            upload.writelines(itertools.islice(stream, lines))
    upload.seek(0)
    return upload


def queue(project, owner, upload):
    with transaction.atomic():
        job = workflow.import_queue(project=project, user=owner, upload=upload, format="jsonl")
    upload.close()  # as the request's end would; the file has moved into storage
    return job


def finished(job, poll=0.05):
    while not (job := ImportJob.objects.get(pk=job.pk)).is_finished:
        time.sleep(poll)
    assert job.status == "completed", (job.status, job.message, job.errors[:3])
    return job


def searchable(job):
    # The worker fills in the search vectors the import deferred after the import.
    while Article.objects.filter(import_job=job, search_vector__isnull=True).exists():
        time.sleep(0.2)


def main(path, slug):
    project = Project.objects.get(slug=slug)
    owner = project.memberships.get(role="admin").user
    warm = Project.objects.filter(slug=f"{slug}-warm-up").first() or workflow.project_create(
        user=owner, name="Warm-up", slug=f"{slug}-warm-up", language=project.language
    )
    searchable(finished(queue(warm, owner, staged(path, lines=10))))
    time.sleep(1)  # and the tasks that follow an import (sentences, embeddings) are done
    upload = staged(path)
    os.sync()  # an upload streams to disk during its request: its pages are not still being written out here
    started = time.perf_counter()
    job = finished(queue(project, owner, upload))
    elapsed = time.perf_counter() - started
    searchable(job)
    searchable_after = time.perf_counter() - started
    ran = (job.finished_at - job.started_at).total_seconds()
    print(f"{job.created_count} {elapsed:.2f} {job.created_count / elapsed:.0f} {searchable_after:.2f} {ran:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
