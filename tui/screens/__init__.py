"""Modal screens shared by the tabs."""
