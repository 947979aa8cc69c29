"""One-line mutations of the rules the code review found untested: each must
make ``tests/workflow`` fail. Every file is restored, whatever happens.

Run: .venv/bin/python scripts/mutations.py
"""

import os
import pathlib
import subprocess
import sys

DELETE_TRACE = (
    "    activity_log(project=claim.project, actor=user, verb=Verb.CLAIM_DELETED, obj=claim, from_state=claim.status)\n"
)
MUTATIONS = [
    ("retraction note", "annotations/workflow/verdicts.py",
     "VerdictStatus.RETRACTED, comment", 'VerdictStatus.RETRACTED, ""'),
    ("request changes on an approved verdict", "annotations/workflow/verdicts.py",
     '_expect_state(verdict, VerdictStatus.AWAITING_DECISION, "request changes to")',
     '_expect_state(verdict, [VerdictStatus.SUBMITTED], "request changes to")'),
    ("the delete Activity", "annotations/workflow/claims.py", DELETE_TRACE, ""),
    ("same-project duplicate", "annotations/workflow/claims.py",
     "    if original.project_id != claim.project_id:", "    if False:"),
    ("download_url while running", "annotations/api/serializers.py",
     "        if job.status != JobStatus.COMPLETED:\n            return None\n", ""),
    ("evidence order", "annotations/workflow/verdicts.py", "order=verdict.evidence.count()", "order=0"),
    ("workspace editability", "annotations/views/articles.py",
     "claim.editable = permissions.can_edit_claim(request.user, claim)", "claim.editable = True"),
]  # fmt: skip


def main():
    survived = []
    for name, path, old, new in MUTATIONS:
        file = pathlib.Path(path)
        source = file.read_text()
        assert source.count(old) == 1, f"{name}: the line to mutate is not in {path} exactly once"
        file.write_text(source.replace(old, new))
        try:
            run = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/workflow"],
                capture_output=True, text=True, env={**os.environ, "DEBUG": "true"},
            )  # fmt: skip
        finally:
            file.write_text(source)
        failed = [line for line in run.stdout.splitlines() if line.startswith("FAILED")]
        print(f"{name}: {'caught by ' + failed[0][7:] if failed else 'SURVIVED'}")
        if not failed:
            survived.append(name)
    sys.exit(1 if survived else 0)


if __name__ == "__main__":
    main()
