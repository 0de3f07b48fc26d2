# Insights are computed from the journal's nights; this app stores nothing of its own.
