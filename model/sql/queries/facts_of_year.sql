-- How many indicator and result facts of the as-of date's year a passport has, reported on or before that date.
-- $passport_id, $as_of
select count(*) from fact_asof(cast($as_of as date))
where passport_id = $passport_id and kind in ('indicator', 'result') and year = year(cast($as_of as date))
