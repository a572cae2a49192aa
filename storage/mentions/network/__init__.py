"""Feeds off the network: download, guard, parse and clean the feeds a user monitors.

Per feed, in this order: ``fetch`` downloads (deadline, size cap, conditional GET; the HTTP
itself is ``wire``'s, or httpx's through a proxy), ``guard`` refuses entity declarations,
``parse`` reads RSS, Atom, RDF or JSON Feed (in the worker processes of ``pool``) and
``sanitize`` cleans each entry; ``runner`` does that for many feeds at once. Nothing here
imports httpx or feedparser at import time: the check-in imports ``storage.mentions`` and must
stay quick. The two numbers below are shared by ``runner`` and the quick fetch of unchanged
feeds (``storage.mentions.quick``), which imports only ``wire``.
"""

DEFAULT_DEADLINE = 20.0
"""Seconds one feed may take, from the first connection to the last byte."""
DEFAULT_WORKERS = 4
"""Feeds fetched at the same time."""
