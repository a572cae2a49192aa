"""The Guide tab: the editorial line (pillars, voice, rules) and its mix against the calendar."""
