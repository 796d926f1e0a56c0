-- Dated events of the chosen passports (of one topic, or every topic when $topic is null) up to the as-of date.
-- $passport_ids, $topic, $as_of
select e.*, t.topic_label
from event e
left join (select distinct topic, topic_label from vocab_topic_role) t on t.topic = e.topic
where list_contains($passport_ids, e.passport_id) and ($topic is null or e.topic = $topic)
  and e.event_date <= cast($as_of as date)
order by e.event_date, e.passport_id, e.event_id
