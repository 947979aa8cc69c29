"""Import a file of articles into a project, as an import job, with a
progress bar. By default the job is queued for the Celery workers and
followed; --inline runs it in this process (no worker needed)."""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from annotations import permissions, workflow
from annotations.importers import FORMATS
from annotations.models import ImportJob, JobStatus, Project
from annotations.tasks import run_import


class Command(BaseCommand):
    help = "Import articles (JSONL, JSON, CSV, TXT, HTML, ZIP, ClaimReview) into a project."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--project", required=True, help="The project's slug.")
        parser.add_argument("--format", default="", choices=["", *FORMATS], help="Default: from the file's extension.")
        parser.add_argument("--encoding", default="", help="Text encoding; default UTF-8 or detected.")
        parser.add_argument(
            "--page-articles", action="store_true", help="Keep the text of fact-check pages as articles too."
        )
        parser.add_argument("--user", help="Who imports (an editor or admin); default: the project's first admin.")
        parser.add_argument("--inline", action="store_true", help="Run the job in this process, not on a worker.")

    def handle(self, *args, file, project, format, encoding, page_articles, user, inline, **options):
        project = Project.objects.filter(slug=project).first()
        if project is None:
            raise CommandError("No project has this slug.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        owner = self._owner(project, user)
        try:
            with file.open("rb") as stream:
                job = workflow.import_queue(
                    project=project, user=owner, upload=File(stream, name=file.name), format=format,
                    encoding=encoding, page_articles=page_articles,
                )  # fmt: skip
        except (ValidationError, workflow.FileTooLarge) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        if inline:
            run_import.apply(args=[job.pk])
        self._follow(job)

    def _owner(self, project, username):
        users = get_user_model().objects
        if username:
            owner = users.filter(username=username).first()
            if owner is None:
                raise CommandError(f"No user {username!r}.")
            return owner
        membership = permissions.admins(project).select_related("user").first()
        if membership is None:
            raise CommandError("The project has no admin; name the importing user with --user.")
        return membership.user

    def _follow(self, job: ImportJob):
        started = time.monotonic()
        while True:
            job.refresh_from_db()
            self._draw(job)
            if job.is_finished:
                break
            if job.status == JobStatus.QUEUED and time.monotonic() - started > 15:
                self.stderr.write("\nStill queued: is a worker running? (make run starts one; or use --inline)")
                started = float("inf")
            time.sleep(0.5)
        sys.stderr.write("\n")
        for error in job.errors:
            self.stderr.write(f"  {error['where']}: {error['reason']}")
        if job.failed_count > len(job.errors):
            self.stderr.write(f"  … and {job.failed_count - len(job.errors)} more errors")
        for warning in job.warnings:
            self.stderr.write(f"  warning: {warning['where']}: {warning['reason']}")
        if job.warning_count > len(job.warnings):
            self.stderr.write(f"  … and {job.warning_count - len(job.warnings)} more warnings")
        self.stdout.write(f"Import {job.pk} {job.get_status_display().lower()}: {job.message}")
        if job.status == JobStatus.FAILED:
            raise CommandError("The import failed.")

    def _draw(self, job):
        fraction = job.progress / 100
        bar = "#" * int(fraction * 30)
        records = job.created_count + job.duplicate_count + job.failed_count
        sys.stderr.write(f"\r[{bar:<30}] {fraction:4.0%}  {records} records, {job.failed_count} failed ")
        sys.stderr.flush()
