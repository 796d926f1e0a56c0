"""`python -m metrics quality …` — the data-quality report of the passports (reports/quality.py)."""

import sys

from reports.quality import main

if __name__ == "__main__":
    sys.exit(main())
