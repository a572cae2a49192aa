"""The Phases tab: the six checklists, the channel profiles and the baseline, with their forms."""
