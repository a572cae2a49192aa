"""One plan, several copies: the record-level three-way merge (``merge``), the log of what it
could not decide (``conflicts``), three plan files merged for git's driver (``files``) and
``socialplan sync`` through git (``git``)."""

from __future__ import annotations

from storage.datafile import STAMP
from storage.sync.files import merge_files
from storage.sync.merge import Conflict, Data, Merged, merge_plans

__all__ = ["STAMP", "Conflict", "Data", "Merged", "merge_files", "merge_plans"]
