"""The Mentions tab: what the monitored feeds said, the feeds and the watch words."""
