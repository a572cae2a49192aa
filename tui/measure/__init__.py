"""The Measure tab: metric snapshots against the baseline, reactions per kind, the monthly review."""
