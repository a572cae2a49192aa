"""Two copies of one plan made one: the three-way merge and the log of what it could not decide."""

from __future__ import annotations

from storage.datafile import STAMP
from storage.sync.merge import Conflict, Data, Merged, merge_plans

__all__ = ["STAMP", "Conflict", "Data", "Merged", "merge_plans"]
