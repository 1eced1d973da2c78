"""Storage: SQLAlchemy 2 models, the engine and session factory, Alembic migrations and the services
the UI and the command line call. SQLite in the user's data folder by default; any SQLAlchemy URL works."""
