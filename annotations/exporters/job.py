"""Running an export job: write the file and keep it until ``expires_at``
(``workflow.exports_expire`` deletes it then)."""

import os
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.http import FileResponse
from django.utils import timezone

from ..models import ExportJob, JobStatus
from . import EXPORTERS


def run(job: ExportJob):
    """Write the job's export to a file it keeps until ``expires_at``.

    A job run again (after its worker died) writes the whole file afresh.
    """
    exporter = EXPORTERS[job.format](job.project, job.filters)
    job.beat(claims_total=exporter.count(), claims_done=0)
    folder = settings.VAR_DIR / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=f".{exporter.extension}", delete=False) as out:
        try:
            exporter.write(out, progress=lambda done: job.beat(claims_done=done))
        except ValueError as exc:
            os.unlink(out.name)
            job.finish(JobStatus.FAILED, str(exc))
            return
    try:
        with open(out.name, "rb") as stream:
            job.result.save(exporter.filename, File(stream), save=False)
    finally:
        os.unlink(out.name)
    job.expires_at = timezone.now() + timedelta(hours=settings.EXPORT_RETENTION_HOURS)
    job.save(update_fields=["result", "expires_at"])
    job.beat(claims_done=job.claims_total)
    noun = ("article", "articles") if job.format == "jsonl" else ("claim", "claims")
    job.finish(JobStatus.COMPLETED, f"{job.claims_total} {noun[job.claims_total != 1]} exported")


def file_response(job: ExportJob):
    """The export's file, as a download."""
    response = FileResponse(job.result.open("rb"), content_type=EXPORTERS[job.format].content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result.name.rsplit("/", 1)[-1]}"'
    return response
