"""Start ЦОС-монитор's Streamlit server: `python serve.py [streamlit options]` (run.sh and the browser tests).

app.py routes with st.navigation over pages/. Streamlit still treats a folder named pages/ beside the
entry point as a legacy multipage folder until st.navigation first runs, so the first session after a
start would see the legacy page list. Telling it up front keeps every session on app.py's router.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())
