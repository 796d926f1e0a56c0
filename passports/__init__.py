"""A passport folder of YAML -> checked rows: the schema, safe YAML reading with limits, Russian messages, the
staging rows, and reading many folders in parallel with a cache by content."""
