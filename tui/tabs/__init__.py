"""One module per tab; each is imported only when its tab is first shown."""
