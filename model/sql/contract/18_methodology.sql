-- Mart: methodology of indicators (Приложение № 2).
create or replace view methodology as
select passport_id, number, indicator_name, method, base_indicators, data_source, responsible, aggregation,
       timing, extra, seq, line
from stg_methodology;
