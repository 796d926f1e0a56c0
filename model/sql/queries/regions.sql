-- The regions passports belong to, with how many passports each has (a region's own and its municipalities').
select region, any_value(region_code) as region_code, count(*) as passports,
       count(*) filter (where level = 'municipal') as municipal
from passport where region is not null
group by region order by region
