"""IT-куб: the panels of the topic «it_cube» for the passports chosen."""

from ui.topic_page import topic_page

topic_page("it_cube")
