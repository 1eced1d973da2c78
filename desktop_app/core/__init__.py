"""The domain: articles, categories, spans and marks, in plain Python.

Nothing here imports Qt, SQLAlchemy or ReportLab (an import-linter contract in pyproject.toml checks it),
so the rules of the desk can be tested and reused by storage, importers, exporters and the UI alike.
"""
