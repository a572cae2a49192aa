"""Feeds: download, guard, parse, clean and exchange (OPML) the feeds a user monitors.

Nothing here imports httpx or feedparser at import time: the app and ``checkin`` import
``storage.mentions.inbox`` at start-up and must stay quick.
"""
