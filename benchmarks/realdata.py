"""What the real files of ``../shared/data/real/`` give when a desk imports
them, source by source: records tried, imported, duplicates, warned and
refused, with every refusal's reason; then HTML pages per second for a ZIP
of the real fact-check pages, and with ``--largest`` the peak RSS of the
import on the largest ZIP of them the limits accept.

Runs on a throwaway SQLite database, the import run inline (as a worker
runs it). Prints ``RESULT realdata …`` last.
"""

import argparse
import io
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="factcheck-realdata.")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DEBUG", "true")  # a throwaway SQLite desk on this machine, as the quick start's
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

from annotations import workflow  # noqa: E402
from annotations.models import ImportJob  # noqa: E402
from factcheck.celery import app  # noqa: E402
from tests.factchecks.fixtures import documents  # noqa: E402

app.conf.task_always_eager = True
logging.disable(logging.CRITICAL)  # trafilatura's and Celery's chatter; the report is the output


def meedan_zip(source, pages_only=False):
    """Every page and API answer of a Meedan fixture folder, a file each, zipped."""
    buffer, pages = io.BytesIO(), 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((REAL / source / "spec" / "fixtures").iterdir()):
            for index, document in enumerate(documents(path)):
                if document.kind == "html":
                    archive.writestr(f"{path.stem}-{index}.html", document.content)
                    pages += 1
                elif not pages_only:
                    archive.writestr(f"{path.stem}-{index}.json", json.dumps(document.content, ensure_ascii=False))
    return buffer.getvalue(), pages


def folder_zip(source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((REAL / source).rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(REAL / source).as_posix())
    return buffer.getvalue()


_projects = 0


def run(name, content, **options):
    """Import ``content`` into a fresh project, inline; the finished job and its seconds."""
    global _projects
    _projects += 1
    user = User.objects.get_or_create(username="desk", defaults={"is_staff": True})[0]
    project = workflow.project_create(user=user, name=f"Real {_projects}", slug=f"real-{_projects}", language="id")
    started = time.perf_counter()
    upload = content if isinstance(content, File) else SimpleUploadedFile(name, content)
    job = workflow.import_queue(project=project, user=user, upload=upload, **options)
    elapsed = time.perf_counter() - started
    return ImportJob.objects.get(pk=job.pk), elapsed


def report(label, job):
    tried = job.created_count + job.duplicate_count + job.failed_count
    print(f"\n## {label}: {tried} records tried, {job.created_count} imported, {job.duplicate_count} duplicates, "
          f"{job.warning_count} warned, {job.failed_count} refused ({job.status})")  # fmt: skip
    for reason, count in Counter(error["reason"] for error in job.errors).most_common():
        print(f"  refused ×{count}: {reason}")
    kinds = Counter(warning["reason"].split(":", 1)[0][:70] for warning in job.warnings)
    for reason, count in kinds.most_common(8):
        print(f"  warned ×{count}: {reason}…")
    return tried


def largest_zip(copies_of_pages):
    """The largest ZIP of the real pages the limits accept (up to ``copies_of_pages`` pages), on disk."""
    pages = []
    for source in ("meedan-fetch", "meedan-newspeek"):
        for path in sorted((REAL / source / "spec" / "fixtures").iterdir()):
            pages += [d.content.encode() for d in documents(path) if d.kind == "html"]
    limit_files, limit_bytes = settings.IMPORT_ZIP_MAX_FILES, settings.IMPORT_ZIP_MAX_BYTES
    path = Path(os.environ["VAR_DIR"]) / "largest.zip"
    count = size = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        while count < min(limit_files, copies_of_pages) and size + len(pages[count % len(pages)]) <= limit_bytes:
            page = pages[count % len(pages)]
            archive.writestr(f"page-{count}.html", page)
            count, size = count + 1, size + len(page)
    return path, count, size


def import_largest(path):
    """Import a ZIP from disk as a worker would (printed: seconds, peak RSS, the job's counts); run in a child."""
    with open(path, "rb") as stream:
        job, elapsed = run(path.name, File(stream, name=path.name), page_articles=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("largest", f"{elapsed:.2f}", f"{rss:.0f}", job.status, job.created_count, job.failed_count)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--largest-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--largest", type=int, default=0, help="Also import a ZIP of this many pages (within the limits)."
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if args.largest_child:
        import_largest(args.largest_child)
        return
    totals = Counter()
    for source in ("meedan-fetch", "meedan-newspeek"):
        content, _ = meedan_zip(source)
        job, _ = run(f"{source}.zip", content)
        totals["tried"] += report(f"{source} (every page and API answer, one ZIP)", job)
    for source in ("doccano", "label-studio"):
        job, _ = run(f"{source}.zip", folder_zip(source))
        totals["tried"] += report(f"{source} (every file, one ZIP)", job)
    fever = REAL / "fever" / "actual.jsonl"
    print(f"\n## fever: {sum(1 for _ in fever.open())} records; an export-side source (the official scorer reads "
          "the FEVER export: tests/exporters), its claims are redacted, so it has no articles to import")  # fmt: skip

    content, pages = meedan_zip("meedan-fetch", pages_only=True)
    more, more_pages = meedan_zip("meedan-newspeek", pages_only=True)
    with zipfile.ZipFile(io.BytesIO(more)) as extra, zipfile.ZipFile(buffer := io.BytesIO(content), "a") as archive:
        for info in extra.infolist():
            archive.writestr(f"newspeek-{info.filename}", extra.read(info))
    job, elapsed = run("pages.zip", buffer.getvalue(), page_articles=True)
    pages += more_pages
    print(
        f"\n## {pages} real fact-check pages in one ZIP, fact-checks and article text: {elapsed:.2f} s, "
        f"{pages / elapsed:.1f} pages/s ({job.created_count} created, {job.failed_count} refused)"
    )
    result = f"RESULT realdata records={totals['tried']} pages={pages} pages_per_s={pages / elapsed:.1f}"
    if args.largest:
        path, files, size = largest_zip(args.largest)
        out = subprocess.run(
            [sys.executable, __file__, "--largest-child", str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        seconds, rss, status, created, failed = out[out.index("largest") + 1 :][:5]
        zipped = path.stat().st_size / 2**20
        print(f"\n## largest ZIP: {files} pages, {size / 2**20:.0f} MiB ({zipped:.0f} MiB zipped), "
              f"{seconds} s, {files / float(seconds):.1f} pages/s, worker peak RSS {rss} MB, {status}, "
              f"{created} created, {failed} refused")  # fmt: skip
        result += (
            f" largest_pages={files} largest_mib={size / 2**20:.0f}"
            f" largest_pages_per_s={files / float(seconds):.1f} peak_rss_mb={rss}"
        )
    print(result)


if __name__ == "__main__":
    main()
