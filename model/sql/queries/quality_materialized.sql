-- Whether this model's findings are already computed (quality_materialize.sql): 1 when the table exists.
select count(*) from duckdb_tables() where database_name = current_database() and table_name = 'quality_finding_all'
