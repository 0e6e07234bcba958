"""The ``cjm`` program: the command line run as a process of its own.

The console script and ``python -m cjm`` start here rather than at :func:`cjm.cli.main`,
so that the process is set up for a short life before Typer, pydantic and cjm's own
modules are imported. Python's cyclic garbage collector is tuned for a program that
starts, does one thing and ends:

* **Collections are rarer.** A run first imports several hundred classes and thousands
  of functions, which live until it ends. With Python's default threshold the collector
  starts a collection every 700 new objects and walks the young ones each time: about
  ninety collections for a journey SVG, which find next to nothing. Here it starts one
  every :data:`COLLECT_AFTER` new objects; reference cycles are still collected, later.
* **The end is not walked.** When the command is done, what is alive is frozen
  (:func:`gc.freeze`): the interpreter's last collection, and the teardown of every
  class and module kept alive by cycles, then skip it. The operating system takes the
  memory back when the process ends; files are closed and streams flushed as before.

Together they take about a sixth off a small command (docs/performance.md, "A journey
SVG: the collector tuned for a short process"). :func:`cjm.cli.main`, called in a
process of one's own (tests, embedding), leaves the collector as it is.
"""

from __future__ import annotations

import gc

# New objects between two collections of the youngest generation (Python's default: 700).
COLLECT_AFTER = 100_000


def main() -> None:
    """Console-script entry point: ``cjm``'s command line, run as a whole process."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(COLLECT_AFTER, older, oldest)
    # Imported here, after the collector is set: cjm.cli imports Typer.
    from cjm.cli import main as run_command_line

    try:
        run_command_line()
    finally:
        gc.freeze()
