-- The first and last year any passport plans for (indicator and funding tables).
select min(year) as year_min, max(year) as year_max
from (select year from stg_indicator_year union all select year from stg_funding_year)
