"""socialplan's model: records, rules and files. Never imports Textual or tui."""

__version__ = "0.1.0"
