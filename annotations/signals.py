"""Worker start-up: recover orphaned jobs now, and keep checking; on the same
round, index articles an import left unindexed and delete expired exports.

Every worker runs the check; the conditional update in
``workflow.jobs_requeue_stale`` makes sure a job is requeued only once.
"""

import logging
import threading

from celery.signals import worker_ready
from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def _recover_forever(stop: threading.Event):
    from .search import index_pending
    from .workflow import exports_expire, jobs_requeue_stale

    while True:
        try:
            jobs_requeue_stale()
            # Search vectors left empty by an import whose indexing was lost.
            index_pending(limit=10_000)
            exports_expire()
        except Exception:
            logger.exception("Could not requeue stale jobs, index articles or expire exports")
        finally:
            close_old_connections()
        if stop.wait(settings.JOB_RECOVERY_INTERVAL_SECONDS):
            return


@worker_ready.connect
def start_job_recovery(sender=None, **kwargs):
    thread = threading.Thread(target=_recover_forever, args=(threading.Event(),), name="job-recovery", daemon=True)
    thread.start()
