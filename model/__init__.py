"""The DuckDB model: built from the passports (build), opened with the live facts beside it (opening, live); its SQL
in layers under sql/ — staging, contract marts, metric marts, named queries."""
