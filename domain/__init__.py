"""The one vocabulary of ЦОС-монитор: kinds, statuses, sources, units, topics, thresholds, the fact key
and Russian formatting. Imports nothing of the project; everything else imports it."""
