-- The report calendar of some passports ($passport_ids; all when null) as of $as_of, in time order, with the
-- Russian labels of the kind, the state and the mark.
select c.*, k.label as kind_label, s.label as state_label, m.label as mark_label, m.colour as mark_colour
from report_calendar_asof(cast($as_of as date), $passport_ids::varchar[]) c
left join vocab_term k on k.vocabulary = 'report_kind' and k.code = c.kind
left join vocab_term s on s.vocabulary = 'report_state' and s.code = c.state
left join vocab_term m on m.vocabulary = 'deadline_mark' and m.code = c.mark
order by c.passport_id, c.deadline, c.period_end, case c.period_kind when 'month' then 0 when 'quarter' then 1 else 2 end
