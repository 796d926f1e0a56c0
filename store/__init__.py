"""The facts store: facts, registers, the audit log and accounts behind one API (store.facts_store), on SQLite or
PostgreSQL; the schema as one .sql file per backend."""
