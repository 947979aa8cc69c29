"""One-line mutations of the rules the code review found untested: each must make
tests/workflow fail. Run: .venv/bin/python scripts/mutations.py (restores every file)."""

import subprocess, sys, pathlib

M = [
    (
        "retraction note",
        "annotations/workflow/verdicts.py",
        "verdict.status, verdict.correction_note = verdict.status, VerdictStatus.RETRACTED, comment",
        'verdict.status, verdict.correction_note = verdict.status, VerdictStatus.RETRACTED, ""',
    ),
    (
        "request changes on approved",
        "annotations/workflow/verdicts.py",
        '_expect_state(verdict, VerdictStatus.AWAITING_DECISION, "request changes to")',
        '_expect_state(verdict, [VerdictStatus.SUBMITTED], "request changes to")',
    ),
    (
        "delete activity",
        "annotations/workflow/claims.py",
        "    activity_log(project=claim.project, actor=user, verb=Verb.CLAIM_DELETED, obj=claim, from_state=claim.status)\n",
        "",
    ),
    (
        "same-project duplicate",
        "annotations/workflow/claims.py",
        "    if original.project_id != claim.project_id:",
        "    if False:",
    ),
    (
        "download_url while running",
        "annotations/api/serializers.py",
        "        if job.status != JobStatus.COMPLETED:\n            return None\n",
        "",
    ),
    ("evidence order", "annotations/workflow/verdicts.py", "order=verdict.evidence.count()", "order=0"),
    (
        "workspace editability",
        "annotations/views/articles.py",
        "claim.editable = permissions.can_edit_claim(request.user, claim)",
        "claim.editable = True",
    ),
]
for name, path, old, new in M:
    p = pathlib.Path(path)
    src = p.read_text()
    assert src.count(old) == 1, (name, src.count(old))
    p.write_text(src.replace(old, new))
    try:
        r = subprocess.run(
            [".venv/bin/python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "tests/workflow"],
            capture_output=True,
            text=True,
        )
        last = [l for l in r.stdout.splitlines() if "passed" in l or "failed" in l][-1:]
        failed = [l for l in r.stdout.splitlines() if l.startswith("FAILED")]
        print(f"{name}: exit {r.returncode} {last} {failed[:1]}")
    finally:
        p.write_text(src)
