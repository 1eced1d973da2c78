"""``python -m desktop_app``, and the entry point of the standalone program (packaging/lede.spec)."""

import multiprocessing

# First, before anything else runs: in the standalone program the feedback sheets' worker processes
# (classroom/exports.py, spawned) start this same executable, and freeze_support turns such a start into a
# worker. Elsewhere it does nothing.
multiprocessing.freeze_support()

from desktop_app.cli import main  # noqa: E402 - after freeze_support, which must come first

raise SystemExit(main())
