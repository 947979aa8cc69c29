"""The README's backup of the database restores: a ``pg_dump`` of a desk
with a published fact-check, restored with ``pg_restore`` into a fresh
database, is the same desk to the app, its migrations included."""

import json
import subprocess

import pytest
from django.db import connection

from annotations.models import Activity

from .conftest import published
from .servers import PG_BIN
from .test_settings import manage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),  # committed, for pg_dump to see
    pytest.mark.skipif(connection.vendor != "postgresql" or not PG_BIN, reason="pg_dump backs up PostgreSQL"),
]

READ_BACK = """
import json
from django.test import Client
from annotations.models import Activity, Claim
claim = Claim.objects.get()
report = Client().get(f"/claims/{claim.pk}/report/")
print(json.dumps({"report": report.status_code, "page": report.content.decode(), "activity": Activity.objects.count()}))
"""


def test_a_dump_restores_into_a_fresh_database_that_the_app_reads_as_it_was(desk, tmp_path):
    verdict = published(desk)
    db = connection.settings_dict
    server = ["-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    dump, restored = tmp_path / "factcheck.dump", f"{db['NAME']}_restored"

    def pg(program, *args):
        subprocess.run([f"{PG_BIN}/{program}", *server, *args], check=True, capture_output=True, timeout=60)

    pg("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), db["NAME"])
    pg("createdb", restored)
    try:
        pg("pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored, str(dump))
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{restored}"
        env = {"DATABASE_URL": url, "ALLOWED_HOSTS": "testserver"}
        migrations = manage(env, "migrate", "--check")
        assert migrations.returncode == 0, migrations.stdout + migrations.stderr
        read = manage(env, "shell", "-v0", "-c", READ_BACK)
        assert read.returncode == 0, read.stderr
        seen = json.loads(read.stdout.strip().splitlines()[-1])
    finally:
        pg("dropdb", "--if-exists", restored)
    assert seen["report"] == 200  # still published, still public
    assert desk.claim.quote in seen["page"] and verdict.summary in seen["page"]
    assert seen["activity"] == Activity.objects.count()  # the whole trail, not only the current state
