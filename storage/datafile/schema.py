"""The version of the data file's layout this code reads and writes (``meta.schema``).

On its own so that code reading the file without opening a plan (the quick fetch) can check
the version without importing the storage.
"""

SCHEMA_VERSION = 1
"""Bumped with each migration in ``plan.MIGRATIONS``."""
