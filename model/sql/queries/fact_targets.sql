-- Every key that can carry a fact (fact_target) with the passport's territory and period: of one passport
-- ($passport_id), of a list ($passport_ids) or of all (both null); in the template's order of kinds.
select t.*, p.territory, p.start_date as passport_start, p.end_date as passport_end
from fact_target t
join passport p using (passport_id)
where ($passport_id is null or passport_id = $passport_id)
  and ($passport_ids::varchar[] is null or list_contains($passport_ids::varchar[], passport_id))
order by passport_id, list_position($kind_order, kind), section, seq, year
