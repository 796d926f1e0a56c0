"""The operator's command line `python -m loaders` (see __main__.py); the code lives in its products."""
