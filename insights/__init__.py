"""Insights: what many nights of the journal add up to (issue 8, docs/sleep-metrics.md).

The computations are pure modules (stdlib only: no Django, no ORM, no request) over plain
`NightRecord`s that selectors build from the journal's rows:

- `records`: `NightRecord`, `clock_minutes`, `minutes_between`
- `stats`: `Summary`, `summarize`, `night_summaries`, `circular_mean_and_sd`, `rolling_mean`
- `regularity`: `sleep_regularity_index`, `clock_time_variability`, `social_jet_lag`
- `comparisons`: `compare_groups` (Welch), `tag_comparisons`, `routine_groups`, `MIN_NIGHTS`
- `trends`: `weekday_pattern`, `week_over_week` (the headline in words)
- `worksheet`: `sleep_window`, `sleep_window_history` (CBT-i arithmetic, never advice)

Nothing is re-exported here: import from the module that owns a name.
"""
