"""Интернет: the panels of the topic «internet» for the passports chosen."""

from ui.topic_page import topic_page

topic_page("internet")
