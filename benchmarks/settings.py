"""Production-like settings for the benchmarks, plus a bare view to compare with."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
