"""Кадры: the panels of the topic «training» for the passports chosen."""

from ui.topic_page import topic_page

topic_page("training")
