"""The agreement benchmark runs and ends with its RESULT line."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_benchmark_on_a_small_project():
    run = subprocess.run(
        [sys.executable, "benchmarks/agreement.py", "--articles", "300"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = run.stdout.strip().splitlines()
    assert re.fullmatch(r"RESULT agreement articles=300 seconds=\d+\.\d\d peak_rss_mb=\d+", lines[-1])
    figures = dict(re.findall(r"(exact F1|overlap F1|code-point alpha) (-?\d\.\d+)", lines[-2]))
    # Jittered boundaries: overlap matching finds most claims, exact matching far fewer.
    assert float(figures["overlap F1"]) > 0.7 > float(figures["exact F1"])
    assert 0.5 < float(figures["code-point alpha"]) < 1
