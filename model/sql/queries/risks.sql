-- The risk registers of the chosen passports: open risks first, the highest score first.
-- $passport_ids
select r.*, rl.label as rating_label, t.topic_label
from risk r
left join vocab_term rl on rl.vocabulary = 'risk_rating' and rl.code = r.rating
left join (select distinct topic, topic_label from vocab_topic_role) t on t.topic = r.topic
where list_contains($passport_ids, r.passport_id)
order by r.passport_id, r.is_open desc, r.score desc, r.identified_on, r.risk_id
