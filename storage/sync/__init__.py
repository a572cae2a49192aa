"""One plan, several copies: the record-level three-way merge (``merge``) that sync and the
command line while the app is open both rely on. Pure functions over the plan's data; nothing
here reads or writes a file."""

from storage.sync.files import merge_files
from storage.sync.merge import Conflict, Merged, merge_plans

__all__ = ["Conflict", "Merged", "merge_files", "merge_plans"]
