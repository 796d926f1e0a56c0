-- Which funding tables each passport prints money in: section, first and last year, sum. $passport_ids
select passport_id, section, min(year) as year_min, max(year) as year_max, sum(amount_mln_rub) as amount_mln_rub
from funding_by_line_source
where list_contains($passport_ids, passport_id)
group by all order by all
