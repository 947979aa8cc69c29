"""Queue one export job and wait for it; prints claims/s from queueing to the job's end."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
django.setup()

from django.db import transaction  # noqa: E402

from annotations import workflow  # noqa: E402
from annotations.models import ExportJob, Project  # noqa: E402


def main(slug, format):
    project = Project.objects.get(slug=slug)
    owner = project.memberships.get(role="admin").user
    started = time.perf_counter()
    with transaction.atomic():
        job = workflow.export_queue(project=project, user=owner, format=format)
    while not (job := ExportJob.objects.get(pk=job.pk)).is_finished:
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    assert job.status == "completed", (job.status, job.message)
    claims = project.claims.count()
    print(f"{claims / elapsed:.0f} {elapsed:.2f} {job.result.size}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
