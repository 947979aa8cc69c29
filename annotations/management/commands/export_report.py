"""Export a project's claims to a file, as an export job."""

import json
import shutil
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from annotations import permissions, workflow
from annotations.exporters import EXPORTERS
from annotations.models import JobStatus, Project
from annotations.tasks import run_export


class Command(BaseCommand):
    help = "Export claims as ClaimReview, CSV, JSONL, FEVER, HTML or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="The project's slug.")
        parser.add_argument("--format", required=True, choices=sorted(EXPORTERS))
        parser.add_argument("-o", "--output", required=True, help="The file to write.")
        parser.add_argument("--filters", default="{}", help='JSON, e.g. {"status": ["published"], "tag": "pemilu"}.')
        parser.add_argument("--inline", action="store_true", help="Run the job in this process, not on a worker.")

    def handle(self, *args, project, format, output, filters, inline, **options):
        project = Project.objects.filter(slug=project).first()
        if project is None:
            raise CommandError("No project has this slug.")
        membership = permissions.admins(project).select_related("user").first()
        if membership is None:
            raise CommandError("The project has no admin to export as.")
        try:
            job = workflow.export_queue(
                project=project, user=membership.user, format=format, filters=json.loads(filters)
            )
        except (ValueError, ValidationError) as exc:
            raise CommandError(f"Bad filters or format: {exc}") from None
        if inline:
            run_export.apply(args=[job.pk])
        while not job.is_finished:
            time.sleep(0.5)
            job.refresh_from_db()
            self.stderr.write(f"\r{job.claims_done}/{job.claims_total or '?'}", ending="")
        self.stderr.write("")
        if job.status != JobStatus.COMPLETED:
            raise CommandError(f"The export {job.get_status_display().lower()}: {job.message}")
        with job.result.open("rb") as source, open(output, "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(f"{job.message} to {output}")
