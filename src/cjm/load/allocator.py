"""Keep the C allocator from holding on to memory that loading a large file lets go.

glibc's ``malloc`` gives each block of 128 KiB or more a memory mapping of its own, which
goes back to the system as soon as the block is freed. But the first time it frees such
a block, it raises that threshold to the block's size (up to 32 MiB), on the guess that
the program makes blocks of that size often. Loading a map proves the guess wrong: the
file's bytes, as large as the file, are freed once decoded, and from then on every block
up to that size (the growing position table, large lists and dicts) comes from the heap,
where what such a block leaves behind when it grows or is freed stays resident. For a
10 MB map that was about 6 MB more at the peak of ``cjm validate``. Setting the threshold
explicitly, to glibc's own default, turns the adjustment off (see ``mallopt(3)``).
"""

from __future__ import annotations

import ctypes
import sys

# From glibc's <malloc.h>.
M_MMAP_THRESHOLD = -3
DEFAULT_MMAP_THRESHOLD = 128 * 1024


def keep_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at its default for the rest of the process; whether it
    was done (only on Linux, where the C library has ``mallopt``; elsewhere the allocator
    is left as it is)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, DEFAULT_MMAP_THRESHOLD))
