"""The Today tab: the morning check-in, each line one key from being done."""
