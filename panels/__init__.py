"""Panels: per topic, (model, passports, filters) -> list of Panel (title, figure, table, notes, source).

Pages lay panels out; exports, the progress report and the briefing deck loop over the same panels, so a chart
exists once. What a panel shows is chosen by the data (topic and role), never by a code of one passport.
Never imports streamlit.
"""
