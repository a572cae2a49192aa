"""The Calendar tab: content by month, week or agenda, its spin-offs and comments, and its forms."""
