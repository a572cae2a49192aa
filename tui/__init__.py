"""socialplan's view: the Textual app and the command line (which never imports Textual)."""
