from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations import workflow

from ..factories import MembershipFactory, ProjectFactory

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def editor(db):
    return MembershipFactory(role="editor", project=ProjectFactory(language="id")).user


@pytest.fixture
def project(editor):
    return editor.memberships.get().project


@pytest.fixture
def run_import(editor, project, django_capture_on_commit_callbacks):
    """Import a file (a name in tests/data, or bytes with a name) through the
    job and its task (run inline), and return the finished job."""

    def run(name, content=None, **options):
        content = (DATA / name).read_bytes() if content is None else content
        with django_capture_on_commit_callbacks(execute=True):
            job = workflow.import_queue(
                project=project, user=editor, upload=SimpleUploadedFile(name, content), **options
            )
        job.refresh_from_db()
        return job

    return run
