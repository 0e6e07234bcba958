"""Worker processes: whether they can be forked here, and how many to start.

Loading a workspace (:mod:`cjm.load.parallel`) and rendering its report pages
(:mod:`cjm.report.parallel`) both spread their work over worker processes when that pays.
"""

from __future__ import annotations

import os
import sys
import threading

# Environment variable that caps the number of worker processes (1: work in-process), of
# loading and of rendering alike.
JOBS_VARIABLE = "CJM_JOBS"


def can_fork() -> bool:
    """Whether worker processes can be forked here: on Linux, in a process that runs no
    other thread (a fork copies locks other threads may hold, as in ``cjm serve``)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+: respects CPU affinity
        return int(os.process_cpu_count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def capped(wanted: int) -> int:
    """``wanted`` workers, or fewer when :data:`JOBS_VARIABLE` is set to a smaller
    positive number."""
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return min(wanted, int(setting))
    return wanted
